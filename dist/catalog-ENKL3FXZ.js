
import{a}from"./chunk-EP6HDPO6.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{a as catalog};
