// The deployment, rollback and metrics gates in-process against the loopback GitHub API stand-in with the
// Deployments routes (real HTTP, real pagination, the action's GitHub client).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { deploymentGate } from '../../src/gates/deployment/index.js'
import { metricsGate } from '../../src/gates/metrics/index.js'
import { rollbackGate } from '../../src/gates/rollback/index.js'
import { InputError, UserError } from '../../src/errors.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import type { Gate, GateIO, GateResult } from '../../src/types.js'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import {
  createDeploymentStore,
  deploymentRoutes,
  type DeploymentStore
} from '../helpers/github-deployments.js'
import { realIO, startService, type Service } from '../health/loopback.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'

const TOKEN = 'ghs_deploytoken'
let api: GitHubApi
let store: DeploymentStore
let routesStore: { current: DeploymentStore }

beforeAll(async () => {
  routesStore = { current: createDeploymentStore() }
  // Routes read the store through a holder, so each test starts from an empty history.
  const delegate = deploymentRoutes(
    new Proxy({} as DeploymentStore, {
      get: (_t, key) => Reflect.get(routesStore.current, key, routesStore.current)
    })
  )
  api = await startGitHubApi({ token: TOKEN, routes: delegate })
})
afterAll(() => api.close())
beforeEach(() => {
  store = routesStore.current = createDeploymentStore()
  api.requests.length = 0
  api.schemaViolations.length = 0
})
// Every answer the stand-in gave fits GitHub's own API description (@octokit/openapi).
afterEach(() => {
  expect(api.schemaViolations).toEqual([])
})

function io(cwd = process.cwd()): GateIO {
  return realIO({ cwd, github: { token: TOKEN, apiUrl: api.url } })
}

async function run<C>(gate: Gate<C>, inputs: Record<string, string>, gateIO = io()): Promise<GateResult> {
  const source = mapInputSource({ gate: gate.name, 'github-token': TOKEN, ...inputs })
  const config = await gate.parseInputs(source, parseCommonInputs(source, gateIO.cwd), gateIO)
  return gate.run(config, gateIO)
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('gate: deployment', () => {
  it('creates a deployment carrying the artifact and moves it to in_progress with the run as log', async () => {
    const result = await run(deploymentGate, { payload: '{"artifact":"registry.example/app@sha256:0a1b"}' })
    const created = api.requests.find(
      r => r.method === 'POST' && r.path === '/repos/octo-org/octo-repo/deployments'
    )!
    expect(created.body).toEqual({
      ref: '0123456789abcdef0123456789abcdef01234567',
      environment: 'production',
      payload: { artifact: 'registry.example/app@sha256:0a1b' },
      description: 'deploy-gates: 0123456789abcdef0123456789abcdef01234567',
      auto_merge: false,
      required_contexts: [],
      production_environment: true,
      transient_environment: false
    })
    const id = store.deployments[0]!.id
    expect(result.outputs).toEqual({ 'deployment-id': String(id) })
    expect(store.deployments[0]!.statuses).toEqual([
      expect.objectContaining({
        state: 'in_progress',
        log_url: 'https://github.com/octo-org/octo-repo/actions/runs/4242'
      })
    ])
    expect(created.headers.authorization).toBe(`token ${TOKEN}`)
  })

  it('moves an existing deployment to success with its environment URL', async () => {
    const existing = store.add({ ref: 'v1.2.0', environment: 'staging', created_at: Date.now() - HOUR })
    const result = await run(deploymentGate, {
      'deployment-id': String(existing.id),
      state: 'success',
      'environment-url': 'https://staging.example.com/'
    })
    expect(result.outputs['deployment-id']).toBe(String(existing.id))
    expect(existing.statuses.map(s => [s.state, s.environment_url])).toEqual([
      ['success', 'https://staging.example.com/']
    ])
    expect(api.requests.filter(r => r.method === 'POST').map(r => r.path)).toEqual([
      `/repos/octo-org/octo-repo/deployments/${existing.id}/statuses`
    ])
  })

  it('records a rollback with payload.rollback_of, and a non-production environment as such', async () => {
    await run(deploymentGate, {
      environment: 'staging',
      ref: 'v1.1.0',
      'rollback-of': '77',
      payload: '{"artifact":"a@sha256:1"}'
    })
    expect(store.deployments[0]).toMatchObject({
      ref: 'v1.1.0',
      environment: 'staging',
      payload: { artifact: 'a@sha256:1', rollback_of: 77 },
      production_environment: false,
      description: 'deploy-gates: rollback of deployment 77'
    })
  })

  it('marks production by exact names, not by a substring, and sends environment_url exactly as written', async () => {
    const production = (inputs: Record<string, string>) =>
      run(deploymentGate, inputs).then(() => {
        const body = api.requests.filter(r => r.method === 'POST' && r.path.endsWith('/deployments')).at(-1)!
          .body as { production_environment: boolean }
        return body.production_environment
      })
    // GitHub asks for a second between writes (plugin-throttling), so a few runs only: each creates and sets a status.
    expect(await production({ environment: 'Prod' })).toBe(true)
    expect(await production({ environment: 'preprod' })).toBe(false)
    expect(await production({ environment: 'live', 'production-environments': 'live, prod-eu' })).toBe(true)
    expect(
      await production({
        environment: 'preprod',
        'production-environment': 'true',
        'environment-url': 'https://App.Example.com:443/path?x=1'
      })
    ).toBe(true)
    const status = api.requests.filter(r => r.method === 'POST' && r.path.endsWith('/statuses')).at(-1)!
    expect((status.body as { environment_url: string }).environment_url).toBe(
      'https://App.Example.com:443/path?x=1'
    )
  })

  it('rejects bad input with one clear line', async () => {
    await expect(run(deploymentGate, { payload: '[1]' })).rejects.toThrow(
      '--payload must be a JSON object, e.g. {"artifact":"registry/app@sha256:…"}'
    )
    await expect(run(deploymentGate, { payload: '{"a":' })).rejects.toThrow(
      '--payload is not valid JSON (the text ends too early)'
    )
    await expect(run(deploymentGate, { state: 'done' })).rejects.toThrow(
      '--state must be one of in_progress, success'
    )
    const noToken = io()
    noToken.github.token = ''
    const source = mapInputSource({ gate: 'deployment' })
    expect(() => deploymentGate.parseInputs(source, parseCommonInputs(source, noToken.cwd), noToken)).toThrow(
      "--github-token is required to record deployments (the job's token with `deployments: write` or `deployments: read` permission)"
    )
  })

  it('turns API errors into one line that says what to fix', async () => {
    await expect(run(deploymentGate, { 'deployment-id': '999999', state: 'success' })).rejects.toThrow(
      new UserError(
        'GitHub API: reading deployment 999999 failed: 404 Not Found: the repository or resource does not exist, or the token cannot see it'
      )
    )
    await expect(run(deploymentGate, { ref: 'no-such-ref' })).rejects.toThrow(
      'GitHub API: creating a deployment of no-such-ref to production failed: 422 No ref found for: no-such-ref'
    )
    await expect(run(deploymentGate, { 'github-token': 'wrong' })).rejects.toThrow(
      'failed: 401 Bad credentials: the token is invalid or expired'
    )
  })
})

describe('gate: rollback', () => {
  let registry: Service
  beforeAll(async () => {
    registry = await startService(n => {
      void n
      return { kind: 'json', status: 200, body: {} }
    })
  })
  afterAll(() => registry.close())

  /** `count` deployments, oldest first, one hour apart, ending now. */
  function seed(states: string[][], environment = 'production') {
    const start = Date.now() - states.length * HOUR
    return states.map((history, i) =>
      store.add({
        ref: `v1.${i}`,
        environment,
        payload: { artifact: `registry/app@sha256:${String(i).padStart(4, '0')}` },
        created_at: start + i * HOUR,
        statuses: history.map((state, j) => ({ state, created_at: start + i * HOUR + (j + 1) * 60_000 }))
      })
    )
  }

  it('finds the newest good deployment before the current one, paginating past failures', async () => {
    // Newest first: the current deployment, 40 retries of the same commit (skipped without a statuses call),
    // 70 failed deployments, then the good one: on the second page of 100.
    const good = seed([
      ['in_progress', 'success'],
      ['in_progress', 'success'],
      ...Array(70).fill(['in_progress', 'failure'])
    ])
    const start = Date.now()
    Array.from({ length: 41 }, (_, i) =>
      store.add({
        ref: 'v2.0',
        environment: 'production',
        created_at: start + i * 1000,
        statuses: [{ state: 'failure', created_at: start + i * 1000 }]
      })
    )
    seed([['success'], ['success']], 'staging')
    const result = await run(rollbackGate, {})
    const target = good[1]!
    expect(result.findings).toEqual([])
    expect(result.outputs).toEqual({
      ref: 'v1.1',
      sha: target.sha,
      payload: '{"artifact":"registry/app@sha256:0001"}',
      'deployment-id': String(target.id)
    })
    const lists = api.requests.filter(r => r.path === '/repos/octo-org/octo-repo/deployments')
    expect(lists.map(r => [r.query.environment, r.query.page ?? '1'])).toEqual([
      ['production', '1'],
      ['production', '2']
    ])
    expect(api.requests.filter(r => r.path.endsWith('/statuses'))).toHaveLength(71)
  })

  it('stops after a bounded number of candidates', async () => {
    seed([['success'], ...Array(130).fill(['failure'])])
    const result = await run(rollbackGate, {})
    expect(result.findings.map(f => f.message)).toEqual([
      'no earlier good deployment of production to roll back to (stopped by the limit of 100 candidates whose statuses are read)'
    ])
    expect(api.requests.filter(r => r.path.endsWith('/statuses'))).toHaveLength(100)
  })

  it('skips the current deployment even when it succeeded, and counts superseded (inactive) ones as good', async () => {
    const deployments = seed([['success', 'inactive'], ['failure'], ['success']])
    const result = await run(rollbackGate, {})
    expect(result.outputs['deployment-id']).toBe(String(deployments[0]!.id))
    expect(sectionMarkdown(result.sections[0]!)).toContain('| current deployment |')
    expect(sectionMarkdown(result.sections[0]!)).toContain(`| ${deployments[1]!.id} | <code>v1.1</code> |`)
  })

  it('rolls back to a given ref when asked', async () => {
    const deployments = seed([['success'], ['success'], ['failure']])
    const result = await run(rollbackGate, { ref: 'v1.0' })
    expect(result.outputs.ref).toBe('v1.0')
    expect(result.outputs['deployment-id']).toBe(String(deployments[0]!.id))
    const bySha = await run(rollbackGate, { ref: deployments[0]!.sha.slice(0, 10) })
    expect(bySha.outputs['deployment-id']).toBe(String(deployments[0]!.id))
  })

  it('fails clearly when there is nothing to roll back to', async () => {
    seed([['failure'], ['error'], ['success']])
    const result = await run(rollbackGate, {})
    expect(result.findings.map(f => [f.rule, f.severity, f.message])).toEqual([
      [
        'nothing-to-roll-back-to',
        'error',
        'no earlier good deployment of production to roll back to (searched 2 earlier deployment(s), 2 with statuses)'
      ]
    ])
    expect(result.outputs).toEqual({})
    const empty = await run(rollbackGate, { environment: 'qa' })
    expect(empty.findings[0]!.message).toBe(
      'no deployment of qa was ever recorded, so there is nothing to roll back to'
    )
  })

  it('checks that the target artifact still exists, with placeholders substituted', async () => {
    const missing = await startService(() => ({
      kind: 'json',
      status: 404,
      body: { errors: [{ code: 'MANIFEST_UNKNOWN' }] }
    }))
    try {
      const deployments = seed([['success'], ['failure']])
      const template = (base: string) =>
        `${base.replace('/healthz', '')}/v2/app/manifests/{payload.artifact}?ref={ref}`
      const ok = await run(rollbackGate, { 'artifact-check': template(registry.url) })
      expect(ok.findings).toEqual([])
      const gone = await run(rollbackGate, { 'artifact-check': template(missing.url) })
      const expectedUrl = `${missing.url.replace('/healthz', '')}/v2/app/manifests/registry/app@sha256:0000?ref=v1.0`
      expect(gone.findings.map(f => [f.rule, f.severity, f.message])).toEqual([
        [
          'artifact-gone',
          'notice',
          `the artifact of deployment ${deployments[0]!.id} (v1.0) is gone (${expectedUrl} answered 404); trying the next good deployment`
        ],
        [
          'nothing-to-roll-back-to',
          'error',
          'no earlier good deployment of production to roll back to (searched 1 earlier deployment(s), 1 with statuses)'
        ]
      ])
      await expect(run(rollbackGate, { 'artifact-check': 'https://r/{digest}' })).rejects.toThrow(
        new InputError('--artifact-check: unknown placeholder {digest}; use {sha}, {ref} or {payload.<key>}')
      )
    } finally {
      await missing.close()
    }
  })

  it('warns when the migration report says the migrations are not rollback-safe', async () => {
    seed([['success'], ['failure']])
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-rollback-'))
    writeFileSync(
      path.join(dir, 'migrations.json'),
      JSON.stringify({
        gate: 'migrations',
        outputs: { 'rollback-safe': 'false' },
        findings: [{ rule: 'drop-column', severity: 'error', file: 'migrations/003_drop.sql', line: 4 }]
      })
    )
    writeFileSync(
      path.join(dir, 'safe.json'),
      JSON.stringify({ result: { outputs: { 'rollback-safe': 'true' }, findings: [] } })
    )
    writeFileSync(path.join(dir, 'other.json'), '{"outputs":{}}')
    const warned = await run(rollbackGate, { 'migrations-report': 'migrations.json' }, io(dir))
    expect(warned.findings).toEqual([
      expect.objectContaining({
        rule: 'migrations-not-rollback-safe',
        severity: 'warning',
        file: 'migrations.json',
        message:
          'the migrations applied with this release are not rollback-safe: drop-column (migrations/003_drop.sql:4); the previous version may not run against the migrated schema'
      })
    ])
    expect((await run(rollbackGate, { 'migrations-report': 'safe.json' }, io(dir))).findings).toEqual([])
    await expect(run(rollbackGate, { 'migrations-report': 'other.json' }, io(dir))).rejects.toThrow(
      "other.json: has no outputs['rollback-safe']: is it the report of the migrations gate?"
    )
    await expect(run(rollbackGate, { 'migrations-report': 'nope.json' }, io(dir))).rejects.toThrow(
      'nope.json: file not found'
    )
  })
})

describe('gate: metrics', () => {
  it('computes the four keys from deployments, statuses, rollbacks and commit times', async () => {
    const now = Date.now()
    const at = (daysAgo: number, hours = 0) => now - daysAgo * DAY + hours * HOUR
    const add = (
      daysAgo: number,
      states: [string, number][],
      extra: { payload?: unknown; commitHoursBefore?: number } = {}
    ) => {
      const d = store.add({
        ref: `r${daysAgo}`,
        payload: extra.payload ?? {},
        created_at: at(daysAgo),
        statuses: states.map(([state, h]) => ({ state, created_at: at(daysAgo, h) }))
      })
      if (extra.commitHoursBefore !== undefined)
        store.commits.set(d.sha, new Date(at(daysAgo) - extra.commitHoursBefore * HOUR).toISOString())
      return d
    }
    // Five successful changes (lead times 2, 4, 6, 6 and 30 hours), one failed change restored by a rollback 3 h
    // after its failure, one change rolled back 2 h after it without a failure status (restored 1 h later), and
    // one deployment outside the window.
    add(80, [['success', 0.5]], { commitHoursBefore: 1.5 })
    add(60, [['success', 1]], { commitHoursBefore: 3 })
    const failed = add(40, [['failure', 1]], { commitHoursBefore: 1 })
    add(40 - 1 / 24, [['success', 3]], { payload: { rollback_of: failed.id } })
    add(30, [['success', 2]], { commitHoursBefore: 4 })
    const bad = add(20, [['success', 1]], { commitHoursBefore: 5 })
    add(20 - 2 / 24, [['success', 1]], { payload: { rollback_of: bad.id } })
    add(10, [['success', 6]], { commitHoursBefore: 24 })
    add(100, [['success', 1]])
    const result = await run(metricsGate, {})
    expect(result.outputs).toEqual({
      'deployment-frequency': String(Math.round((5 / 90) * 1000) / 1000),
      'lead-time-hours': '6',
      'change-failure-rate': String(Math.round((2 / 6) * 10_000) / 10_000),
      'time-to-restore-hours': '2',
      'deployments-analysed': '8',
      'analysed-since': new Date(result.outputs['analysed-since']!).toISOString(),
      sampled: 'false',
      'drill-time-to-restore-hours': '',
      'days-since-drill': ''
    })
    expect(Date.parse(result.outputs['analysed-since']!)).toBeCloseTo(now - 90 * DAY, -4)
    expect(result.scope).toBe('production: 8 deployments in 90 days (6 changes, 2 rollbacks)')
    expect(sectionMarkdown(result.sections[0]!)).toContain(
      '| Change failure rate | 33.3% (2 of 6) | 🟡 medium |'
    )
    expect(sectionMarkdown(result.sections[0]!)).toContain(
      '| Lead time for changes (median) | 6 h | 🟢 elite |'
    )
    expect(sectionMarkdown(result.sections[1]!)).toMatch(/^```mermaid\nxychart-beta\n/)
    // Bounded API use: 1 page, 8 status lists, 5 distinct commits of successful changes.
    const paths = api.requests.map(r => r.path)
    expect(paths.filter(p => p.endsWith('/statuses'))).toHaveLength(8)
    expect(paths.filter(p => p.includes('/commits/'))).toHaveLength(5)
  })

  it('says so when nothing was deployed in the window', async () => {
    const result = await run(metricsGate, { window: '30d', environment: 'staging' })
    expect(result.findings.map(f => [f.rule, f.severity, f.message])).toEqual([
      ['no-deployments', 'notice', 'no deployments of staging were recorded in the last 30 days']
    ])
    expect(result.outputs).toEqual({
      'deployment-frequency': '0',
      'lead-time-hours': '',
      'change-failure-rate': '',
      'time-to-restore-hours': '',
      'deployments-analysed': '0',
      'analysed-since': expect.any(String),
      sampled: 'false',
      'drill-time-to-restore-hours': '',
      'days-since-drill': ''
    })
  })
})
