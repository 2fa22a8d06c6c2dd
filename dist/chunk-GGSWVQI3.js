
import{a as r,g as n,h as o}from"./chunk-NHWIV3EC.js";var F=r.input;function a(e,t,i={}){return o(e,t,i)}function x(e,t,i={}){return n(e,t,i)}export{a,x as b};
