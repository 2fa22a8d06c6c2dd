
import{a}from"./chunk-WN75V7VW.js";import"./chunk-UIHBNHI7.js";import"./chunk-QI3JHIBX.js";export{a as startPgliteServer};
