import { getOctokit } from '@actions/github'
import { InputError, UserError } from '../errors.js'
import type { CommonInputs, GateIO, InputSource } from '../types.js'

/**
 * GitHub's Deployments API, shared by the deployment, rollback and metrics gates: every call has a timeout,
 * lists are paginated with hard page caps, and API errors become one-line UserErrors that say what to fix.
 */

export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

export interface Deployment {
  id: number
  sha: string
  ref: string
  environment: string
  payload: unknown
  description: string | null
  created_at: string
}

export interface DeploymentStatus {
  id: number
  state: DeploymentState
  created_at: string
  environment_url?: string
  log_url?: string
  description?: string | null
}

export interface CreateDeployment {
  ref: string
  environment: string
  payload: Record<string, unknown>
  description: string
  productionEnvironment: boolean
}

export interface CreateStatus {
  state: DeploymentState
  environmentUrl?: string
  logUrl?: string
  description?: string
  environment: string
}

/** One API call's ceiling: a stalled GitHub never stalls the gate. */
export const API_TIMEOUT_MS = 30_000
export const PER_PAGE = 100

export interface DeploymentsClient {
  repository: string
  create(request: CreateDeployment): Promise<Deployment>
  createStatus(deploymentId: number, request: CreateStatus): Promise<DeploymentStatus>
  getDeployment(deploymentId: number): Promise<Deployment>
  /** Newest first, at most `maxPages` pages of 100. */
  listDeployments(environment: string, maxPages: number): AsyncGenerator<Deployment[]>
  /** Newest first (the first is the deployment's current state); the latest 100. */
  listStatuses(deploymentId: number): Promise<DeploymentStatus[]>
  /** The committer date of a commit (ISO 8601), for lead time. */
  commitTime(sha: string): Promise<string | undefined>
}

/** The token for the Deployments API, or an InputError saying how to provide one. */
export function requireToken(source: InputSource, common: CommonInputs, io: GateIO, why: string): string {
  const token = common.githubToken || io.github.token
  if (!token) {
    throw new InputError(
      `${source.describe('github-token')} is required ${why} (the job's token with \`deployments: write\` or \`deployments: read\` permission)`
    )
  }
  if (!/^[^/\s]+\/[^/\s]+$/.test(io.github.repository)) {
    throw new InputError('GITHUB_REPOSITORY must name the repository as owner/name')
  }
  return token
}

export function deploymentsClient(io: GateIO, token: string): DeploymentsClient {
  const [owner, repo] = io.github.repository.split('/') as [string, string]
  const octokit = getOctokit(token, { baseUrl: io.github.apiUrl })
  // Keeps @actions/github's request options (proxy-aware fetch) and adds a deadline to each request.
  octokit.hook.wrap('request', (request, options) =>
    request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(API_TIMEOUT_MS) } })
  )
  // Octokit hands back the raw text when a 2xx body is not JSON (a proxy's HTML page, a truncated answer);
  // reading fields of it would report `undefined` as a success, so the shape is checked before use.
  const call = async <T>(
    what: string,
    shape: 'object' | 'array',
    fn: () => Promise<{ data: unknown }>
  ): Promise<T> => {
    let data: unknown
    try {
      data = (await fn()).data
    } catch (error) {
      throw new UserError(`GitHub API: ${what} failed: ${describeApiError(error)}`)
    }
    const fits = shape === 'array' ? Array.isArray(data) : typeof data === 'object' && data !== null
    if (!fits) throw new UserError(`GitHub API: ${what} failed: ${NOT_JSON}`)
    return data as T
  }

  return {
    repository: io.github.repository,
    async create({ ref, environment, payload, description, productionEnvironment }) {
      const data = await call<Deployment & { message?: string }>(
        `creating a deployment of ${ref} to ${environment}`,
        'object',
        () =>
          octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref,
            environment,
            payload,
            description,
            auto_merge: false,
            required_contexts: [],
            production_environment: productionEnvironment,
            transient_environment: false
          })
      )
      // A 202 carries a message instead of a deployment (only with auto_merge, which is off); never accept it silently.
      if (typeof data.id !== 'number')
        throw new UserError(`GitHub API: no deployment was created: ${data.message ?? 'unknown reason'}`)
      return data
    },
    createStatus(deploymentId, { state, environmentUrl, logUrl, description, environment }) {
      return call(`setting deployment ${deploymentId} to ${state}`, 'object', () =>
        octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state,
          environment,
          ...(environmentUrl ? { environment_url: environmentUrl } : {}),
          ...(logUrl ? { log_url: logUrl } : {}),
          ...(description ? { description: description.slice(0, 140) } : {})
        })
      )
    },
    getDeployment(deploymentId) {
      return call(`reading deployment ${deploymentId}`, 'object', () =>
        octokit.rest.repos.getDeployment({ owner, repo, deployment_id: deploymentId })
      )
    },
    async *listDeployments(environment, maxPages) {
      const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
        owner,
        repo,
        environment,
        per_page: PER_PAGE
      })
      let count = 0
      const iterator = pages[Symbol.asyncIterator]()
      while (count < maxPages) {
        const page = await call<IteratorResult<{ data: Deployment[] }>>(
          `listing deployments of ${environment}`,
          'object',
          async () => ({
            data: await iterator.next()
          })
        )
        if (page.done) return
        if (!Array.isArray(page.value.data))
          throw new UserError(`GitHub API: listing deployments of ${environment} failed: ${NOT_JSON}`)
        count++
        yield page.value.data
      }
    },
    listStatuses(deploymentId) {
      return call(`listing the statuses of deployment ${deploymentId}`, 'array', () =>
        octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: deploymentId,
          per_page: PER_PAGE
        })
      )
    },
    async commitTime(sha) {
      const data = await call<{ commit?: { committer?: { date?: string }; author?: { date?: string } } }>(
        `reading commit ${sha.slice(0, 12)}`,
        'object',
        () => octokit.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 1 })
      )
      return data.commit?.committer?.date ?? data.commit?.author?.date
    }
  }
}

const API_DESCRIPTION = 'the GitHub API (GITHUB_API_URL)'
const NOT_JSON = 'the answer is not the JSON the GitHub API sends (check GITHUB_API_URL and any proxy)'

function describeApiError(error: unknown): string {
  const status = (error as { status?: number }).status
  // The paginator reads fields of the body before the caller sees it: a non-JSON page fails in there.
  if (status === undefined && error instanceof TypeError && !/fetch failed/i.test(error.message))
    return NOT_JSON
  const message =
    (error as { response?: { data?: { message?: string } } }).response?.data?.message ??
    (error as Error)?.message
  if ((error as Error)?.name === 'TimeoutError' || /aborted|timeout/i.test(String(message))) {
    return `no answer within ${API_TIMEOUT_MS / 1000}s`
  }
  // Octokit reports a request that got no answer (refused, DNS, reset) as a 500 without a response.
  if (status === 500 && (error as { response?: unknown }).response === undefined)
    return `no answer from ${API_DESCRIPTION}: ${message}`
  switch (status) {
    case 401:
      return `401 ${message ?? 'Bad credentials'}: the token is invalid or expired`
    case 403:
      return `403 ${message ?? 'Forbidden'}: give the job \`permissions: deployments: write\` (or read, for rollback and metrics)`
    case 404:
      return `404 ${message ?? 'Not Found'}: the repository or deployment does not exist, or the token cannot see it`
    case 409:
      return `409 ${message ?? 'Conflict'}`
    case 422:
      return `422 ${message ?? 'Validation Failed'}: check the ref and environment`
    default:
      return status ? `${status} ${message ?? ''}`.trim() : String(message)
  }
}
