
import{a as o}from"./chunk-ZQROTLQF.js";var e=o("deployment",{});export{e as a};
