
import{a,b}from"./chunk-RWWJ5AI5.js";import"./chunk-XA5WP4C2.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
