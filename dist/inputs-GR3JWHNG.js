
import{a,b}from"./chunk-ZK7OVJLW.js";import"./chunk-XC5BP3ET.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
