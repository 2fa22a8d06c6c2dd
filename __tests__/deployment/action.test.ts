// deployment → rollback → metrics through the bundled dist/index.js, as the runner runs it, against the
// loopback GitHub API stand-in holding deployments, statuses and commits.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import {
  createDeploymentStore,
  deploymentRoutes,
  type DeploymentStore
} from '../helpers/github-deployments.js'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'

const TOKEN = 'ghs_runnertoken'
const HOUR = 3_600_000

describe.each(NODE_BINARIES)('post-deploy records on $label', ({ path: node }) => {
  let api: GitHubApi
  let store: DeploymentStore
  beforeAll(async () => {
    ensureBuilt()
    store = createDeploymentStore()
    api = await startGitHubApi({ token: TOKEN, routes: deploymentRoutes(store) })
  })
  afterAll(() => api.close())

  const action = (inputs: Record<string, string>) =>
    runAction({ node, apiUrl: api.url, inputs: { 'github-token': TOKEN, comment: 'false', ...inputs } })

  it('records a deploy, its failure, the rollback target and the rollback, and measures them', async () => {
    const start = Date.now() - 10 * HOUR
    const good = store.add({
      ref: 'v1.0.0',
      payload: { artifact: 'registry.example/app@sha256:aaaa' },
      created_at: start,
      statuses: [{ state: 'success', created_at: start + 60_000 }]
    })
    store.commits.set(good.sha, new Date(start - 2 * HOUR).toISOString())

    const created = await action({
      gate: 'deployment',
      ref: 'v1.1.0',
      payload: '{"artifact":"registry.example/app@sha256:bbbb"}'
    })
    expect(created.code).toBe(0)
    const id = created.outputs['deployment-id']!
    expect(created.outputs.status).toBe('passed')
    expect(store.deployments.find(d => String(d.id) === id)!.statuses.map(s => s.state)).toEqual([
      'in_progress'
    ])

    const failed = await action({ gate: 'deployment', 'deployment-id': id, state: 'failure' })
    expect(failed.code).toBe(0)

    const target = await action({ gate: 'rollback' })
    expect(target.code).toBe(0)
    expect(target.outputs).toMatchObject({
      ref: 'v1.0.0',
      sha: good.sha,
      payload: '{"artifact":"registry.example/app@sha256:aaaa"}',
      'deployment-id': String(good.id),
      status: 'passed'
    })

    const rollback = await action({
      gate: 'deployment',
      ref: target.outputs.ref!,
      payload: target.outputs.payload!,
      'rollback-of': id,
      state: 'success'
    })
    expect(rollback.code).toBe(0)
    expect(store.deployments.at(-1)!.payload).toEqual({
      artifact: 'registry.example/app@sha256:aaaa',
      rollback_of: Number(id)
    })

    const metrics = await action({ gate: 'metrics', window: '30d' })
    expect(metrics.code).toBe(0)
    expect(metrics.outputs).toMatchObject({
      'deployment-frequency': String(Math.round((1 / 30) * 1000) / 1000),
      'lead-time-hours': '2.02',
      'change-failure-rate': '0.5'
    })
    expect(Number(metrics.outputs['time-to-restore-hours'])).toBeLessThan(0.1)
    expect(metrics.summary).toContain('xychart-beta')
    // The token never reaches an output or the summary.
    for (const run of [created, target, rollback, metrics]) {
      expect(JSON.stringify(run.outputs)).not.toContain(TOKEN)
      expect(run.summary).not.toContain(TOKEN)
    }
  })

  it('fails with one clear line when there is nothing to roll back to, or no token', async () => {
    const none = await action({ gate: 'rollback', environment: 'preview' })
    expect(none.code).toBe(1)
    expect(none.stdout).toContain(
      'no deployment of preview was ever recorded, so there is nothing to roll back to'
    )

    const noToken = await action({ gate: 'deployment', 'github-token': '' })
    expect(noToken.code).toBe(1)
    expect(noToken.annotations.filter(a => a.level === 'error').map(a => a.message)).toEqual([
      "input 'github-token' is required to record deployments (the job's token with `deployments: write` or `deployments: read` permission)"
    ])
    expect(noToken.stdout).not.toMatch(/at .+\.js:\d+/)
  })
})
