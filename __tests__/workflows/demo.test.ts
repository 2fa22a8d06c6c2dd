import { spawn } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { ROOT } from './workflow-files.js'

interface ScenarioOutcome {
  id: string
  stoppedAt: string | null
  reason: string
  rollback?: { ok: boolean; targetId: string; deploymentId: string; version: string }
  rollout?: { outputs: Record<string, string>; weights: number[] }
  rerun?: { stoppedAt: string | null; freeze?: Record<string, string> }
  problems: string[]
}

function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, ['examples/demo.mjs', '--json'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

// `npm run demo` end to end: the real gates (dist/cli.js), PGlite on loopback, the example service, the
// Deployments API stand-in. Slow (tens of seconds), so one run serves every assertion.
describe('npm run demo', () => {
  it('passes the good change, stops each breakage at its gate, and rolls back the bad deploy', async () => {
    const { code, stdout, stderr } = await runDemo()
    const json = stdout.trim().split('\n').pop() ?? ''
    const outcome = JSON.parse(json) as { ok: boolean; outcomes: ScenarioOutcome[] }
    const byId = Object.fromEntries(outcome.outcomes.map(o => [o.id, o]))

    expect(byId['good-change']).toMatchObject({ stoppedAt: null, reason: '', problems: [] })
    expect(byId['migration-edited']).toMatchObject({ stoppedAt: 'migration-check', problems: [] })
    expect(byId['migration-edited']!.reason).toMatch(
      /^edited-migration migrations\/1718000100000_create-orders\.sql:\d+: /
    )
    expect(byId['env-missing-in-production']).toMatchObject({ stoppedAt: 'env-validation', problems: [] })
    expect(byId['env-missing-in-production']!.reason).toMatch(
      /^missing-in-environment \.env\.production: SEARCH_API_(KEY|URL) /
    )
    expect(byId['response-drift']).toMatchObject({ stoppedAt: 'integration-tests', problems: [] })
    expect(byId['response-drift']!.reason).toMatch(/GET \/users\/1/)
    expect(byId['unhealthy-deploy']).toMatchObject({ stoppedAt: 'health-check', problems: [] })
    expect(byId['unhealthy-deploy']!.rollback).toMatchObject({ ok: true })
    // Progressive delivery: caught at 50% (10, 50, then 0), nothing redeployed; the freeze: blocked, then overridden.
    expect(byId['canary-fails-at-50']).toMatchObject({
      stoppedAt: 'rollout',
      problems: [],
      rollout: { outputs: { weight: '10', aborted: 'true', 'failed-step': '50' }, weights: [10, 50, 0] }
    })
    expect(byId['canary-fails-at-50']!.rollback).toBeUndefined()
    expect(byId['black-friday-freeze']).toMatchObject({
      stoppedAt: 'freeze-check',
      problems: [],
      rerun: { stoppedAt: null, freeze: { frozen: 'true', window: 'Black Friday', overridden: 'true' } }
    })

    // What the user reads: the stage and the reason, nothing run after it, and the final verdict.
    expect(stdout).toContain('✗ env-validation')
    expect(stdout).toContain(
      'not run: staging-deploy, integration-tests, migration-check, production-deploy, health-check'
    )
    expect(stdout).toMatch(/rollback deployment \d+ \(rollback_of \d+\) recorded as success/)
    expect(stdout).toMatch(/(\d+)\/\1 scenarios behaved as expected in [\d.]+ s/)
    expect(outcome.ok).toBe(true)
    // Node's own warnings aside, the demo writes nothing to stderr: gate output is captured per stage.
    const errors = stderr
      .split('\n')
      .filter(line => line && !/^\(node:\d+\) \w*Warning|--trace-warnings/.test(line))
    expect({ code, errors }).toEqual({ code: 0, errors: [] })
  }, 240_000)
})
