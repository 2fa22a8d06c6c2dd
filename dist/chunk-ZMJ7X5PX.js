
var r=class extends Error{name="UserError"},t=class extends r{name="InputError"},o=class extends r{constructor(a,d,n,s){super(`${d}${n?`:${n}${s?`:${s}`:""}`:""}: ${a}`);this.file=d;this.line=n;this.column=s}file;line;column;name="FileError"};function u(e){return e instanceof Error?e.message:String(e)}export{r as a,t as b,o as c,u as d};
