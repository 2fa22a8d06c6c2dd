#!/usr/bin/env node
import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import{c as T,d as _,e as L,f as j,g as U,h as M,i as D,j as F,k as J,l as W,p as Y}from"./chunk-YEJB7AQX.js";import{b as H}from"./chunk-G6HYMJZM.js";import{a as C,c as P}from"./chunk-6OCMBFOR.js";import{b as R}from"./chunk-MO5RG3HE.js";import{a as I,b as G,g as y,i as S,t as $}from"./chunk-PYUDEJRZ.js";import{a}from"./chunk-YMB326OL.js";var B=`name: deploy-gates
description: Stop bad deployments before users see them \u2014 env drift, dangerous migrations, broken API contracts, unhealthy releases.
author: deploy-gates
branding:
  icon: shield
  color: green

inputs:
  # \u2500\u2500 Common \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  gate:
    description: 'Which gate to run: \`env\`, \`migrations\`, \`contract\`, \`health\`, \`deployment\`, \`rollback\` or \`metrics\`.'
    required: true
  fail-on:
    description: 'Lowest finding severity that fails the step: \`error\`, \`warning\` or \`never\` (report only).'
    required: false
    default: error
  github-token:
    description: 'Token for PR comments and the Deployments API. The default job token is enough; give \`pull-requests: write\` for comments and \`deployments: write\` for records.'
    required: false
    default: \${{ github.token }}
  comment:
    description: 'Post one sticky comment per gate on \`pull_request\` events, updated in place on re-runs.'
    required: false
    default: 'true'
  working-directory:
    description: 'Directory that relative paths are resolved against (and annotation paths are relative to).'
    required: false
    default: .
  report:
    description: 'Path of the JSON report of every finding. Empty: a file in \`RUNNER_TEMP\`. Its path is the \`report\` output.'
    required: false
    default: ''
  sarif:
    description: 'Also write findings as SARIF 2.1.0 to this path, for \`github/codeql-action/upload-sarif\`. Empty: none.'
    required: false
    default: ''
  junit:
    description: 'Also write a JUnit XML report to this path (one test case per check). Empty: none.'
    required: false
    default: ''

  # \u2500\u2500 gate: env \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  schema:
    description: '[env] What must be set: a \`.env.example\`-style file (every key required) or a YAML schema with per-variable \`required\`, \`type\`, \`pattern\`, \`values\`, \`secret\`, \`parity\`.'
    required: false
    default: ''
  env-files:
    description: '[env] Newline- or comma-separated \`.env\` files to check, e.g. \`.env.staging\` and \`.env.production\`.'
    required: false
    default: ''
  environment:
    description: '[env] Environment whose rules apply (default: derived from each file name, \`.env.production\` \u2192 \`production\`). [deployment, rollback, metrics] The GitHub environment name (default \`production\`).'
    required: false
    default: ''
  check-process-env:
    description: "[env] Also validate the job's own environment, where CI secrets are injected (values are never printed)."
    required: false
    default: 'false'

  # \u2500\u2500 gate: migrations \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  migrations-dir:
    description: "[migrations] Directory holding the migrations. Empty: detected from the tool's usual layout."
    required: false
    default: ''
  tool:
    description: '[migrations] Migration tool: \`auto\`, \`prisma\`, \`flyway\`, \`golang-migrate\`, \`knex\`, \`node-pg-migrate\`, \`dbmate\`, \`rails\`, \`django\`, \`alembic\`, \`drizzle\`, \`sequelize\`, \`typeorm\`.'
    required: false
    default: auto
  database-url:
    description: '[migrations] \`postgres://\` URL of the target database, read only (a read-only role is enough). Empty: only the offline lint runs. The password is masked.'
    required: false
    default: ''
  base-ref:
    description: "[migrations] Lint only migrations added or changed since this git ref. Empty: the pull request's base, else all migrations."
    required: false
    default: ''
  dialect:
    description: '[migrations] SQL dialect of the migrations. Only \`postgres\` is supported.'
    required: false
    default: postgres
  allow:
    description: '[migrations] Rule ids to downgrade to warnings (newline- or comma-separated).'
    required: false
    default: ''
  lock-timeout-rules:
    description: '[migrations] Also flag lock-taking statements that run without a \`lock_timeout\` (noisy, so off by default).'
    required: false
    default: 'false'

  # \u2500\u2500 gate: contract \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  spec:
    description: '[contract] Path of the OpenAPI 3.0 or 3.1 document (YAML or JSON; \`$ref\`s to other files are followed).'
    required: false
    default: ''
  base-spec:
    description: '[contract] The spec to diff against: a file, or \`REF:path\` read from git (e.g. \`origin/main:openapi.yaml\`). Empty: on a pull request, the same path at the base ref.'
    required: false
    default: ''
  base-url:
    description: '[contract] URL of the deployed service to verify against the spec. Empty: no live verification.'
    required: false
    default: ''
  headers:
    description: '[contract] Newline-separated \`Name: value\` headers sent with every request (how to authenticate). Values are masked.'
    required: false
    default: ''
  operations:
    description: '[contract] Which operations to verify: newline-separated operationIds, \`tag:<name>\`, or paths; prefix \`!\` to exclude. Empty: all.'
    required: false
    default: ''
  unsafe-methods:
    description: '[contract] Also send POST, PUT, PATCH and DELETE requests. Off: only GET, HEAD and OPTIONS are sent.'
    required: false
    default: 'false'
  concurrency:
    description: '[contract] Requests in flight at once during live verification.'
    required: false
    default: '8'
  request-timeout:
    description: '[contract, health] Timeout of one HTTP request, with units (\`500ms\`, \`10s\`).'
    required: false
    default: 10s
  breaking-rules:
    description: '[contract] File overriding breaking-change rule severities, one \`<rule-id> error|warning|off\` a line.'
    required: false
    default: ''

  # \u2500\u2500 gate: health \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  url:
    description: '[health] Newline-separated URLs to probe.'
    required: false
    default: ''
  expect-status:
    description: '[health] Accepted status codes: \`2xx\`, \`200\`, \`200,204\`, \`200-299\`.'
    required: false
    default: 2xx
  expect-body:
    description: '[health] Newline-separated assertions on the JSON body, e.g. \`$.version == abc123\`, \`$.db == "ok"\`, \`$.queue.lag < 100\` (\`==\`, \`!=\`, \`<\`, \`<=\`, \`>\`, \`>=\`, \`contains\`, \`matches\`).'
    required: false
    default: ''
  expect-header:
    description: '[health] Newline-separated \`Name: value\` headers the response must carry (\`Name\` alone: must be present).'
    required: false
    default: ''
  readiness-timeout:
    description: '[health] How long to wait, with backoff, for the first healthy answer.'
    required: false
    default: 120s
  window:
    description: '[health] Verification window after readiness (default \`60s\`). [metrics] History window (default \`90d\`).'
    required: false
    default: ''
  interval:
    description: '[health] Time between probes (and Prometheus evaluations) during the window.'
    required: false
    default: 5s
  failure-limit:
    description: '[health] Failed probes tolerated in the window before the gate fails (Argo Rollouts semantics: fail when failures exceed it).'
    required: false
    default: '0'
  consecutive-error-limit:
    description: '[health] Consecutive probe errors (connection refused, timeout) tolerated before the gate fails.'
    required: false
    default: '4'
  max-error-rate:
    description: '[health] Highest tolerated share of failed probes over the window, from 0 to 1. Empty: not checked.'
    required: false
    default: ''
  max-latency-p95:
    description: '[health] Highest tolerated 95th-percentile probe latency, in milliseconds. Empty: not checked.'
    required: false
    default: ''
  tls-min-days:
    description: '[health] For https URLs, fail when the certificate expires within this many days. Empty: not checked.'
    required: false
    default: ''
  prometheus-url:
    description: '[health] Prometheus base URL for canary analysis (queried at \`/api/v1/query\`).'
    required: false
    default: ''
  prometheus-query:
    description: '[health] PromQL query evaluated at each interval, e.g. an error ratio.'
    required: false
    default: ''
  success-condition:
    description: "[health] Condition on the query's value, e.g. \`result < 0.01\`."
    required: false
    default: ''
  on-no-data:
    description: '[health] What a query returning no data means: \`fail\`, \`pass\` or \`inconclusive\` (a warning).'
    required: false
    default: fail

  # \u2500\u2500 gate: deployment \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  ref:
    description: "[deployment] Git ref or SHA being deployed (default: the workflow's SHA). [rollback] Roll back to this ref instead of the last good one."
    required: false
    default: ''
  payload:
    description: '[deployment] JSON object stored with the deployment: the immutable artifact''s identity, e.g. \`{"artifact":"registry/app@sha256:\u2026"}\`.'
    required: false
    default: ''
  deployment-id:
    description: '[deployment] Existing deployment to move to \`state\`. Empty: create a new deployment.'
    required: false
    default: ''
  state:
    description: '[deployment] Status to set: \`in_progress\`, \`success\`, \`failure\`, \`error\`, \`inactive\`, \`queued\` or \`pending\`.'
    required: false
    default: in_progress
  environment-url:
    description: '[deployment] URL of the deployed environment, shown on the deployment.'
    required: false
    default: ''
  log-url:
    description: "[deployment] URL of the deployment's logs (default: this workflow run)."
    required: false
    default: ''
  production-environment:
    description: '[deployment] Mark the environment as production (default: true when its name contains \`prod\`).'
    required: false
    default: ''
  rollback-of:
    description: '[deployment] Id of the deployment this one rolls back; recorded as \`payload.rollback_of\`.'
    required: false
    default: ''

  # \u2500\u2500 gate: rollback \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500
  artifact-check:
    description: "[rollback] URL expected to answer 2xx when the rollback target's artifact still exists; \`{sha}\`, \`{ref}\` and \`{payload.<key>}\` are substituted."
    required: false
    default: ''
  migrations-report:
    description: '[rollback] JSON report of the migration gate; warns when migrations applied since the target are not rollback-safe.'
    required: false
    default: ''

outputs:
  status:
    description: '\`passed\` or \`failed\`.'
  errors:
    description: 'Number of error findings.'
  warnings:
    description: 'Number of warning findings.'
  report:
    description: 'Path of the JSON report of every finding.'
  pending:
    description: '[migrations] Number of migrations this deploy will apply.'
  pending-migrations:
    description: '[migrations] JSON list of the pending migrations, in order.'
  destructive:
    description: '[migrations] \`true\` when a migration in scope drops or deletes data.'
  rollback-safe:
    description: '[migrations] \`false\` when the previous application version cannot run against the migrated schema.'
  breaking-changes:
    description: '[contract] Number of breaking changes between base and head spec.'
  violations:
    description: '[contract] Number of live responses that did not match the spec.'
  operations-checked:
    description: '[contract] Number of operations verified against the live service.'
  healthy:
    description: '[health] \`true\` when every target passed readiness and the verification window.'
  error-rate:
    description: '[health] Share of failed probes in the window, 0 to 1.'
  latency-p95-ms:
    description: '[health] 95th-percentile probe latency in milliseconds.'
  probes:
    description: '[health] Number of probes sent.'
  deployment-id:
    description: '[deployment] Id of the deployment created or updated. [rollback] Id of the rollback target.'
  ref:
    description: '[rollback] Ref of the last good deployment.'
  sha:
    description: '[rollback] Commit SHA of the last good deployment.'
  payload:
    description: '[rollback] JSON payload of the last good deployment (the artifact to redeploy).'
  deployment-frequency:
    description: '[metrics] Successful deployments (not counting rollbacks) per day over the window.'
  lead-time-hours:
    description: '[metrics] Median hours from the deployed commit to its successful deployment. Empty: no data.'
  change-failure-rate:
    description: '[metrics] Share of changes, 0 to 1, that got a failure status or were rolled back. Empty: no data.'
  time-to-restore-hours:
    description: '[metrics] Median hours from a failed change to the next successful deployment. Empty: no data.'

runs:
  using: node24
  main: dist/index.js
`;var ne=/\[([a-z, -]+)\]\s*/g;function oe(e){let o={},r=[...e.matchAll(ne)].filter(t=>t[1].split(",").every(n=>y.includes(n.trim())));return r.length===0?{untagged:e.trim(),perGate:o}:(r.forEach((t,n)=>{let i=t.index+t[0].length,d=n+1<r.length?r[n+1].index:e.length,p=e.slice(i,d).trim();for(let c of t[1].split(","))o[c.trim()]=p}),{untagged:e.slice(0,r[0].index).trim(),perGate:o})}a(oe,"splitDescription");function V(e){let o=R(e);return Object.entries(o.inputs??{}).map(([r,t])=>{let n=String(t.description??""),{untagged:i,perGate:d}=oe(n),p=t.default===void 0||t.default===null?"":String(t.default);return{name:r,description:i||n,default:p,common:Object.keys(d).length===0,perGate:d,boolean:p==="true"||p==="false"}})}a(V,"parseActionInputs");function N(e,o){return[...e.filter(r=>r.common),...e.filter(r=>r.perGate[o]!==void 0)]}a(N,"inputsForGate");function z(e,o){return o&&e.perGate[o]||e.description}a(z,"describeFor");var K=V(B);function ie(e,o){let r=Array.from({length:o.length+1},(t,n)=>n);for(let t=1;t<=e.length;t++){let n=[t];for(let i=1;i<=o.length;i++){let d=e[t-1]===o[i-1]?0:1;n[i]=Math.min(r[i]+1,n[i-1]+1,r[i-1]+d)}r=n}return r[o.length]}a(ie,"editDistance");function E(e,o){let r,t=1/0;for(let n of o){let i=n.startsWith(e)&&e.length>=3?1:ie(e,n);i<t&&(r=n,t=i)}return r!==void 0&&t<=Math.max(2,Math.floor(e.length/3))?r:void 0}a(E,"closest");var m=class extends I{static{a(this,"UsageError")}name="UsageError"},ae=["json","help","version"],Q=new Set(["comment"]);function se(e){if(y.includes(e))return e;let o=E(e,y);throw new m(`unknown gate '${e}'${o?`; did you mean '${o}'?`:""} (gates: ${y.join(", ")})`)}a(se,"parseGate");function le(e,o,r,t){let n=r.find(d=>d.name===e&&d.name!=="gate");if(n){let d=Object.keys(n.perGate).join(", ");return new m(`--${e} is an input of the ${d} gate${d.includes(",")?"s":""}, not of ${o}`)}let i=E(e,t);return new m(`unknown option --${e}${i?`; did you mean --${i}?`:""}`)}a(le,"unknownFlag");function X(e,o){let r=[...e],t=r.some(s=>s==="--help"||s==="-h");if(r.some(s=>s==="--version"||s==="-V"))return{kind:"version"};let n=r[0];if(n===void 0||n.startsWith("-")){if(t)return{kind:"help"};throw new m(n===void 0?"name a gate: deploy-gates <gate> [options]":`the gate comes first: deploy-gates <gate> ${n}`)}let i=se(n);if(t)return{kind:"help",gate:i};let d=N(o,i).filter(s=>s.name!=="gate"),p=new Map(d.map(s=>[s.name,s])),c=[...d.map(s=>s.name),...ae],h={},u=!1,b=a((s,f)=>{h[s]=h[s]===void 0?f:`${h[s]}
${f}`},"set");for(let s=1;s<r.length;s++){let f=r[s];if(!f.startsWith("--")||f==="--")throw new m(`unexpected argument '${f}'`);let v=f.indexOf("="),l=v>0?f.slice(2,v):f.slice(2),g=v>0?f.slice(v+1):void 0;if(l==="json"){if(g!==void 0)throw new m("--json takes no value");u=!0;continue}!p.has(l)&&l.startsWith("no-")&&p.get(l.slice(3))?.boolean&&g===void 0&&(l=l.slice(3),g="false");let q=p.get(l);if(!q)throw le(l,i,o,c);if(g!==void 0){b(l,g);continue}let k=r[s+1];if(q.boolean){k!==void 0&&/^(true|false|yes|no|on|off|1|0)$/i.test(k)?b(l,r[++s]):b(l,"true");continue}if(k===void 0||k.startsWith("--"))throw new m(`--${l} needs a value`);b(l,r[++s])}return{kind:"run",gate:i,values:h,json:u}}a(X,"parseCliArgs");function Z(e,o,r){let t={};for(let n of N(r,o))n.default!==""&&!n.default.includes("${{")&&(t[n.name]=n.default);return{...t,...e,gate:o}}a(Z,"withDefaults");var de=100,A=30;function ce(e){return e.replace(/`/g,"").replace(/\s+/g," ").trim()}a(ce,"plain");function ue(e,o){let r=[],t="";for(let n of e.split(" "))t&&t.length+1+n.length>o?(r.push(t),t=n):t=t?`${t} ${n}`:n;return t&&r.push(t),r}a(ue,"wrap");function x(e,o){let r=ue(o,de-A),t=`  ${e}`.padEnd(A);return(t.length>A?`${t}
${" ".repeat(A)}`:t)+r.join(`
${" ".repeat(A)}`)}a(x,"option");function O(e,o){let r=e.boolean?`--${e.name}`:`--${e.name} <value>`,t=ce(z(e,o));return e.default!==""&&!e.default.includes("${{")&&(t+=` (default: ${e.default})`),e.name==="github-token"&&(t+=" (default: $GITHUB_TOKEN)"),Q.has(e.name)&&(t+=" (action only: the CLI never comments)"),x(r,t)}a(O,"inputOption");var pe=["Output options:",x("--json","Print the JSON report (the same as the action writes) instead of the human-readable report."),x("-h, --help","Show this help."),x("-V, --version","Show the version."),"","Exit codes: 0 passed, 1 the gate failed or could not run, 2 usage error.","Colour is used on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 forces it."];function ee(e,o){let r=[];if(o){let t=N(e,o).filter(n=>n.name!=="gate");r.push(`usage: deploy-gates ${o} [--<input> <value>]... [--json]`,"",`Options of the ${o} gate:`);for(let n of t.filter(i=>!i.common))r.push(O(n,o));r.push("","Common options:");for(let n of t.filter(i=>i.common))r.push(O(n,o))}else{r.push("usage: deploy-gates <gate> [--<input> <value>]... [--json]","",`Runs one deploy gate locally, exactly as the GitHub Action does. Gates: ${y.join(", ")}.`,"Options are the action's inputs; `deploy-gates <gate> --help` lists a gate's own.","","example:","  deploy-gates env --schema .env.example --env-files .env.staging,.env.production","","Common options:");for(let t of e.filter(n=>n.common&&n.name!=="gate"))r.push(O(t,void 0))}return r.push("",...pe),r.join(`
`)+`
`}a(ee,"renderHelp");var fe=a(()=>({stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()}),"defaultStreams");async function te(e,o,r=fe()){let{stdout:t,stderr:n,env:i}=r,d=i.RUNNER_DEBUG==="1"||!!i.DEPLOY_GATES_DEBUG,p=y.find(c=>c===e[0])??"";try{let c=X(e,o);if(c.kind==="help")return t.write(ee(o,c.gate)),0;if(c.kind==="version")return t.write(`deploy-gates ${H}
`),0;let h=S(Z(c.values,c.gate,o)),u=$(h,r.cwd),b=Y(u.workingDirectory,u.githubToken||i.GITHUB_TOKEN||"",{info:a(w=>n.write(`${w}
`),"info"),warning:a(w=>n.write(`warning: ${w}
`),"warning"),debug:a(w=>d?n.write(`debug: ${w}
`):void 0,"debug")}),s=await T(u.gate),f=await s.parseInputs(h,u,b),v=await s.run(f,b),l=J(v.secrets),g=W(v,l),q=C(g.findings),k=P(q,u.failOn);if(await D(g,u,l,{locate:a(w=>F(w,u.workingDirectory,i.GITHUB_WORKSPACE),"locate")}),c.json)t.write(l(JSON.stringify(l.deep(M(g,u.failOn)),null,2))+`
`);else{let w=_(t,i);t.write(l(L({result:g,status:k,counts:q,failOn:u.failOn},w)))}return k==="failed"?1:0}catch(c){let h=c instanceof m||c instanceof G;n.write(`deploy-gates: ${j(c)}
`),h&&n.write(`run 'deploy-gates ${p?`${p} `:""}--help' for the options
`);let u=U(c);return u&&d&&n.write(`${u}
`),h?2:1}}a(te,"runCli");process.exitCode=await te(process.argv.slice(2),K);
