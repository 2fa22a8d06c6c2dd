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
const notFound: RouteResponse = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
}

export function deploymentRoutes(store: DeploymentStore): Route[] {
  const view = (d: StoredDeployment) => {
    const { statuses: _statuses, ...rest } = d
    return {
      ...rest,
      url: `/deployments/${d.id}`,
      task: 'deploy',
      updated_at: d.statuses.at(-1)?.created_at ?? d.created_at
    }
  }
  const find = (id: string) => store.deployments.find(d => d.id === Number(id))
  return [
    {
      method: 'POST',
      path: new RegExp(`${REPO}/deployments$`),
      handle(request) {
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
        return { status: 201, body: view(deployment) }
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments$`),
      handle(request, _params, api) {
        const environment = request.query.environment
        const list = store.deployments
          .filter(d => environment === undefined || d.environment === environment)
          .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
          .map(view)
        return paginate(api.url, request, list)
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)$`),
      handle(_request, params) {
        const deployment = find(params.id!)
        return deployment ? { status: 200, body: view(deployment) } : notFound
      }
    },
    {
      method: 'POST',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)/statuses$`),
      handle(request, params) {
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
        return { status: 201, body: status }
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/deployments/(?<id>\\d+)/statuses$`),
      handle(request, params, api) {
        const deployment = find(params.id!)
        if (!deployment) return notFound
        return paginate(api.url, request, [...deployment.statuses].reverse())
      }
    },
    {
      method: 'GET',
      path: new RegExp(`${REPO}/commits/(?<sha>[^/]+)$`),
      handle(_request, params) {
        const date = store.commits.get(params.sha!)
        if (!date) return { status: 422, body: { message: `No commit found for SHA: ${params.sha}` } }
        const person = { name: 'Dev', email: 'dev@example.com', date }
        return {
          status: 200,
          body: { sha: params.sha, commit: { author: person, committer: person, message: 'change' } }
        }
      }
    }
  ]
}
