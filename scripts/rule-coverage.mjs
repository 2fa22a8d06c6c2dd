// Lists the catalog rule ids no test has produced, from the cumulative record the jest reporter keeps
// (node_modules/.cache/deploy-gates/rules-seen.log, every local test run adds to it), next to the allowlist.
//   node scripts/rule-coverage.mjs          print what is missing and what the allowlist says
import { existsSync, readFileSync } from 'node:fs'
import { loadCatalogs } from './jest-rule-coverage.js'

const catalogs = await loadCatalogs()
const record = 'node_modules/.cache/deploy-gates/rules-seen.log'
const seen = new Set(existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [])
const allowed = JSON.parse(readFileSync('__tests__/rules/unproduced-rules.json', 'utf8'))
let missing = 0
for (const [gate, catalog] of catalogs) {
  for (const rule of catalog.rules) {
    const id = `${gate}/${rule.id}`
    if (seen.has(id)) {
      if (id in allowed) console.log(`stale allowlist entry (now produced): ${id}`)
      continue
    }
    missing++
    console.log(
      `${id in allowed ? 'allowlisted' : 'MISSING    '} ${id}${id in allowed ? `: ${allowed[id]}` : ''}`
    )
  }
}
console.log(`${missing} catalog ids not produced by any recorded test run (${seen.size} produced)`)
