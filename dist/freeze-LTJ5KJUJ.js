
import{a,b}from"./chunk-JVZZRYDR.js";import"./chunk-OH43TW7J.js";import"./chunk-7SZ6U6ME.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{a as freezeGate,b as runFreeze};
