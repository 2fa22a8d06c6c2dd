
import{a,b}from"./chunk-W5HL7ZVQ.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{b as BREAKING_RULE_IDS,a as catalog};
