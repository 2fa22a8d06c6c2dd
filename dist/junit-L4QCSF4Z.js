
import{b as u,d as m,f as $}from"./chunk-HHI3DOCX.js";import"./chunk-QI3JHIBX.js";var h=/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;function i(e){return e.replace(h,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;").replace(/'/g,"&apos;")}function y(e){let t=$(e);return e.file===void 0?t:t?`${e.file}:${t}`:e.file}function f(e){let t=y(e);return`${e.severity}${t?` ${t}`:""} ${e.rule}: ${e.message}${e.help?`
${e.help}`:""}`}function g(e,t,n,a){let s=[`classname="${i(e)}"`,`name="${i(t)}"`];return n?.file!==void 0&&s.push(`file="${i(n.file)}"`),n?.line!==void 0&&s.push(`line="${n.line}"`),a!==void 0&&s.push(`time="${(a/1e3).toFixed(3)}"`),`    <testcase ${s.join(" ")}>`}function c(e,t,n){let a=y(t),s=`${t.rule}${a?` ${a}`:""}`,r=u(t.severity,n),o=r?`<failure message="${i(t.message)}" type="${i(t.rule)}">${i(f(t))}</failure>`:`<system-out>${i(f(t))}</system-out>`;return{xml:`${g(`deploy-gates.${e}`,s,t)}${o}</testcase>
`,failed:r,skipped:!1}}function C(e,t,n){let a=`deploy-gates.${e}${t.group?`.${t.group}`:""}`,s=t.findings.filter(p=>u(p.severity,n)).sort(m),r=t.findings.filter(p=>!u(p.severity,n)).sort(m),o="";if(t.skipped!==void 0&&(o+=`<skipped message="${i(t.skipped)}"/>`),s.length>0){let[p]=s,F=s.length===1?p.message:`${s.length} failures; first: ${p.message}`;o+=`<failure message="${i(F)}" type="${i(p.rule)}">${i(s.map(f).join(`
`))}</failure>`}r.length>0&&(o+=`<system-out>${i(r.map(f).join(`
`))}</system-out>`);let l=s[0]??r[0];return{xml:`${g(a,t.name,l,t.durationMs)}${o}</testcase>
`,failed:s.length>0,skipped:t.skipped!==void 0&&s.length===0}}function d(e){return JSON.stringify([e.rule,e.severity,e.message,e.file,e.line,e.column])}function k(e,t){let n=[...e.findings].sort(m);if(e.checks&&e.checks.length>0){let a=new Set(e.checks.flatMap(s=>s.findings.map(d)));return[...e.checks.map(s=>C(e.gate,s,t)),...n.filter(s=>!a.has(d(s))).map(s=>c(e.gate,s,t))]}return n.length>0?n.map(a=>c(e.gate,a,t)):[{xml:`${g(`deploy-gates.${e.gate}`,e.title,void 0)}<system-out>${i(e.scope)}</system-out></testcase>
`,failed:!1,skipped:!1}]}function b(e,t){let n=k(e,t),a=n.length,s=n.filter(l=>l.failed).length,r=n.filter(l=>l.skipped).length,o=`deploy-gates ${e.gate}: ${e.title}`;return`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deploy-gates" tests="${a}" failures="${s}" errors="0">
  <testsuite name="${i(o)}" tests="${a}" failures="${s}" errors="0" skipped="${r}">
    <properties><property name="scope" value="${i(e.scope)}"/><property name="fail-on" value="${t}"/></properties>
`+n.map(l=>l.xml).join("")+`  </testsuite>
</testsuites>
`}export{b as buildJunit,i as escapeXml};
