
import{a}from"./chunk-HUZSPSHO.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{a as catalog};
