// Golden files: what a user sees for each example scenario (examples/service + examples/breakages/<scenario>),
// as the job summary, the PR comment and the terminal, so a change to rendering is reviewed as a diff of
// __tests__/golden/<scenario>/. `npm run golden -- --update` rewrites them; the test fails on any difference.
// Runs the real pipeline in-process (runGate: inputs → gate → policy → redaction → verdict), offline except
// for the drift scenario, which verifies the example service itself on loopback. Beside the bytes, each run
// states the facts a user must see (the rule, the file and line, what it names), so a gate that stops
// catching its scenario fails here even while the golden files are being rewritten.
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
import type { Status } from '../../src/report/status.js'
import type { Finding, GateName, Severity } from '../../src/types.js'
import { git } from '../helpers/git.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const GOLDEN = path.join(ROOT, '__tests__/golden')
const SERVICE = path.join(ROOT, 'examples/service')
const BREAKAGES = path.join(ROOT, 'examples/breakages')
const UPDATE = process.env.GOLDEN_UPDATE === '1'

/** A finding the run must report; `says` are substrings its message must contain. */
interface ExpectedFinding {
  rule: string
  severity: Severity
  file: string
  line: number
  says?: string[]
}

interface Scenario {
  id: string
  /** examples/breakages/<dir> copied over the service (README.md left out). */
  breakage?: string
  /**
   * The workspace is a git repository whose one commit is the service before the breakage (the commit its
   * migrations were applied from); `{base}` in an input is that commit's hash.
   */
  git?: true
  runs: {
    gate: GateName
    inputs: Record<string, string>
    /** The verdict, and findings the result must hold, each also shown in the summary, comment and terminal. */
    expect?: { status: Status; finds: ExpectedFinding[] }
  }[]
}

/** The lines each breakage changes (see their READMEs): where the finding must point. */
const LINE_OF_AVATAR_URL = lineOf('consumer-stale-mock/pacts/web-app.json', '"avatarUrl"')
const LINE_OF_CURRENCY = lineOf('migration-edited/migrations/1718000100000_create-orders.sql', 'currency')
const LINE_OF_USER_SCHEMA = lineOf('../service/openapi.yaml', '    User:')

function lineOf(file: string, text: string): number {
  const lines = readFileSync(path.join(BREAKAGES, file), 'utf8').split('\n')
  const index = lines.findIndex(line => line.includes(text))
  if (index < 0) throw new Error(`${file} no longer contains ${text}`)
  return index + 1
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
  },
  {
    id: 'consumer-stale-mock',
    breakage: 'consumer-stale-mock',
    runs: [
      {
        gate: 'contract',
        inputs: { spec: 'openapi.yaml', 'consumer-contracts': 'pacts/web-app.json' },
        expect: {
          status: 'failed',
          finds: [
            {
              rule: 'consumer-relies-on-unpromised',
              severity: 'error',
              file: 'pacts/web-app.json',
              line: LINE_OF_AVATAR_URL,
              says: ['web-app', 'avatarUrl', `openapi.yaml:${LINE_OF_USER_SCHEMA}`]
            }
          ]
        }
      }
    ]
  },
  {
    id: 'migration-edited',
    breakage: 'migration-edited',
    git: true,
    runs: [
      {
        gate: 'migrations',
        inputs: { 'base-ref': '{base}' },
        expect: {
          status: 'failed',
          finds: [
            {
              rule: 'edited-migration',
              severity: 'error',
              file: 'migrations/1718000100000_create-orders.sql',
              line: LINE_OF_CURRENCY,
              says: ['1718000100000_create-orders']
            }
          ]
        }
      }
    ]
  }
]

/** The workspace as a repository: its one commit (returned) is the service as it is, before the change. */
function commitBase(dir: string): string {
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--no-verify', '-m', 'base: migrations applied from here')
  return git(dir, 'rev-parse', 'HEAD').trim()
}

function workspaceFor(scenario: Scenario): { dir: string; base: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dg-golden-${scenario.id}-`))
  cpSync(SERVICE, dir, { recursive: true })
  // The base of every diff: the service as it is before the change.
  mkdirSync(path.join(dir, 'base'))
  cpSync(path.join(SERVICE, 'openapi.yaml'), path.join(dir, 'base/openapi.yaml'))
  const base = scenario.git ? commitBase(dir) : ''
  if (scenario.breakage)
    cpSync(path.join(BREAKAGES, scenario.breakage), dir, {
      recursive: true,
      filter: source => !source.endsWith('README.md')
    })
  return { dir, base }
}

/**
 * What changes from run to run (scratch paths, the service's port, the base commit's hash, full or
 * abbreviated) becomes a fixed placeholder.
 */
function stable(text: string, workspace: string, serviceUrl: string, base: string): string {
  let fixed = text.split(workspace).join('<workspace>').split(serviceUrl).join('<service>')
  if (base) fixed = fixed.replace(new RegExp(`\\b${base.slice(0, 7)}[0-9a-f]{0,33}\\b`, 'g'), '<base>')
  return fixed
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

async function renderings(
  gate: GateName,
  inputs: Record<string, string>,
  workspace: { dir: string; base: string }
) {
  const values = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      name,
      value.replace('{service}', serviceUrl).replace('{base}', workspace.base)
    ])
  )
  const run = await runGate({
    source: mapInputSource(values),
    cwd: workspace.dir,
    presetGate: gate,
    load: loadGateModules,
    env: {},
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    mask: () => {},
    // Real requests to the example service, reported with a fixed duration: the Time column stays put.
    io: { http: async (url, request) => ({ ...(await http(url, request)), durationMs: 7 }) }
  })
  const view = { result: run.result, status: run.status, counts: run.counts, failOn: run.common.failOn }
  const fix = (text: string) => stable(run.redact(text), workspace.dir, serviceUrl, workspace.base)
  const files = {
    'summary.md': fix(renderMarkdown(view, SUMMARY_BUDGET)),
    'comment.md': fix(
      renderMarkdown(
        { ...view, runUrl: 'https://github.com/o/r/actions/runs/1' },
        commentBudget(commentMarker(gate))
      )
    ),
    'terminal.txt': fix(formatConsoleReport(view, false))
  }
  return { files, findings: run.result.findings, status: run.status }
}

/**
 * Whether a rendering names the finding where a user looks for it: the terminal as `file:line[:col]  severity
 * rule`, the Markdown as a row `| severity | line[:col] | rule |` under the file's heading.
 */
function shows(kind: string, text: string, want: ExpectedFinding): boolean {
  if (kind.endsWith('.txt'))
    return text
      .split('\n')
      .some(line =>
        new RegExp(
          `^\\s+${escape(want.file)}:${want.line}(:\\d+)?\\s+${want.severity}\\s+${want.rule}\\s`
        ).test(line)
      )
  const heading = `#### <code>${want.file}</code>\n`
  const start = text.indexOf(heading)
  if (start < 0) return false
  const section = text.slice(start + heading.length).split('\n#### ')[0]!
  return new RegExp(
    `^\\| \\S+ ${want.severity} \\| ${want.line}(:\\d+)? \\| <code>${want.rule}</code> \\|`,
    'm'
  ).test(section)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Each expected finding is in the result and named, with its file and line, in every rendering. */
function expectFindings(
  expected: ExpectedFinding[],
  findings: readonly Finding[],
  files: Record<string, string>
): void {
  for (const want of expected) {
    const found = findings.find(f => f.rule === want.rule && f.file === want.file && f.line === want.line)
    expect({ ...want, found: found?.severity }).toEqual({ ...want, found: want.severity })
    for (const phrase of want.says ?? []) expect(found!.message).toContain(phrase)
    for (const [kind, text] of Object.entries(files))
      expect({ kind, shows: shows(kind, text, want) }).toEqual({ kind, shows: true })
  }
}

describe.each(SCENARIOS)('golden: $id', scenario => {
  it.each(scenario.runs.map(run => [run.gate, run] as const))('%s gate', async (_gate, run) => {
    const workspace = workspaceFor(scenario)
    const { files, findings, status } = await renderings(run.gate, run.inputs, workspace)
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
    if (run.expect) {
      expect(status).toBe(run.expect.status)
      expectFindings(run.expect.finds, findings, files)
    }
    if (stale.length)
      throw new Error(
        `golden files differ: ${stale.join(', ')}; run 'npm run golden -- --update' and review the diff`
      )
  })
})
