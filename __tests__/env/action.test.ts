// gate: env through the bundled dist/index.js, exactly as the runner runs it (INPUT_*, GITHUB_OUTPUT, step summary).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ensureBuilt, NODE_BINARIES, REPO_ROOT, runAction } from '../helpers/runner.js'
import { FIXTURES } from './gate-run.js'

const CANARY = 'CANARY_s3cr3t_9f8e7d'

describe.each(NODE_BINARIES)('gate: env on $label', ({ path: node }) => {
  beforeAll(() => ensureBuilt())

  it('annotates each finding at its file, line and column, and fails', async () => {
    const run = await runAction({
      node,
      cwd: path.join(FIXTURES, 'rules'),
      inputs: {
        gate: 'env',
        schema: 'schema.yml',
        'env-files': '.env.staging\n.env.production',
        comment: 'false'
      }
    })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'failed', errors: '13', warnings: '2' })
    const errors = run.annotations.filter(a => a.level === 'error' && a.file)
    expect(errors.map(a => `${a.title} ${a.file}:${a.line ?? ''}:${a.col ?? ''}`)).toEqual(
      expect.arrayContaining([
        'invalid-type .env.production:1:6',
        'out-of-range .env.production:2:9',
        'invalid-enum .env.production:4:11',
        'pattern-mismatch .env.production:5:12',
        'localhost-url .env.production:6:9',
        'placeholder-value .env.production:10:18',
        'missing-key .env.production::'
      ])
    )
    expect(errors.find(a => a.title === 'invalid-type' && a.line === 1)!.message).toBe(
      "PORT in .env.production is not a port number from 1 to 65535 (got '70000')\nFix the value of PORT, or its rule in schema.yml."
    )
    expect(run.annotations.at(-1)).toEqual({
      level: 'error',
      message: 'Environment validation failed: 13 errors, 2 warnings, 3 notices (fail-on: error)'
    })
    expect(run.summary).toContain('| ❌ error | 1:6 | <code>invalid-type</code> |')
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { findings: { rule: string }[] }
    expect(report.findings).toHaveLength(18)
  })

  it('passes the example service and blocks its broken copy', async () => {
    const good = await runAction({
      node,
      cwd: path.join(REPO_ROOT, 'examples', 'service'),
      inputs: {
        gate: 'env',
        schema: 'env.schema.yml',
        'env-files': '.env.staging\n.env.production',
        comment: 'false'
      }
    })
    expect(good.code).toBe(0)
    expect(good.outputs).toMatchObject({ status: 'passed', errors: '0', warnings: '0' })
    expect(good.summary).toContain(
      'Checked: 2 env files (staging, production), 17 keys; schema env.schema.yml (17 variables)'
    )
    expect(good.summary).toContain(
      '| ✅ | <code>CACHE_TTL</code> | 300<br>.env.staging:11 | 300<br>.env.production:10 |'
    )

    // The workspace is the repository (as on a runner); the schema is outside the working directory but inside it.
    const broken = await runAction({
      node,
      cwd: REPO_ROOT,
      inputs: {
        gate: 'env',
        'working-directory': 'examples/breakages/env-missing-in-production',
        schema: '../../service/env.schema.yml',
        'env-files': '.env.staging,.env.production',
        comment: 'false'
      }
    })
    expect(broken.code).toBe(1)
    const brokenErrors = broken.annotations.filter(a => a.level === 'error' && a.file)
    expect(brokenErrors.map(a => `${a.title} ${a.file} ${a.message.split('\n')[0]}`).sort()).toEqual([
      'missing-in-environment examples/breakages/env-missing-in-production/.env.production SEARCH_API_KEY is set in .env.staging (line 17) but missing from .env.production',
      'missing-in-environment examples/breakages/env-missing-in-production/.env.production SEARCH_API_URL is set in .env.staging (line 16) but missing from .env.production'
    ])
  })

  it('fails with one line naming a missing env file, without a stack trace', async () => {
    const run = await runAction({
      node,
      inputs: { gate: 'env', 'env-files': '.env.production', comment: 'false' }
    })
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([{ level: 'error', message: '.env.production: file not found' }])
    expect(run.outputs.status).toBe('failed')
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /)
  })

  it('never lets a secret canary reach stdout, stderr, the summary, the outputs or the report', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'env-canary-'))
    cpSync(path.join(FIXTURES, 'parity'), workspace, { recursive: true })
    writeFileSync(
      path.join(workspace, 'schema.yml'),
      [
        'variables:',
        '  SIGNING_KEY: { secret: true, parity: true, pattern: "^key_" }',
        '  DATABASE_URL: { type: url, parity: true }',
        '  DEPLOY_TOKEN: { secret: true, type: url }',
        '  CACHE_TTL: { type: int, parity: true }'
      ].join('\n')
    )
    writeFileSync(
      path.join(workspace, '.env.staging'),
      `SIGNING_KEY=${CANARY}_a\nDATABASE_URL=postgres://app:${CANARY}_db@localhost/app\nCACHE_TTL=60\nAPI_PASSWORD="${CANARY}_open\n`
    )
    writeFileSync(
      path.join(workspace, '.env.production'),
      `SIGNING_KEY=${CANARY}_b\nDATABASE_URL=postgres://app:${CANARY}_db2@127.0.0.1/app\nCACHE_TTL=300\nAPI_PASSWORD=${CANARY}#x\nAPI_PASSWORD=${CANARY}_c\n`
    )
    const run = await runAction({
      node,
      cwd: workspace,
      env: { DEPLOY_TOKEN: `${CANARY}_process` },
      inputs: {
        gate: 'env',
        schema: 'schema.yml',
        'env-files': '.env.staging\n.env.production',
        environment: 'production',
        'check-process-env': 'true',
        comment: 'false'
      }
    })
    expect(run.code).toBe(1)
    // It had plenty to say about the canaries…
    expect(new Set(run.annotations.map(a => a.title))).toEqual(
      new Set([
        'pattern-mismatch',
        'parity-drift',
        'localhost-url',
        'unterminated-quote',
        'unquoted-hash',
        'duplicate-key',
        'invalid-type',
        'missing-key',
        'undeclared-key',
        undefined
      ])
    )
    // …and masked each one with the runner, which is the only place a value may appear.
    const masked = run.stdout.split('\n').filter(line => line.startsWith('::add-mask::'))
    expect(masked).toEqual(
      expect.arrayContaining([
        `::add-mask::${CANARY}_a`,
        `::add-mask::${CANARY}_process`,
        `::add-mask::${CANARY}_db`
      ])
    )
    const visible = {
      stdout: run.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n'),
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      report: readFileSync(run.outputs.report!, 'utf8')
    }
    for (const [where, text] of Object.entries(visible))
      expect(`${where}: ${text.includes(CANARY) ? 'leaks' : 'clean'}`).toBe(`${where}: clean`)
    expect(visible.summary).toContain(
      '| ❌ | <code>SIGNING_KEY (secret)</code> | ••• A<br>.env.staging:1 | ••• B<br>.env.production:1 |'
    )
  })
})
