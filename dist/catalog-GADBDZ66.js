
import{a}from"./chunk-DO7GJ5HT.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{a as catalog};
