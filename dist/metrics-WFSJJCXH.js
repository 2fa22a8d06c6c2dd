
import{a,b}from"./chunk-64ZLLTBR.js";import"./chunk-GK7BC6L3.js";import"./chunk-Z2UGTRBV.js";import"./chunk-3FBDUU3G.js";import"./chunk-7KGSFBYG.js";import"./chunk-SZI2OTVE.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{a as DEFAULT_MAX_DEPLOYMENTS,b as metricsGate};
