// Lists the catalog rule ids no test has produced, from the cumulative record the jest reporter keeps
// (node_modules/.cache/deploy-gates/rules-seen.log, every local test run adds to it), next to the allowlist.
//   node scripts/rule-coverage.mjs          print what is missing and what the allowlist says
import { build } from 'esbuild'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'

const bundle = await build({
  stdin: {
    contents:
      "export { GATE_NAMES } from './src/types.ts'\nexport { loadCatalog } from './src/rules/registry.ts'\n",
    resolveDir: process.cwd(),
    loader: 'ts'
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  write: false,
  logLevel: 'silent'
})
const file = path.resolve('node_modules/.cache/deploy-gates', `coverage-${process.pid}.mjs`)
mkdirSync(path.dirname(file), { recursive: true })
writeFileSync(file, bundle.outputFiles[0].contents)
const { GATE_NAMES, loadCatalog } = await import(pathToFileURL(file).href).finally(() => rmSync(file))

const record = 'node_modules/.cache/deploy-gates/rules-seen.log'
const seen = new Set(existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [])
const allowed = JSON.parse(readFileSync('__tests__/rules/unproduced-rules.json', 'utf8'))
let missing = 0
for (const gate of GATE_NAMES) {
  for (const rule of (await loadCatalog(gate)).rules) {
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
