
import{a,b}from"./chunk-577XNCJE.js";import"./chunk-J6BXM73U.js";import"./chunk-T3VOVAB2.js";import"./chunk-ROBMQG3Z.js";import"./chunk-Z2UGTRBV.js";import"./chunk-ALGGDNTV.js";import"./chunk-NVQG5IMY.js";import"./chunk-WJYWMIDE.js";import"./chunk-ZMJ7X5PX.js";import"./chunk-ZQROTLQF.js";import"./chunk-ODE32QDE.js";import"./chunk-QI3JHIBX.js";export{b as migrationsGate,a as runMigrationsGate};
