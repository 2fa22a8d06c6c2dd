
import{a,b}from"./chunk-JJ5ARVO4.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
