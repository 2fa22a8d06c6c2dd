// Jest reporter: proves the rule catalogs and the tests agree.
//  1. Every rule id a finding carried in any test (in-process gates, the CLI, dist/ runs) is in its gate's
//     catalog (or an alias of a rule there).
//  2. On a full run, every catalog id was produced by at least one test's fixture, except the ones listed,
//     with a reason each, in __tests__/rules/unproduced-rules.json (reviewed like code; a listed id that is
//     produced after all is reported, so the list only shrinks).
// Findings are logged by src/rules/catalog.ts (logRule) to the file named by DEPLOY_GATES_RULE_LOG, set here before the
// test workers start (they and the processes they spawn inherit it).
import { build } from 'esbuild'
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'

const ALLOWLIST = '__tests__/rules/unproduced-rules.json'
const CUMULATIVE = 'node_modules/.cache/deploy-gates/rules-seen.log'

/** Every gate's catalog, keyed by gate (the TypeScript sources bundled on the fly; shared with scripts/rule-coverage.mjs). */
export async function loadCatalogs() {
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
  const file = path.resolve('node_modules/.cache/deploy-gates', `catalogs-${process.pid}.mjs`)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, bundle.outputFiles[0].contents)
  try {
    const { GATE_NAMES, loadCatalog } = await import(pathToFileURL(file).href)
    const catalogs = new Map()
    for (const gate of GATE_NAMES) {
      const catalog = await loadCatalog(gate)
      if (catalog) catalogs.set(gate, catalog)
    }
    return catalogs
  } finally {
    rmSync(file, { force: true })
  }
}

export default class RuleCoverageReporter {
  /** The reporter's own tests pass `record: false` (keep out of the cumulative record) and a silent `write`. */
  constructor(globalConfig, options = {}) {
    this.record = options.record !== false
    this.write = options.write ?? (text => process.stderr.write(text))
    this.error = undefined
    this.log = path.join(os.tmpdir(), `deploy-gates-rules-${process.pid}-${Date.now()}.log`)
    writeFileSync(this.log, '')
    process.env.DEPLOY_GATES_RULE_LOG = this.log
    // Coverage (2) needs every test file: only a run without filters can say an id was never produced.
    this.fullRun =
      !globalConfig.testNamePattern &&
      !globalConfig.onlyChanged &&
      !globalConfig.findRelatedTests &&
      !(globalConfig.nonFlagArgs?.length > 0) &&
      !(globalConfig.testPathPatterns?.patterns?.length > 0)
  }

  async onRunComplete() {
    const lines = existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').filter(Boolean) : []
    rmSync(this.log, { force: true })
    let catalogs
    try {
      catalogs = await loadCatalogs()
    } catch (error) {
      // A catalog that does not even bundle fails its own tests; a partial run should not fail for it here.
      const message = `rule coverage: the catalogs could not be loaded: ${error.message.split('\n')[0]}`
      if (this.fullRun) this.error = new Error(message)
      this.write(`${message}\n`)
      return
    }
    const seen = new Set()
    const unknown = new Set()
    for (const line of lines) {
      const [gate, rule] = line.split('\t')
      const catalog = catalogs.get(gate)
      if (!catalog) continue // a gate without a catalog yet: nothing to check against
      const resolved = catalog.resolve(rule)
      if (!resolved) unknown.add(`${gate}/${rule}`)
      else seen.add(`${gate}/${resolved.id}`)
    }
    const problems = []
    if (unknown.size)
      problems.push(
        `findings carried rule ids no catalog lists: ${[...unknown].sort().join(', ')} (add them to src/gates/<gate>/catalog.ts)`
      )
    // Every run also adds what it saw to a local, cumulative record (never committed), so the ids no test
    // produces can be listed without one full run: node scripts/rule-coverage.mjs.
    if (this.record)
      try {
        mkdirSync(path.dirname(CUMULATIVE), { recursive: true })
        appendFileSync(CUMULATIVE, [...seen].map(id => `${id}\n`).join(''))
      } catch {
        // a read-only checkout: the record is a convenience
      }
    if (process.env.DEPLOY_GATES_RULES_SEEN)
      writeFileSync(process.env.DEPLOY_GATES_RULES_SEEN, [...seen].sort().join('\n') + '\n')
    if (this.fullRun) {
      const allowed = existsSync(ALLOWLIST) ? JSON.parse(readFileSync(ALLOWLIST, 'utf8')) : {}
      const missing = []
      for (const [gate, catalog] of catalogs)
        for (const rule of catalog.rules) {
          const id = `${gate}/${rule.id}`
          if (!seen.has(id) && !(id in allowed)) missing.push(id)
        }
      const stale = Object.keys(allowed).filter(id => seen.has(id))
      if (missing.length)
        problems.push(
          `${missing.length} catalog rule(s) no test produced: ${missing.join(', ')} (add a fixture, or list the id with a reason in ${ALLOWLIST})`
        )
      // A listed rule that a test now produces: the entry is stale. Said, not failed, so a fixture landing
      // before its allowlist line is removed does not turn CI red; the list is reviewed like code.
      if (stale.length)
        this.write(
          `rule coverage: ${ALLOWLIST} lists rules tests now produce; remove them: ${stale.join(', ')}\n`
        )
    }
    if (problems.length) {
      this.error = new Error(`rule coverage: ${problems.join('\n')}`)
      this.write(`\n${this.error.message}\n`)
    } else {
      this.write(
        `rule coverage: ${seen.size} catalog rules produced${this.fullRun ? '' : ' (partial run: coverage of every catalog id not checked)'}\n`
      )
    }
  }

  getLastError() {
    return this.error
  }
}
