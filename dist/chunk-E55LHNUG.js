
import{a as o}from"./chunk-EH66V6SC.js";var e=o("deployment",{});export{e as a};
