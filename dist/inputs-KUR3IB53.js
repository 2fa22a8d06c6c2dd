
import{a,b}from"./chunk-SMXTKRFY.js";import"./chunk-ROBMQG3Z.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
