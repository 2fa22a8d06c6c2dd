// Rollback targets that are always right, DORA figures that hold at scale, and the one GitHub client under
// real load: in-process against the loopback GitHub API stand-in (real HTTP, real pagination).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { metricsGate } from '../../src/gates/metrics/index.js'
import { rollbackGate } from '../../src/gates/rollback/index.js'
import { UserError } from '../../src/errors.js'
import { describeCommentError } from '../../src/report/comment.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import type { Gate, GateIO, GateResult } from '../../src/types.js'
import { startGitHubApi, type GitHubApi, type Route } from '../helpers/github-api.js'
import {
  createDeploymentStore,
  deploymentRoutes,
  seedDoraHistory,
  type DeploymentStore
} from '../helpers/github-deployments.js'
import { realIO, startService, type Service } from '../health/loopback.js'

const TOKEN = 'ghs_trusttoken'
const HOUR = 3_600_000
const DAY = 24 * HOUR
let api: GitHubApi
let holder: { store: DeploymentStore; override?: Route['handle'] }

/** What the Deployments routes answer (with their own path parameters), for overrides that pass requests on. */
const passOn: Route['handle'] = (request, _params, self) => {
  for (const route of deploymentRoutes(holder.store)) {
    if (route.method !== request.method) continue
    const match = (route.path as RegExp).exec(request.path)
    if (match) return route.handle(request, { ...match.groups }, self)
  }
  return { status: 404, body: { message: 'Not Found' } }
}

beforeAll(async () => {
  holder = { store: createDeploymentStore() }
  const routes = deploymentRoutes(
    new Proxy({} as DeploymentStore, { get: (_t, key) => Reflect.get(holder.store, key, holder.store) })
  )
  const override: Route = {
    method: 'GET',
    path: /.*/,
    handle: (request, params, self) =>
      holder.override ? holder.override(request, params, self) : passOn(request, params, self)
  }
  api = await startGitHubApi({ token: TOKEN, routes: [override, ...routes] })
})
afterAll(() => api.close())
beforeEach(() => {
  holder.store = createDeploymentStore()
  delete holder.override
  api.requests.length = 0
  api.schemaViolations.length = 0
})

const io = (): GateIO => realIO({ github: { token: TOKEN, apiUrl: api.url } })
async function run<C>(gate: Gate<C>, inputs: Record<string, string>): Promise<GateResult> {
  const gateIO = io()
  const source = mapInputSource({ gate: gate.name, 'github-token': TOKEN, ...inputs })
  const config = await gate.parseInputs(source, parseCommonInputs(source, gateIO.cwd), gateIO)
  return gate.run(config, gateIO)
}

describe('rollback never redeploys the release just pulled', () => {
  /** Adds deployments oldest first, one minute apart. */
  let clock = 0
  beforeEach(() => {
    clock = Date.now() - 5 * DAY
  })
  /** Adds deployments oldest first, one minute apart, after the ones added before. */
  const history = (entries: { ref: string; states: string[]; payload?: unknown }[]) =>
    entries.map(entry => {
      const created = (clock += 60_000)
      return holder.store.add({
        ref: entry.ref,
        payload: entry.payload ?? { artifact: `app@${entry.ref}` },
        created_at: created,
        statuses: entry.states.map((state, j) => ({ state, created_at: created + (j + 1) * 1000 }))
      })
    })

  it('follows rollback_of chains, counts only the states reached, skips drills and unusable records, across pages', async () => {
    const [v1, , v3] = history([
      { ref: 'v1', states: ['success', 'inactive'] },
      { ref: 'v2', states: ['success', 'inactive'] },
      { ref: 'v3', states: ['success', 'inactive'] }
    ])
    // v4 failed after all; v5 was pulled by a rollback to v3; the rollback itself was then rolled back (to v2's
    // commit would be wrong too: v2 was rolled back away from by a later rollback below).
    const [v4, v5] = history([
      { ref: 'v4', states: ['success', 'failure', 'inactive'] },
      { ref: 'v5', states: ['success', 'inactive'] }
    ])
    history([
      { ref: 'v3', states: ['success', 'inactive'], payload: { rollback_of: v5!.id, artifact: 'app@v3' } }
    ])
    // A drill rolled back to v1 and forward again: neither is a target on its own account, and v3 is not pulled by it.
    history([
      {
        ref: 'v1',
        states: ['success', 'inactive'],
        payload: { drill: true, drill_phase: 'rollback', rollback_of: v3!.id }
      },
      { ref: 'v3', states: ['success', 'inactive'], payload: { drill: true, drill_phase: 'forward' } }
    ])
    // 120 failed deployments push the candidates to the second page; one has no sha, one a string payload.
    const failed = history(
      Array.from({ length: 97 }, (_, i) => ({ ref: `broken-${i}`, states: ['failure'] }))
    )
    failed[10]!.sha = undefined as never
    failed[20]!.payload = 'not json'
    // The current release is v6; rolling back must skip v5 (pulled), v4 (failed), and land on v3.
    history([{ ref: 'v6', states: ['success'] }])
    const result = await run(rollbackGate, {})
    expect(result.outputs.ref).toBe('v3')
    expect(result.outputs['deployment-id']).not.toBe(String(v3!.id)) // the newest good deployment of v3: the rollback
    const notices = result.findings.map(f => [f.rule, f.severity, f.message])
    // Skipped entries of a page are reported first, then the page's deployments in order.
    expect(notices).toEqual([
      [
        'deployment-skipped',
        'notice',
        `deployment ${failed[10]!.id} of production was skipped: it has no commit SHA`
      ],
      [
        'deployment-skipped',
        'notice',
        `deployment ${failed[20]!.id} of production was skipped: its payload is a string that is not JSON`
      ]
    ])
    const table = JSON.stringify(result.sections[0]!.blocks)
    expect(table).toContain('rollback drill: never a target on its own account')

    // The target is the rollback that redeployed v3 (success → inactive), found before v5 (pulled) and v4 (failed).
    expect(table).toContain('"success → inactive","rollback target"')
    void v1
    void v4
  })

  it("moves on to the next good deployment when a candidate's artifact is gone, and fails only when none remains", async () => {
    const registry: Service = await startService((_n, request) =>
      request.url?.includes('app@v2')
        ? { kind: 'json', status: 404, body: {} }
        : { kind: 'json', status: 200, body: {} }
    )
    try {
      history([
        { ref: 'v1', states: ['success', 'inactive'] },
        { ref: 'v2', states: ['success', 'inactive'], payload: { artifact: 'app@v2' } },
        { ref: 'v2b', states: ['success', 'inactive'], payload: { artifact: 'app@\ud800' } },
        { ref: 'v3', states: ['success'] }
      ])
      const base = registry.url.replace('/healthz', '')
      const result = await run(rollbackGate, { 'artifact-check': `${base}/manifests/{payload.artifact}` })
      expect(result.outputs.ref).toBe('v1')
      expect(result.findings.map(f => [f.rule, f.severity])).toEqual([
        ['deployment-skipped', 'notice'],
        ['artifact-gone', 'notice']
      ])
      expect(result.findings[0]!.message).toContain('{payload.artifact} is not valid Unicode')
      registry.close()
      const down = await run(rollbackGate, {
        'artifact-check': `${base}/manifests/{payload.artifact}`,
        'request-timeout': '500ms'
      })
      expect(down.outputs).toEqual({})
      expect(down.findings.map(f => f.rule)).toEqual(['deployment-skipped', 'artifact-check-failed'])
    } finally {
      await registry.close()
    }
  })

  it('checks workflow artifacts through the artifacts API', async () => {
    history([
      { ref: 'v1', states: ['success', 'inactive'] },
      { ref: 'v2', states: ['success', 'inactive'] },
      { ref: 'v3', states: ['success'] }
    ])
    holder.override = request => {
      if (request.path.endsWith('/actions/artifacts')) {
        const name = request.query.name
        const expired = name === `build-${holder.store.deployments[1]!.sha}`
        return { status: 200, body: { total_count: 1, artifacts: [{ id: 9, name, expired }] } }
      }
      return { status: 404, body: { message: 'Not Found' } }
    }
    const routed = holder.override
    holder.override = (request, params, self) =>
      request.path.endsWith('/actions/artifacts')
        ? routed(request, params, self)
        : passOn(request, params, self)
    const result = await run(rollbackGate, { 'artifact-name': 'build-{sha}' })
    expect(result.outputs.ref).toBe('v1')
    expect(result.findings.map(f => f.message)).toEqual([
      `the artifact of deployment ${holder.store.deployments[1]!.id} (v2) is gone (workflow artifact build-${holder.store.deployments[1]!.sha} has expired); trying the next good deployment`
    ])
  })
})

describe('DORA figures at scale', () => {
  it('pages through 520 deployments and matches figures computed by hand from the definitions', async () => {
    const now = Date.now()
    const windowMs = 60 * DAY
    const history = seedDoraHistory(holder.store, now, windowMs)
    const { expected } = history

    const result = await run(metricsGate, { window: '60d', 'max-deployments': '2000' })
    expect(history.changes).toBeGreaterThanOrEqual(500)
    expect(api.schemaViolations).toEqual([])
    expect(result.outputs).toMatchObject({ ...expected, sampled: 'false' })
    // Sampled: the figures say from when, and divide by the span they cover.
    const sampled = await run(metricsGate, { window: '60d', 'max-deployments': '100' })
    expect(sampled.outputs.sampled).toBe('true')
    expect(sampled.findings.map(f => f.rule)).toContain('history-sampled')
    const since = Date.parse(sampled.outputs['analysed-since']!)
    expect(since).toBeGreaterThan(now - windowMs)
    expect(Number(sampled.outputs['deployment-frequency'])).toBeGreaterThan(
      Number(result.outputs['deployment-frequency']) * 0.8
    )
  }, 60_000)

  it.each([
    ['an empty body', ''],
    ['null', 'null'],
    ['a truncated page', '[{"id": 1, "sha": "'],
    ['an object', '{"message":"hi"}']
  ])('fails on %s instead of reporting zero deployments', async (_label, body) => {
    holder.override = () => ({
      status: 200,
      body: body === '' ? undefined : (JSON.parse(body.endsWith('"') ? '"x"' : body) as unknown)
    })
    if (body.startsWith('[{')) {
      // A raw truncated body needs a server that writes it as is.
      const raw = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        res.end(body)
      })
      await new Promise<void>(resolve => raw.listen(0, '127.0.0.1', resolve))
      try {
        const gateIO = realIO({
          github: { token: TOKEN, apiUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` }
        })
        const source = mapInputSource({ gate: 'metrics', 'github-token': TOKEN })
        const config = await metricsGate.parseInputs(source, parseCommonInputs(source, gateIO.cwd), gateIO)
        await expect(metricsGate.run(config, gateIO)).rejects.toThrow(
          /listing deployments of production failed: the answer is not the JSON/
        )
      } finally {
        await new Promise(resolve => raw.close(resolve))
      }
      return
    }
    await expect(run(metricsGate, {})).rejects.toThrow(UserError)
  })

  it('refuses window 0 and counts a deployed commit GitHub no longer has as a notice', async () => {
    await expect(run(metricsGate, { window: '0d' })).rejects.toThrow(
      '--window must be longer than 0, e.g. 90d'
    )
    const d = holder.store.add({
      ref: 'gone',
      created_at: Date.now() - DAY,
      statuses: [{ state: 'success', created_at: Date.now() - DAY + 1000 }]
    })
    holder.store.commits.delete(d.sha)
    const result = await run(metricsGate, {})
    expect(result.findings.map(f => [f.rule, f.severity])).toEqual([['commit-missing', 'notice']])
    expect(result.outputs['deployment-frequency']).toBe(String(Math.round((1 / 90) * 1000) / 1000))
    expect(result.outputs['lead-time-hours']).toBe('')
  })
})

describe('the GitHub client under real load', () => {
  it('retries a 502, waits out a secondary rate limit with retry-after, and reads a 403 as what it is', async () => {
    holder.store.add({
      ref: 'v1',
      created_at: Date.now() - HOUR,
      statuses: [{ state: 'success', created_at: Date.now() - HOUR }]
    })
    let calls = 0
    holder.override = (request, params, self) => {
      if (request.path.endsWith('/deployments')) {
        calls++
        if (calls === 1) return { status: 502, body: { message: 'Server Error' } }
        if (calls === 2)
          return {
            status: 429,
            headers: { 'retry-after': '1' },
            body: {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
            }
          }
      }
      return passOn(request, params, self)
    }
    const started = Date.now()
    const result = await run(metricsGate, {})
    expect(result.outputs['deployments-analysed']).toBe('1')
    expect(calls).toBe(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900) // 1 s backoff + 1 s retry-after

    holder.override = () => ({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' }
    })
    await expect(run(metricsGate, {})).rejects.toThrow(
      /403 the token's API rate limit is used up \(it resets at .*\): API rate limit exceeded/
    )
    holder.override = () => ({
      status: 403,
      headers: { 'x-accepted-github-permissions': 'deployments=read' },
      body: { message: 'Resource not accessible by integration' }
    })
    await expect(run(metricsGate, {})).rejects.toThrow(
      '403 Resource not accessible by integration: give the job `permissions: deployments: read`'
    )
  }, 30_000)

  it('does not blame a rate-limited PR comment on a missing permission', () => {
    const limited = {
      status: 403,
      message: 'API rate limit exceeded',
      response: {
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' },
        data: { message: 'API rate limit exceeded for installation ID 7.' }
      }
    }
    expect(describeCommentError(limited, 30_000)).toBe(
      "the GitHub API answered 403 the token's API rate limit is used up (it resets at 2026-01-01T00:00:00.000Z): API rate limit exceeded for installation ID 7."
    )
    const denied = {
      status: 403,
      message: 'Resource not accessible by integration',
      response: { headers: {}, data: { message: 'Resource not accessible by integration' } }
    }
    expect(describeCommentError(denied, 30_000)).toMatch(/permissions: pull-requests: write/)
  })

  it('fails within api-timeout when the server accepts and never answers', async () => {
    const silent: Server = createServer(() => {})
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    try {
      const gateIO = realIO({
        github: { token: TOKEN, apiUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` }
      })
      const source = mapInputSource({ gate: 'rollback', 'github-token': TOKEN, 'api-timeout': '1s' })
      const config = await rollbackGate.parseInputs(source, parseCommonInputs(source, gateIO.cwd), gateIO)
      const started = Date.now()
      await expect(rollbackGate.run(config, gateIO)).rejects.toThrow(
        'GitHub API: listing deployments of production failed: no answer within 1s'
      )
      expect(Date.now() - started).toBeLessThan(3000)
    } finally {
      silent.closeAllConnections()
      await new Promise(resolve => silent.close(resolve))
    }
  })
})
