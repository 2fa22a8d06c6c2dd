
function r(n){return Object.entries(n).map(([e,t])=>{if(!/^[a-z][a-z0-9-]*$/.test(e))throw new Error(`input '${e}' must be kebab-case`);if(t.kind==="choice"&&!t.choices?.length)throw new Error(`input '${e}': a choice needs choices`);return{name:e,...t}})}function i(n){return Object.entries(n).map(([e,t])=>({name:e,description:t}))}export{r as a,i as b};
