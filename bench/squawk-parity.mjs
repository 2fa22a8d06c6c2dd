// Agreement with squawk, rule for rule (not part of `npm test`; a few seconds).
// The cases in __fixtures__/migrations/squawk-parity/cases.json were written from squawk's rule documentation
// and strong_migrations' README. Each case names one of our rules and squawk's counterpart; both linters read
// the same file (ours statement by statement, as squawk reads a file), and a case agrees when both flag it or
// neither does. Disagreements are listed with the case's note (the deliberate differences are documented in
// docs/gates/migrations-lint.md).
// Usage: node bench/squawk-parity.mjs      squawk: `npm install --prefix /tmp/squawk squawk-cli` (or SQUAWK=…)
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'

const run = promisify(execFile)
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const SQUAWK = process.env.SQUAWK ?? '/tmp/squawk/node_modules/.bin/squawk'
const { cases } = JSON.parse(
  readFileSync(path.join(REPO, '__fixtures__/migrations/squawk-parity/cases.json'), 'utf8')
)
if (!existsSync(SQUAWK)) {
  console.error(`squawk not found at ${SQUAWK}: npm install --prefix /tmp/squawk squawk-cli`)
  process.exit(2)
}

// Our linter, bundled from the sources (inside the repository, so libpg-query resolves from node_modules).
const cache = path.join(REPO, 'node_modules', '.cache', 'deploy-gates-bench')
mkdirSync(cache, { recursive: true })
const entry = path.join(cache, 'squawk-parity-entry.ts')
writeFileSync(
  entry,
  `export { checkStatements } from '${REPO}/src/gates/migrations/lint/check.ts'\nexport { loadSqlParser, parseSql } from '${REPO}/src/gates/migrations/sql/parse.ts'\n`
)
const bundle = path.join(cache, 'squawk-parity.mjs')
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  external: ['libpg-query'],
  logLevel: 'warning'
})
const lint = await import(pathToFileURL(bundle).href)
await lint.loadSqlParser()

const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-squawk-parity-'))
cases.forEach((c, i) => writeFileSync(path.join(dir, `case-${String(i).padStart(3, '0')}.sql`), c.sql + '\n'))
const { stdout } = await run(SQUAWK, ['--reporter', 'json', '*.sql'], { cwd: dir, maxBuffer: 1 << 28 }).catch(
  e => e
)
const squawkFired = new Map()
for (const f of JSON.parse(stdout)) {
  const file = path.basename(f.file)
  if (!squawkFired.has(file)) squawkFired.set(file, new Set())
  squawkFired.get(file).add(f.rule_name)
}
const version = (await run(SQUAWK, ['--version'])).stdout.trim()

let agree = 0
const byRule = new Map()
const differences = []
cases.forEach((c, i) => {
  const file = `case-${String(i).padStart(3, '0')}.sql`
  const parsed = lint.parseSql(c.sql)
  const lockTimeoutRules = c.rule.startsWith('missing-') && c.rule.endsWith('-timeout')
  const ours = lint
    .checkStatements(parsed.statements, { transaction: 'none', lockTimeoutRules })
    .some(v => v.rule === c.rule)
  const theirs = squawkFired.get(file)?.has(c.squawk) ?? false
  const same = ours === theirs
  if (same) agree++
  else
    differences.push(
      `  ${c.rule} / ${c.squawk}: ours ${ours ? 'flags' : 'passes'}, squawk ${theirs ? 'flags' : 'passes'}: ${c.sql.replace(/\n/g, ' ').slice(0, 80)}${c.note ? `\n      (${c.note})` : ''}`
    )
  const key = `${c.rule} ↔ ${c.squawk}`
  const row = byRule.get(key) ?? { cases: 0, agree: 0 }
  row.cases++
  if (same) row.agree++
  byRule.set(key, row)
})
console.log(`squawk parity: ${cases.length} cases, ${version}`)
for (const [key, row] of byRule) console.log(`  ${key.padEnd(80)} ${row.agree}/${row.cases}`)
console.log(`\ndisagreements (${differences.length}):\n${differences.join('\n')}`)
console.log(`\nagreement: ${agree}/${cases.length} = ${((100 * agree) / cases.length).toFixed(1)}%`)
rmSync(dir, { recursive: true, force: true })
