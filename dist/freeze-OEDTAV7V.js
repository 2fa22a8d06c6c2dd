
import{a,b}from"./chunk-O3ZS3WD6.js";import"./chunk-HUZSPSHO.js";import"./chunk-7SZ6U6ME.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{a as freezeGate,b as runFreeze};
