
import{a,b}from"./chunk-FMU4V4X3.js";import"./chunk-XA5WP4C2.js";import"./chunk-LVCQQ4HX.js";import"./chunk-QI3JHIBX.js";export{a as inputs,b as outputs};
