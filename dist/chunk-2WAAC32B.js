
function i(r,n=80){let t=Array.from(r.length>n*4?r.slice(0,n*4):r),e=r.length>n*4?Array.from(r).length:t.length,o=t.slice(0,n).join("").replace(/[\u0000-\u001f\u007f\u2028\u2029']/g,s);return e>n?`'${o}\u2026' (${e-n} more characters)`:`'${o}'`}function s(r){return r===`
`?"\\n":r==="\r"?"\\r":r==="	"?"\\t":r==="'"?"\\'":`\\u${r.charCodeAt(0).toString(16).padStart(4,"0")}`}function c(r,n){return r.length<=n?r:`${r.slice(0,n)}\u2026 (${r.length-n} more characters)`}export{i as a,c as b};
