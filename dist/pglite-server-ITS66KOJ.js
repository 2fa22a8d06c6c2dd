
import{a}from"./chunk-5TZVGQMI.js";import"./chunk-UIHBNHI7.js";import"./chunk-QI3JHIBX.js";export{a as startPgliteServer};
