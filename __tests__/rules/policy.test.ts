// The `rules` policy: one parser for the `rules` input and its aliases, applied by the pipeline the same way
// in every gate. In-process through the CLI adapter (runCli), so what is tested is what a user runs.
import { describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runCli } from '../../src/cli/run.js'
import { defineCatalog } from '../../src/rules/catalog.js'
import { applyPolicy, parsePolicyLines, policyOf } from '../../src/rules/policy.js'
import type { GateResult } from '../../src/types.js'

const LINT = path.join(import.meta.dirname, '../../__fixtures__/migrations/lint')

function scratchProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-policy-'))
  cpSync(LINT, dir, { recursive: true })
  return dir
}

async function cli(cwd: string, args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['migrations', ...args, '--json'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd
  })
  const report = code !== 2 && stdout ? JSON.parse(stdout) : undefined
  return { code, stderr, report }
}

type ReportFinding = { rule: string; severity: string; file?: string }
const severitiesOf = (report: { findings: ReportFinding[] }, rule: string) =>
  report.findings.filter(f => f.rule === rule).map(f => f.severity)

describe('rules input (through the pipeline)', () => {
  it('changes severities and turns rules off, from lines', async () => {
    const dir = scratchProject()
    const before = await cli(dir, [])
    expect(severitiesOf(before.report, 'drop-table')).toContain('error')
    expect(severitiesOf(before.report, 'truncate').length).toBeGreaterThan(0)

    const after = await cli(dir, ['--rules', 'drop-table: notice\ntruncate: off\n# a comment'])
    expect(new Set(severitiesOf(after.report, 'drop-table'))).toEqual(new Set(['notice']))
    // The terminal (like the job summary) says what the policy changed, and where the user wrote it.
    let text = ''
    await runCli(['migrations', '--rules', 'drop-table: notice\ntruncate: off'], {
      stdout: { write: (chunk: string) => (text += chunk) },
      stderr: { write: () => true },
      env: {},
      cwd: dir
    })
    const table = text.slice(text.indexOf('Rules changed by the policy'))
    expect(table).toMatch(
      new RegExp(`drop-table +notice +--rules line 1 +${severitiesOf(before.report, 'drop-table').length}\\n`)
    )
    expect(table).toMatch(
      new RegExp(`truncate +off +--rules line 2 +${severitiesOf(before.report, 'truncate').length}\\n`)
    )
    // Nothing else moved.
    expect(severitiesOf(after.report, 'drop-column')).toEqual(severitiesOf(before.report, 'drop-column'))
  })

  it('reads a file when given a path, and blames its line', async () => {
    const dir = scratchProject()
    writeFileSync(path.join(dir, 'rules.txt'), '# policy\ndrop-table: warning\n')
    const ok = await cli(dir, ['--rules', 'rules.txt'])
    expect(new Set(severitiesOf(ok.report, 'drop-table'))).toEqual(new Set(['warning']))

    writeFileSync(path.join(dir, 'rules.txt'), 'drop-table: warning\ndrop-tabel: off\n')
    const bad = await cli(dir, ['--rules', 'rules.txt'])
    // A bad file is a FileError (exit 1, like any unreadable file), blamed at file:line.
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain(
      "rules.txt:2: unknown rule 'drop-tabel' of the migrations gate; did you mean 'drop-table'?"
    )
  })

  it('rejects an unknown id or severity in the input with its line and a suggestion', async () => {
    const dir = scratchProject()
    const unknown = await cli(dir, ['--rules', 'drop-table: warning\ndrop-colum: off'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split('\n')[0]).toBe(
      "deploy-gates: --rules line 2: unknown rule 'drop-colum' of the migrations gate; did you mean 'drop-column'? (every rule: docs/rules/migrations.md)"
    )
    const severity = await cli(dir, ['--rules', 'drop-table: fatal'])
    expect(severity.stderr).toContain(
      "--rules line 1: 'drop-table' must be set to error, warning, notice or off (got 'fatal')"
    )
  })

  it('skips entries prefixed for another gate, so one file can serve every gate', async () => {
    const dir = scratchProject()
    const run = await cli(dir, ['--rules', 'contract/path-removed: off\nmigrations/drop-table: warning'])
    expect(run.code).not.toBe(2)
    expect(new Set(severitiesOf(run.report, 'drop-table'))).toEqual(new Set(['warning']))
  })

  it('keeps `allow` as an alias: one step below the default, and `rules` wins over it', async () => {
    const dir = scratchProject()
    const allowed = await cli(dir, ['--allow', 'drop-table'])
    expect(new Set(severitiesOf(allowed.report, 'drop-table'))).toEqual(new Set(['warning']))
    const both = await cli(dir, ['--allow', 'drop-table', '--rules', 'drop-table: error'])
    expect(new Set(severitiesOf(both.report, 'drop-table'))).toEqual(new Set(['error']))
    const typo = await cli(dir, ['--allow', 'drop-tables'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain("did you mean 'drop-table'?")
  })
})

describe('policy mechanics', () => {
  const catalog = defineCatalog('contract', {
    'path-removed': { severity: 'error', category: 'breaking', title: 'Path removed', help: 'Keep it.' },
    'operation-removed': {
      severity: 'error',
      category: 'breaking',
      title: 'Operation removed',
      help: 'Keep it.',
      aliases: ['method-removed']
    }
  })
  const blame = (message: string, line: number) => new Error(`${line}: ${message}`)

  it('resolves aliases to the rule id, and accepts the `breaking-rules` spelling without a colon', () => {
    const entries = parsePolicyLines(
      'method-removed off\npath-removed: warning',
      'contract',
      catalog,
      blame,
      String
    )
    expect(entries.map(e => `${e.rule}=${e.action}`)).toEqual([
      'operation-removed=off',
      'path-removed=warning'
    ])
  })

  it('marks a check skipped when every finding it had was turned off', () => {
    const finding = catalog.finding('path-removed', { message: 'GET /a removed' })
    const result: GateResult = {
      gate: 'contract',
      title: 'API contract',
      findings: [finding],
      outputs: {},
      sections: [],
      scope: '',
      secrets: [],
      checks: [
        { name: 'path-removed', findings: [finding] },
        { name: 'operation-removed', findings: [] }
      ]
    }
    const applied = applyPolicy(result, policyOf([{ rule: 'path-removed', action: 'off', origin: 'x' }]))
    expect(applied.findings).toEqual([])
    expect(applied.checks![0]).toMatchObject({
      findings: [],
      skipped: expect.stringContaining('path-removed')
    })
    expect(applied.checks![1]!.skipped).toBeUndefined()
  })

  it('lowers a finding for `allow` only from the rule’s default, so the alias never raises one', () => {
    const atDefault = catalog.finding('path-removed', { message: 'at default' })
    const already = catalog.finding('path-removed', { message: 'lowered by the gate', severity: 'notice' })
    const result: GateResult = {
      gate: 'contract',
      title: 'API contract',
      findings: [atDefault, already],
      outputs: {},
      sections: [],
      scope: '',
      secrets: []
    }
    const entry = {
      rule: 'path-removed',
      action: 'warning' as const,
      onlyFrom: 'error' as const,
      origin: 'x'
    }
    const applied = applyPolicy(result, policyOf([entry]))
    expect(applied.findings.map(f => `${f.message}: ${f.severity}`)).toEqual([
      'at default: warning',
      'lowered by the gate: notice'
    ])
  })

  it('says so when a gate has no catalog to check ids against', () => {
    expect(() => parsePolicyLines('anything: off', 'env', undefined, blame, String)).toThrow(
      '1: the env gate has no configurable rules'
    )
  })
})
