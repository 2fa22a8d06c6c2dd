// Golden files: what a user sees for each example scenario (examples/service + examples/breakages/<scenario>),
// as the job summary, the PR comment and the terminal, so a change to rendering is reviewed as a diff of
// __tests__/golden/<scenario>/. `npm run golden -- --update` rewrites them; the test fails on any difference.
// Runs the real pipeline in-process (runGate: inputs → gate → policy → redaction → verdict), offline except
// for the drift scenario, which verifies the example service itself on loopback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { loadGateModules } from '../../src/gates/registry.js'
import { mapInputSource } from '../../src/inputs.js'
import { runGate } from '../../src/pipeline.js'
import { commentMarker } from '../../src/report/comment.js'
import { formatConsoleReport } from '../../src/report/console.js'
import { commentBudget, renderMarkdown, SUMMARY_BUDGET } from '../../src/report/markdown.js'
import { createHttpClient } from '../../src/http.js'
import type { GateName } from '../../src/types.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const GOLDEN = path.join(ROOT, '__tests__/golden')
const SERVICE = path.join(ROOT, 'examples/service')
const BREAKAGES = path.join(ROOT, 'examples/breakages')
const UPDATE = process.env.GOLDEN_UPDATE === '1'

interface Scenario {
  id: string
  /** examples/breakages/<dir> copied over the service (README.md left out). */
  breakage?: string
  runs: { gate: GateName; inputs: Record<string, string> }[]
}

const ENV = { schema: 'env.schema.yml', 'env-files': '.env.staging,.env.production' }
const MIGRATIONS = { 'migrations-dir': 'migrations' }
const SCENARIOS: Scenario[] = [
  {
    id: 'good-change',
    runs: [
      { gate: 'env', inputs: ENV },
      { gate: 'migrations', inputs: MIGRATIONS },
      { gate: 'contract', inputs: { spec: 'openapi.yaml', 'base-spec': 'base/openapi.yaml' } }
    ]
  },
  {
    id: 'env-missing-in-production',
    breakage: 'env-missing-in-production',
    runs: [{ gate: 'env', inputs: ENV }]
  },
  {
    id: 'migration-destructive',
    breakage: 'migration-destructive',
    runs: [{ gate: 'migrations', inputs: MIGRATIONS }]
  },
  {
    id: 'contract-breaking-change',
    breakage: 'contract-breaking-change',
    runs: [{ gate: 'contract', inputs: { spec: 'openapi.yaml', 'base-spec': 'base/openapi.yaml' } }]
  },
  {
    id: 'contract-drift',
    breakage: 'contract-drift',
    runs: [{ gate: 'contract', inputs: { spec: 'openapi.yaml', 'base-url': '{service}' } }]
  }
]

function workspaceFor(scenario: Scenario): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dg-golden-${scenario.id}-`))
  cpSync(SERVICE, dir, { recursive: true })
  // The base of every diff: the service as it is before the change.
  mkdirSync(path.join(dir, 'base'))
  cpSync(path.join(SERVICE, 'openapi.yaml'), path.join(dir, 'base/openapi.yaml'))
  if (scenario.breakage)
    cpSync(path.join(BREAKAGES, scenario.breakage), dir, {
      recursive: true,
      filter: source => !source.endsWith('README.md')
    })
  return dir
}

/** What changes from run to run (scratch paths, the service's port, timings) becomes a fixed placeholder. */
function stable(text: string, workspace: string, serviceUrl: string): string {
  return text.split(workspace).join('<workspace>').split(serviceUrl).join('<service>')
}

const http = createHttpClient({ env: {} })
let service: ChildProcess | undefined
let serviceUrl = ''

beforeAll(async () => {
  service = spawn(process.execPath, [path.join(SERVICE, 'server.mjs')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', BREAK: 'drift', APP_VERSION: '1.0.0' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  serviceUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('example service did not start in 10s')), 10_000)
    let out = ''
    service!.stdout!.on('data', chunk => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!.replace(/\/$/, ''))
      }
    })
    service!.once('exit', code => reject(new Error(`example service exited with ${code}`)))
  })
})

afterAll(() => {
  service?.kill()
})

async function renderings(gate: GateName, inputs: Record<string, string>, workspace: string) {
  const values = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, value.replace('{service}', serviceUrl)])
  )
  const run = await runGate({
    source: mapInputSource(values),
    cwd: workspace,
    presetGate: gate,
    load: loadGateModules,
    env: {},
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    mask: () => {},
    // Real requests to the example service, reported with a fixed duration: the Time column stays put.
    io: { http: async (url, request) => ({ ...(await http(url, request)), durationMs: 7 }) }
  })
  const view = { result: run.result, status: run.status, counts: run.counts, failOn: run.common.failOn }
  const fix = (text: string) => stable(run.redact(text), workspace, serviceUrl)
  return {
    'summary.md': fix(renderMarkdown(view, SUMMARY_BUDGET)),
    'comment.md': fix(
      renderMarkdown(
        { ...view, runUrl: 'https://github.com/o/r/actions/runs/1' },
        commentBudget(commentMarker(gate))
      )
    ),
    'terminal.txt': fix(formatConsoleReport(view, false))
  }
}

describe.each(SCENARIOS)('golden: $id', scenario => {
  it.each(scenario.runs.map(run => [run.gate, run] as const))('%s gate', async (_gate, run) => {
    const workspace = workspaceFor(scenario)
    const files = await renderings(run.gate, run.inputs, workspace)
    const dir = path.join(GOLDEN, scenario.id)
    const stale: string[] = []
    for (const [kind, text] of Object.entries(files)) {
      const file = path.join(dir, `${run.gate}.${kind}`)
      if (UPDATE) {
        mkdirSync(dir, { recursive: true })
        writeFileSync(file, text)
        continue
      }
      if (!existsSync(file)) {
        stale.push(`${path.relative(ROOT, file)} is missing`)
        continue
      }
      if (readFileSync(file, 'utf8') !== text) stale.push(path.relative(ROOT, file))
      // The diff itself, for the reviewer (jest prints it):
      expect({ file: path.relative(ROOT, file), text }).toEqual({
        file: path.relative(ROOT, file),
        text: readFileSync(file, 'utf8')
      })
    }
    if (stale.length)
      throw new Error(
        `golden files differ: ${stale.join(', ')}; run 'npm run golden -- --update' and review the diff`
      )
  })
})
