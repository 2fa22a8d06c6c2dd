
var _="deploy-gates",t="0.1.0",e="https://github.com/deploy-gates/deploy-gates";export{_ as a,t as b,e as c};
