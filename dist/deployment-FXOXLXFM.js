
import{a,b}from"./chunk-AYQIQ4LZ.js";import"./chunk-3FBDUU3G.js";import"./chunk-7KGSFBYG.js";import"./chunk-SZI2OTVE.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-QI3JHIBX.js";export{b as DEFAULT_PRODUCTION_ENVIRONMENTS,a as deploymentGate};
