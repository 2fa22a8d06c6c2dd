
import{a as r,f as n,g as o}from"./chunk-UDUXRYDQ.js";var F=r.input;function a(e,t,i={}){return o(e,t,i)}function x(e,t,i={}){return n(e,t,i)}export{a,x as b};
