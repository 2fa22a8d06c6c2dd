// The bundled CLI as a user's shell runs it: exit codes, stdout/stderr, no stack traces.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ensureBuilt, runCliProcess } from '../helpers/runner.js'

const CANARY = 'sk_live_canary_9e8d7c6b5a4f3e2d1c0b'

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-cli-'))
  writeFileSync(path.join(dir, '.env.example'), 'DATABASE_URL=\nAPI_KEY=\nLOG_LEVEL=\n')
  writeFileSync(
    path.join(dir, '.env.staging'),
    `DATABASE_URL=postgres://db.acme-cloud.net/s\nAPI_KEY=${CANARY}\nLOG_LEVEL=info\n`
  )
  writeFileSync(
    path.join(dir, '.env.production'),
    'DATABASE_URL=postgres://db.acme-cloud.net/p\nLOG_LEVEL=\n'
  )
  return dir
}

const ENV_ARGS = ['env', '--schema', '.env.example', '--env-files', '.env.staging,.env.production']

beforeAll(() => ensureBuilt())

describe('deploy-gates CLI', () => {
  it('prints help from action.yml and exits 0', async () => {
    const run = await runCliProcess(['env', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/--env-files <value> +Newline- or comma-separated \.env files to check/)
  })

  it('prints its version', async () => {
    const run = await runCliProcess(['--version'])
    expect(run).toMatchObject({ code: 0 })
    expect(run.stdout).toMatch(/^deploy-gates \d+\.\d+\.\d+/)
  })

  it('exits 2 on an unknown flag, naming it and the closest input, with no stack trace', async () => {
    const run = await runCliProcess(['env', '--shema', '.env.example'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      "deploy-gates: unknown option --shema; did you mean --schema?\nrun 'deploy-gates env --help' for the options\n"
    )
    expect(run.stdout).toBe('')
  })

  it('exits 2 on an invalid input value, naming the input as a flag', async () => {
    const run = await runCliProcess(['env', '--fail-on', 'fatal'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(
      "deploy-gates: --fail-on must be one of error, warning, never (got 'fatal')"
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 2 without a gate, and explains', async () => {
    const run = await runCliProcess([])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('deploy-gates: name a gate: deploy-gates <gate> [options]')
  })

  it('runs the env gate: findings grouped by file, exit 1, no colour when not on a terminal', async () => {
    const cwd = project()
    const run = await runCliProcess(ENV_ARGS, { cwd })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      [
        '.env.production',
        '  .env.production  error   missing-key  API_KEY is required (.env.example) but not set in .env.production',
        '    ↳ Add API_KEY=… to .env.production.',
        '  .env.production:2:11  error   empty-value  LOG_LEVEL is empty in .env.production but required in production',
        "    ↳ Give LOG_LEVEL a value, or remove it from the schema's required list for production.",
        '',
        '✖ Environment validation failed: 2 errors, 0 warnings (fail-on: error)',
        '  checked: 2 env files (staging, production), 3 keys; schema .env.example (3 variables)',
        ''
      ].join('\n')
    )
    const coloured = await runCliProcess(ENV_ARGS, { cwd, env: { FORCE_COLOR: '1' } })
    expect(coloured.stdout).toContain('\u001b[31merror  \u001b[0m')
    expect(`${run.stdout}${run.stderr}${coloured.stdout}`).not.toContain(CANARY)
  })

  it('prints the JSON report with --json and writes SARIF where asked, exit 0 when it passes', async () => {
    const cwd = project()
    const failing = await runCliProcess([...ENV_ARGS, '--json', '--sarif', 'env.sarif'], { cwd })
    expect(failing.code).toBe(1)
    const report = JSON.parse(failing.stdout)
    expect(report).toMatchObject({
      gate: 'env',
      status: 'failed',
      counts: { errors: 2, warnings: 0, notices: 0 }
    })
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['missing-key', 'empty-value'])
    expect(JSON.parse(readFileSync(path.join(cwd, 'env.sarif'), 'utf8')).runs[0].results).toHaveLength(2)
    expect(failing.stdout).not.toContain(CANARY)

    writeFileSync(
      path.join(cwd, '.env.production'),
      'DATABASE_URL=postgres://db.acme-cloud.net/p\nAPI_KEY=x9\nLOG_LEVEL=warn\n'
    )
    const passing = await runCliProcess(ENV_ARGS, { cwd })
    expect(passing.code).toBe(0)
    expect(passing.stdout).toContain('✔ Environment validation passed: 0 errors, 0 warnings (fail-on: error)')
  })

  it('fails with one line on a missing file', async () => {
    const run = await runCliProcess(['env', '--env-files', 'nope.env'], { cwd: project() })
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^deploy-gates: .*nope\.env/)
  })
})
