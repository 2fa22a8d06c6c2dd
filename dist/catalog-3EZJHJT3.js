
import{a}from"./chunk-T3VOVAB2.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{a as catalog};
