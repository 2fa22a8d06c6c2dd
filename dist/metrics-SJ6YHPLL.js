
import{a,b}from"./chunk-HMENCWSF.js";import"./chunk-PXIIOZO7.js";import"./chunk-Z2UGTRBV.js";import"./chunk-3FBDUU3G.js";import"./chunk-7KGSFBYG.js";import"./chunk-SZI2OTVE.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{a as DEFAULT_MAX_DEPLOYMENTS,b as metricsGate};
