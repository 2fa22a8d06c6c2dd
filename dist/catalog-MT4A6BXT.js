
import{a}from"./chunk-RKIGEDA5.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{a as catalog};
