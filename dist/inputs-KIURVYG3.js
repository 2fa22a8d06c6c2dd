
import{a,b}from"./chunk-ERCS534Q.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
