
import{a,b}from"./chunk-6HKM5RVM.js";import"./chunk-J6BXM73U.js";import"./chunk-PJ4RKGXQ.js";import"./chunk-ROBMQG3Z.js";import"./chunk-Z2UGTRBV.js";import"./chunk-GGSWVQI3.js";import"./chunk-NHWIV3EC.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-EH66V6SC.js";import"./chunk-GLTGVLHR.js";import"./chunk-QI3JHIBX.js";export{b as migrationsGate,a as runMigrationsGate};
