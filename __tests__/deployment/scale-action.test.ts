// Rollback chains over several pages and a 500-deployment DORA history, through dist/index.js as the runner runs
// it, against the GitHub API stand-in answering as GitHub does under load: a 502 and a secondary rate limit
// (429 with retry-after) on the way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubApi, type GitHubApi, type Route } from '../helpers/github-api.js'
import {
  createDeploymentStore,
  deploymentRoutes,
  seedDoraHistory,
  type DeploymentStore
} from '../helpers/github-deployments.js'
import { ensureBuilt, runAction } from '../helpers/runner.js'

const TOKEN = 'ghs_scaletoken'
const DAY = 86_400_000

describe('post-deploy gates at scale, through dist/', () => {
  let api: GitHubApi
  const holder: { store: DeploymentStore; flaky: Map<string, number> } = {
    store: createDeploymentStore(),
    flaky: new Map()
  }
  beforeAll(async () => {
    ensureBuilt()
    // Requests are answered by the current store; the n-th listing request can be made to fail first.
    const flaky: Route = {
      method: 'GET',
      path: /\/deployments$/,
      handle(request, _params, self) {
        const n = (holder.flaky.get('count') ?? 0) + 1
        holder.flaky.set('count', n)
        if (n === holder.flaky.get('502')) return { status: 502, body: { message: 'Server Error' } }
        if (n === holder.flaky.get('429'))
          return {
            status: 429,
            headers: { 'retry-after': '1' },
            body: {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
            }
          }
        const route = deploymentRoutes(holder.store).find(
          r => r.method === 'GET' && String(r.path).endsWith('deployments$/')
        )!
        const match = (route.path as RegExp).exec(request.path)!
        return route.handle(request, { ...match.groups }, self)
      }
    }
    const rest: Route[] = deploymentRoutes(
      new Proxy({} as DeploymentStore, { get: (_t, key) => Reflect.get(holder.store, key, holder.store) })
    )
    api = await startGitHubApi({ token: TOKEN, routes: [flaky, ...rest] })
  })
  afterAll(() => api.close())
  beforeEach(() => {
    holder.store = createDeploymentStore()
    holder.flaky = new Map()
    api.schemaViolations.length = 0
  })
  const action = (inputs: Record<string, string>) =>
    runAction({
      apiUrl: api.url,
      inputs: { 'github-token': TOKEN, comment: 'false', ...inputs },
      timeoutMs: 60_000
    })

  it('rolls back past a pulled release and a release that failed after success, on page 3, through a 502 and a rate limit', async () => {
    let clock = Date.now() - 3 * DAY
    const add = (
      ref: string,
      states: string[],
      payload: Record<string, unknown> = { artifact: `app@${ref}` }
    ) => {
      const created = (clock += 60_000)
      return holder.store.add({
        ref,
        payload,
        created_at: created,
        statuses: states.map((state, i) => ({ state, created_at: created + (i + 1) * 1000 }))
      })
    }
    const v1 = add('v1', ['success', 'inactive'])
    add('v2', ['success', 'failure', 'inactive'])
    const v3 = add('v3', ['success', 'inactive'])
    add('rollback-to-v1', ['success', 'inactive'], { artifact: 'app@v1', rollback_of: v3.id })
    for (let i = 0; i < 95; i++) add(`broken-${i}`, ['failure'])
    add('drill-back', ['success', 'inactive'], { drill: true, drill_phase: 'rollback', artifact: 'app@v0' })
    // Failed attempts at the current commit: passed over without reading their statuses.
    for (let i = 0; i < 110; i++) add('v9', ['error'])
    add('v9', ['success'])
    // The first listing answers 502 (retried after 1 s), the third a secondary rate limit (waited out).
    holder.flaky.set('502', 1)
    holder.flaky.set('429', 3)
    const started = Date.now()
    const run = await action({ gate: 'rollback' })
    expect(run.code).toBe(0)
    // v3 was pulled by the rollback to v1; v2 failed after its success; the drill is never a target; so the
    // newest good release is the rollback's own deployment of v1's commit.
    expect(run.outputs).toMatchObject({
      ref: 'rollback-to-v1',
      sha: holder.store.deployments[3]!.sha,
      status: 'passed'
    })
    expect(run.outputs.payload).toBe(JSON.stringify({ artifact: 'app@v1', rollback_of: v3.id }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
    const pages = api.requests
      .filter(r => r.path === '/repos/octo-org/octo-repo/deployments')
      .map(r => r.query.page ?? '1')
    expect(pages).toEqual(['1', '1', '2', '2', '3'])
    expect(run.summary).toContain('rollback drill: never a target on its own account')
    expect(api.schemaViolations).toEqual([])
    void v1
  }, 60_000)

  it('computes the DORA keys of a 500-deployment history by hand, and says what was sampled when capped', async () => {
    const history = seedDoraHistory(holder.store, Date.now(), 60 * DAY)
    expect(history.changes).toBeGreaterThanOrEqual(500)
    const run = await action({ gate: 'metrics', window: '60d', 'max-deployments': '2000' })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ ...history.expected, sampled: 'false' })
    expect(run.summary).toContain('Deployments analysed')
    const sampled = await action({ gate: 'metrics', window: '60d', 'max-deployments': '150' })
    expect(sampled.code).toBe(0)
    expect(sampled.outputs).toMatchObject({ sampled: 'true', 'deployments-analysed': '150' })
    expect(sampled.stdout).toMatch(/the figures cover the newest 150, from \d{4}-\d\d-\d\dT/)
    expect(api.schemaViolations).toEqual([])
  }, 90_000)
})
