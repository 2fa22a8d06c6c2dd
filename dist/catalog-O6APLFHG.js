
import{a,b}from"./chunk-2DWB24TO.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{b as BREAKING_RULE_IDS,a as catalog};
