/**
 * The Deployments API for the GitHub API stand-in (`startGitHubApi({ routes: deploymentRoutes(store) })`):
 * deployments filtered by environment, newest first, statuses per deployment, commits for lead time, and
 * GitHub's pagination (per_page, page, Link rel="next"/"last") on every list.
 */
import { createHash } from 'node:crypto'
import type { RecordedRequest, Route, RouteResponse } from './github-api.js'

export interface StoredStatus {
  id: number
  state: string
  created_at: string
  environment_url?: string
  log_url?: string
  description?: string
}

export interface StoredDeployment {
  id: number
  sha: string
  ref: string
  environment: string
  payload: unknown
  description: string | null
  production_environment: boolean
  created_at: string
  /** Oldest first, as they were created. */
  statuses: StoredStatus[]
}

export interface DeploymentStore {
  deployments: StoredDeployment[]
  /** sha → committer date. */
  commits: Map<string, string>
  /** Seeds a deployment with its statuses (times as ISO strings or epoch ms). */
  add(seed: {
    ref?: string
    sha?: string
    environment?: string
    payload?: unknown
    created_at: string | number
    statuses?: { state: string; created_at: string | number }[]
  }): StoredDeployment
  /** Ids for deployments and statuses share one sequence, as GitHub's do not collide either. */
  nextId(): number
}

const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']
const iso = (time: string | number) => new Date(time).toISOString()
/** A stable 40-hex SHA for a ref name, so the same ref always resolves to the same commit. */
export const shaOf = (ref: string) =>
  /^[0-9a-f]{40}$/.test(ref) ? ref : createHash('sha1').update(ref).digest('hex')

export function createDeploymentStore(): DeploymentStore {
  let nextId = 5000
  const store: DeploymentStore = {
    nextId: () => nextId++,
    deployments: [],
    commits: new Map(),
    add(seed) {
      const ref = seed.ref ?? seed.sha ?? 'main'
      const deployment: StoredDeployment = {
        id: nextId++,
        sha: seed.sha ?? shaOf(ref),
        ref,
        environment: seed.environment ?? 'production',
        payload: seed.payload ?? {},
        description: null,
        production_environment: true,
        created_at: iso(seed.created_at),
        statuses: (seed.statuses ?? []).map(s => ({
          id: nextId++,
          state: s.state,
          created_at: iso(s.created_at)
        }))
      }
      store.deployments.push(deployment)
      return deployment
    }
  }
  return store
}

/** Slices a list the way GitHub pages it and links the neighbouring pages. */
export function paginate(baseUrl: string, request: RecordedRequest, list: readonly unknown[]): RouteResponse {
  const perPage = Math.min(Math.max(Number(request.query.per_page ?? 30) || 30, 1), 100)
  const page = Math.max(Number(request.query.page ?? 1) || 1, 1)
  const lastPage = Math.max(Math.ceil(list.length / perPage), 1)
  const link = (n: number, rel: string) => {
    const target = new URL(`${baseUrl}${request.path}`)
    for (const [key, value] of Object.entries(request.query)) target.searchParams.set(key, value)
    target.searchParams.set('per_page', String(perPage))
    target.searchParams.set('page', String(n))
    return `<${target.href}>; rel="${rel}"`
  }
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
    ...(page < lastPage ? [link(page + 1, 'next'), link(lastPage, 'last')] : [])
  ]
  return {
    status: 200,
    body: list.slice((page - 1) * perPage, page * perPage),
    ...(links.length ? { headers: { link: links.join(', ') } } : {})
  }
}

const REPO = '^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)'

/** The user GitHub names as the creator of records made with the job's token. */
export function botUser(baseUrl: string) {
  const login = 'github-actions[bot]'
  const url = `${baseUrl}/users/${encodeURIComponent(login)}`
  return {
    login,
    id: 41898282,
    node_id: 'MDM6Qm90NDE4OTgyODI=',
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    gravatar_id: '',
    url,
    html_url: 'https://github.com/apps/github-actions',
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'Bot',
    site_admin: false
  }
}
const notFound: RouteResponse = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
}

export function deploymentRoutes(store: DeploymentStore): Route[] {
  /** A deployment as GitHub's API description has it (every required field), from the stored record. */
  const view = (d: StoredDeployment, base: string, repository: string) => {
    const { statuses: _statuses, ...rest } = d
    const url = `${base}/repos/${repository}/deployments/${d.id}`
    return {
      url,
      node_id: `DE_${d.id}`,
      task: 'deploy',
      original_environment: d.environment,
      transient_environment: false,
      creator: botUser(base),
      statuses_url: `${url}/statuses`,
      repository_url: `${base}/repos/${repository}`,
      ...rest,
      updated_at: d.statuses.at(-1)?.created_at ?? d.created_at
    }
  }
  const statusView = (status: StoredStatus, d: StoredDeployment, base: string, repository: string) => ({
    url: `${base}/repos/${repository}/deployments/${d.id}/statuses/${status.id}`,
    node_id: `DES_${status.id}`,
    creator: botUser(base),
    description: '',
    environment: d.environment,
    target_url: status.log_url ?? `https://github.com/${repository}/deployments`,
    deployment_url: `${base}/repos/${repository}/deployments/${d.id}`,
    repository_url: `${base}/repos/${repository}`,
    updated_at: status.created_at,
    ...status
  })
  const repositoryOf = (params: Record<string, string>) => `${params.owner}/${params.repo}`
  const find = (id: string) => store.deployments.find(d => d.id === Number(id))
  return [
    {
      method: 'POST',
      path: new RegExp(`${REPO}/deployments$`),
      handle(request, params, api) {
        const body = request.body as Record<string, unknown>
        if (typeof body?.ref !== 'string' || body.ref === '') {
          return { status: 422, body: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' } }
        }
        if (body.ref === 'no-such-ref')
          return { status: 422, body: { message: 'No ref found for: no-such-ref' } }
        const deployment = store.add({
          ref: body.ref,
          environment: typeof body.environment === 'string' ? body.environment : 'production',
          payload: body.payload ?? {},
          created_at: Date.now()
        })
        deployment.description = typeof body.description === 'string' ? body.description : null
        deployment.production_environment = body.production_environment === true
        return { status: 201, body: view(deployment, api.url, repositoryOf(params)) }
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments$`),
      handle(request, params, api) {
        const environment = request.query.environment
        const list = store.deployments
          .filter(d => environment === undefined || d.environment === environment)
          .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
          .map(d => view(d, api.url, repositoryOf(params)))
        return paginate(api.url, request, list)
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)$`),
      handle(_request, params, api) {
        const deployment = find(params.id!)
        return deployment ? { status: 200, body: view(deployment, api.url, repositoryOf(params)) } : notFound
      }
    },
    {
      method: 'POST',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)/statuses$`),
      handle(request, params, api) {
        const deployment = find(params.id!)
        if (!deployment) return notFound
        const body = request.body as Record<string, unknown>
        if (typeof body?.state !== 'string' || !STATES.includes(body.state)) {
          return {
            status: 422,
            body: { message: 'Validation Failed', errors: [{ field: 'state', code: 'invalid' }] }
          }
        }
        const status: StoredStatus = {
          id: store.nextId(),
          state: body.state,
          created_at: new Date().toISOString()
        }
        for (const key of ['environment_url', 'log_url', 'description'] as const) {
          if (typeof body[key] === 'string') status[key] = body[key] as string
        }
        deployment.statuses.push(status)
        return { status: 201, body: statusView(status, deployment, api.url, repositoryOf(params)) }
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)/statuses$`),
      handle(request, params, api) {
        const deployment = find(params.id!)
        if (!deployment) return notFound
        return paginate(
          api.url,
          request,
          [...deployment.statuses]
            .reverse()
            .map(status => statusView(status, deployment, api.url, repositoryOf(params)))
        )
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/commits/(?<sha>[^/]+)$`),
      handle(_request, params, api) {
        const date = store.commits.get(params.sha!)
        if (!date) return { status: 422, body: { message: `No commit found for SHA: ${params.sha}` } }
        const person = { name: 'Dev', email: 'dev@example.com', date }
        const repo = `${api.url}/repos/${repositoryOf(params)}`
        return {
          status: 200,
          body: {
            url: `${repo}/commits/${params.sha}`,
            sha: params.sha,
            node_id: `C_${params.sha!.slice(0, 12)}`,
            html_url: `https://github.com/${repositoryOf(params)}/commit/${params.sha}`,
            comments_url: `${repo}/commits/${params.sha}/comments`,
            commit: {
              url: `${repo}/git/commits/${params.sha}`,
              author: person,
              committer: person,
              message: 'change',
              comment_count: 0,
              tree: {
                sha: shaOf(`tree-${params.sha}`),
                url: `${repo}/git/trees/${shaOf(`tree-${params.sha}`)}`
              }
            },
            author: null,
            committer: null,
            parents: []
          }
        }
      }
    }
  ]
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface DoraHistory {
  /** Changes (non-rollback, non-drill deployments) seeded in the window. */
  changes: number
  rollbacks: number
  /** The metrics gate's outputs, computed here by hand from the README's definitions (not by the gate's code). */
  expected: Record<string, string>
}

/**
 * A deterministic history of 500+ deployments over `windowMs` ending at `now`: a change every ~2.77 h, every 7th
 * failing after 30 min, every 11th rolled back 30 min later (the rollback succeeds 10 min after), one drill and
 * one deployment before the window. The expected four keys are computed independently, by the definitions:
 * frequency = successful changes / window days; lead time = median(first success − commit time); failure rate =
 * changes that failed or were rolled back / changes that finished; time to restore = median(first later success −
 * failure).
 */
export function seedDoraHistory(store: DeploymentStore, now: number, windowMs: number): DoraHistory {
  type Seed = { created: number; commit: number; state: string; after: number }
  const seeds: Seed[] = []
  for (let i = 0; i < 520; i++) {
    const created = now - windowMs + 1000 + i * 2.6 * HOUR * (60 / 56.4)
    if (created > now - 60_000) break
    const failing = i % 7 === 3
    seeds.push({
      created,
      commit: created - ((i % 9) + 1) * HOUR,
      state: failing ? 'failure' : 'success',
      after: failing ? 0.5 * HOUR : (i % 5) * 0.25 * HOUR + 600_000
    })
  }
  const added = seeds.map((seed, i) => {
    const d = store.add({
      ref: `r${i}`,
      created_at: seed.created,
      statuses: [{ state: seed.state, created_at: seed.created + seed.after }]
    })
    store.commits.set(d.sha, new Date(seed.commit).toISOString())
    return d
  })
  const rollbacks: { of: number; created: number; success: number }[] = []
  seeds.forEach((seed, i) => {
    if (i % 11 !== 5) return
    const created = seed.created + 0.5 * HOUR
    store.add({
      ref: `rb${i}`,
      payload: { rollback_of: added[i]!.id },
      created_at: created,
      statuses: [{ state: 'success', created_at: created + 600_000 }]
    })
    rollbacks.push({ of: i, created, success: created + 600_000 })
  })
  store.add({
    ref: 'drill',
    payload: { drill: true, drill_phase: 'rollback' },
    created_at: now - 2 * DAY,
    statuses: [{ state: 'success', created_at: now - 2 * DAY + 90_000 }]
  })
  store.add({
    ref: 'old',
    created_at: now - windowMs - DAY,
    statuses: [{ state: 'success', created_at: now - windowMs - DAY + 1 }]
  })

  const successAt = (i: number) =>
    seeds[i]!.state === 'success' ? seeds[i]!.created + seeds[i]!.after : undefined
  const successful = seeds.map((_, i) => i).filter(i => successAt(i) !== undefined)
  const rolledBack = new Map(rollbacks.map(r => [r.of, r.created]))
  const failedAt = (i: number) => {
    const times = [
      ...(seeds[i]!.state === 'failure' ? [seeds[i]!.created + seeds[i]!.after] : []),
      ...(rolledBack.has(i) ? [rolledBack.get(i)!] : [])
    ]
    return times.length ? Math.min(...times) : undefined
  }
  const failed = seeds.map((_, i) => i).filter(i => failedAt(i) !== undefined)
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b)
    const mid = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  const leadHours = median(successful.map(i => (successAt(i)! - seeds[i]!.commit) / HOUR))
  const successes = [
    ...successful.map(i => ({ created: seeds[i]!.created, at: successAt(i)! })),
    ...rollbacks.map(r => ({ created: r.created, at: r.success }))
  ]
  const restoreHours = median(
    failed.flatMap(i => {
      const later = successes.filter(s => s.created > seeds[i]!.created && s.at >= failedAt(i)!)
      return later.length ? [(Math.min(...later.map(s => s.at)) - failedAt(i)!) / HOUR] : []
    })
  )
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
  return {
    changes: seeds.length,
    rollbacks: rollbacks.length,
    expected: {
      'deployment-frequency': String(round(successful.length / (windowMs / DAY), 3)),
      'lead-time-hours': String(round(leadHours, 2)),
      // Every change finished (success or failure), so the denominator is every change.
      'change-failure-rate': String(round(failed.length / seeds.length, 4)),
      'time-to-restore-hours': String(round(restoreHours, 2)),
      'deployments-analysed': String(seeds.length + rollbacks.length + 1),
      'drill-time-to-restore-hours': String(round(90_000 / HOUR, 2))
    }
  }
}
