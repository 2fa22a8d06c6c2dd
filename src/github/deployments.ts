import { InputError, UserError } from '../errors.js'
import { getDuration } from '../inputs.js'
import type { CommonInputs, GateIO, InputSource } from '../types.js'
import { createGitHubClient, DEFAULT_API_TIMEOUT_MS, type GitHubClient } from './client.js'

/**
 * GitHub's Deployments API, shared by the deployment, rollback and metrics gates, over the one GitHub client
 * (src/github/client.ts): timeouts, retries, rate limits. Lists are paged explicitly, every page is checked to
 * be the JSON GitHub sends, and each deployment is checked before a gate reads it: one without a commit SHA is
 * reported as skipped, never read as `undefined`.
 */

export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

export interface Deployment {
  id: number
  sha: string
  ref: string
  environment: string
  /** Always an object here: a JSON-string payload is parsed; anything else is `{}` with `payloadProblem` set. */
  payload: Record<string, unknown>
  /** Why the stored payload could not be read as an object (a gate that needs it skips the deployment). */
  payloadProblem?: string
  description: string | null
  created_at: string
}

export interface SkippedDeployment {
  id: number | undefined
  reason: string
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

export interface DeploymentPage {
  deployments: Deployment[]
  /** Entries of this page that are not usable deployments (no SHA, no id, no date). */
  skipped: SkippedDeployment[]
  page: number
  /** GitHub linked a further page. */
  hasNext: boolean
}

export type CommitTime = { time: string } | { missing: string }

/** @deprecated name kept for callers; the timeout is the client's (input `api-timeout`). */
export const API_TIMEOUT_MS = DEFAULT_API_TIMEOUT_MS
export const PER_PAGE = 100
/** Statuses read per deployment (GitHub lists them newest first). */
const STATUS_PAGES = 3

export interface DeploymentsClient {
  repository: string
  github: GitHubClient
  create(request: CreateDeployment): Promise<Deployment>
  createStatus(deploymentId: number, request: CreateStatus): Promise<DeploymentStatus>
  getDeployment(deploymentId: number): Promise<Deployment>
  /** Newest first, at most `maxPages` pages of 100. */
  listDeployments(environment: string, maxPages: number): AsyncGenerator<DeploymentPage>
  /** Newest first (the first is the deployment's current state), up to 300. */
  listStatuses(deploymentId: number): Promise<DeploymentStatus[]>
  /** The committer date of a commit (ISO 8601), for lead time; `missing` when GitHub no longer has it. */
  commitTime(sha: string): Promise<CommitTime>
}

/** What the deployment, rollback and metrics gates need to reach GitHub. */
export interface GitHubAccess {
  token: string
  timeoutMs: number
}

/** The token and API timeout for the Deployments API, or an InputError saying how to provide them. */
export function requireToken(
  source: InputSource,
  common: CommonInputs,
  io: GateIO,
  why: string
): GitHubAccess {
  const token = common.githubToken || io.github.token
  if (!token) {
    throw new InputError(
      `${source.describe('github-token')} is required ${why} (the job's token with \`deployments: write\` or \`deployments: read\` permission)`
    )
  }
  if (!/^[^/\s]+\/[^/\s]+$/.test(io.github.repository)) {
    throw new InputError('GITHUB_REPOSITORY must name the repository as owner/name')
  }
  const timeoutMs = getDuration(source, 'api-timeout', `${DEFAULT_API_TIMEOUT_MS / 1000}s`)
  if (timeoutMs <= 0) throw new InputError(`${source.describe('api-timeout')} must be longer than 0`)
  return { token, timeoutMs }
}

const SHA = /^[0-9a-f]{40}$/i

/** A deployment as the API sent it, checked field by field; a reason when it cannot be used. */
export function readDeployment(raw: unknown): Deployment | SkippedDeployment {
  const entry = (raw ?? {}) as Record<string, unknown>
  const id = typeof entry.id === 'number' && Number.isSafeInteger(entry.id) ? entry.id : undefined
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { id: undefined, reason: 'the entry is not an object' }
  if (id === undefined) return { id, reason: 'it has no numeric id' }
  if (typeof entry.sha !== 'string' || !SHA.test(entry.sha)) return { id, reason: 'it has no commit SHA' }
  if (typeof entry.created_at !== 'string' || Number.isNaN(Date.parse(entry.created_at)))
    return { id, reason: 'it has no creation time' }
  let payload: Record<string, unknown> = {}
  let payloadProblem: string | undefined
  let value = entry.payload
  if (typeof value === 'string' && value.trim() !== '') {
    // A payload created as a JSON string is stored as that string.
    try {
      value = JSON.parse(value) as unknown
    } catch {
      payloadProblem = 'its payload is a string that is not JSON'
    }
  }
  if (payloadProblem === undefined) {
    if (value === null || value === undefined || value === '') payload = {}
    else if (typeof value === 'object' && !Array.isArray(value)) payload = value as Record<string, unknown>
    else
      payloadProblem = `its payload is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`
  }
  return {
    id,
    sha: entry.sha.toLowerCase(),
    ref: typeof entry.ref === 'string' ? entry.ref : entry.sha,
    environment: typeof entry.environment === 'string' ? entry.environment : '',
    payload,
    ...(payloadProblem ? { payloadProblem } : {}),
    description: typeof entry.description === 'string' ? entry.description : null,
    created_at: entry.created_at
  }
}

const isSkipped = (value: Deployment | SkippedDeployment): value is SkippedDeployment => 'reason' in value

const STATES = new Set(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'])

function readStatus(raw: unknown): DeploymentStatus | undefined {
  const entry = (raw ?? {}) as Record<string, unknown>
  if (typeof entry.state !== 'string' || !STATES.has(entry.state)) return undefined
  if (typeof entry.created_at !== 'string' || Number.isNaN(Date.parse(entry.created_at))) return undefined
  return entry as unknown as DeploymentStatus
}

export function deploymentsClient(io: GateIO, access: GitHubAccess): DeploymentsClient {
  const [owner, repo] = io.github.repository.split('/') as [string, string]
  const github = createGitHubClient({
    token: access.token,
    apiUrl: io.github.apiUrl,
    timeoutMs: access.timeoutMs,
    log: io.log
  })
  const usable = (what: string, raw: unknown): Deployment => {
    const deployment = readDeployment(raw)
    if (isSkipped(deployment))
      throw new UserError(`GitHub API: ${what}: the answer is not a usable deployment (${deployment.reason})`)
    return deployment
  }

  return {
    repository: io.github.repository,
    github,
    async create({ ref, environment, payload, description, productionEnvironment }) {
      const what = `creating a deployment of ${ref} to ${environment}`
      const data = await github.json<{ id?: unknown; message?: string }>(
        what,
        'POST /repos/{owner}/{repo}/deployments',
        {
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
        }
      )
      // A 202 carries a message instead of a deployment (only with auto_merge, which is off); never accept it silently.
      if (typeof data.id !== 'number')
        throw new UserError(`GitHub API: no deployment was created: ${data.message ?? 'unknown reason'}`)
      return usable(what, data)
    },
    createStatus(deploymentId, { state, environmentUrl, logUrl, description, environment }) {
      return github.json(
        `setting deployment ${deploymentId} to ${state}`,
        'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        {
          owner,
          repo,
          deployment_id: deploymentId,
          state,
          environment,
          ...(environmentUrl ? { environment_url: environmentUrl } : {}),
          ...(logUrl ? { log_url: logUrl } : {}),
          ...(description ? { description: description.slice(0, 140) } : {})
        }
      )
    },
    async getDeployment(deploymentId) {
      const what = `reading deployment ${deploymentId}`
      return usable(
        what,
        await github.json(what, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}', {
          owner,
          repo,
          deployment_id: deploymentId
        })
      )
    },
    async *listDeployments(environment, maxPages) {
      const pages = github.pages<unknown>(
        `listing deployments of ${environment}`,
        'GET /repos/{owner}/{repo}/deployments',
        { owner, repo, environment },
        maxPages
      )
      for await (const { items, page, hasNext } of pages) {
        const deployments: Deployment[] = []
        const skipped: SkippedDeployment[] = []
        for (const item of items) {
          const read = readDeployment(item)
          if (isSkipped(read)) skipped.push(read)
          else deployments.push(read)
        }
        yield { deployments, skipped, page, hasNext }
      }
    },
    async listStatuses(deploymentId) {
      const statuses: DeploymentStatus[] = []
      const what = `listing the statuses of deployment ${deploymentId}`
      for await (const { items } of github.pages<unknown>(
        what,
        'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        { owner, repo, deployment_id: deploymentId },
        STATUS_PAGES
      )) {
        for (const item of items) {
          const status = readStatus(item)
          if (!status)
            throw new UserError(`GitHub API: ${what}: an entry has no valid state or creation time`)
          statuses.push(status)
        }
      }
      return statuses
    },
    async commitTime(sha) {
      try {
        const data = await github.json<{
          commit?: { committer?: { date?: string }; author?: { date?: string } }
        }>(`reading commit ${sha.slice(0, 12)}`, 'GET /repos/{owner}/{repo}/commits/{ref}', {
          owner,
          repo,
          ref: sha,
          per_page: 1
        })
        const time = data.commit?.committer?.date ?? data.commit?.author?.date
        return time && !Number.isNaN(Date.parse(time)) ? { time } : { missing: 'the commit has no date' }
      } catch (error) {
        // 422 "No commit found for SHA": force-pushed away or in a deleted fork. The deployment still counts.
        if (error instanceof UserError && /: 422 /.test(error.message))
          return { missing: 'GitHub no longer has the commit' }
        if (error instanceof UserError && /: 404 /.test(error.message))
          return { missing: 'GitHub no longer has the commit' }
        throw error
      }
    }
  }
}

/** The GitHub environment the deployment, rollback and metrics gates work on (input `environment`). */
export function getEnvironment(source: InputSource): string {
  return source.get('environment') ?? 'production'
}

/** The deployment a rollback reverted (`payload.rollback_of`, a number or a numeric string). */
export function rollbackOf(deployment: Deployment): number | undefined {
  const value = deployment.payload.rollback_of
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined
}

/** A rollback drill's deployment (`payload.drill: true`, see docs/gates/rollback.md): never a real release event. */
export function isDrill(deployment: Deployment): boolean {
  return deployment.payload.drill === true
}

/**
 * What a deployment's statuses say, from every state it reached (GitHub lists them newest first): the newest
 * decisive state (success, failure, error) decides. `success` → `inactive` is a good release superseded by a
 * later one; `success` → `failure` → `inactive` failed after all.
 */
export function releaseOutcome(statuses: readonly DeploymentStatus[]): 'good' | 'failed' | 'unfinished' {
  const decisive = statuses.find(s => s.state === 'success' || s.state === 'failure' || s.state === 'error')
  if (!decisive) return 'unfinished'
  return decisive.state === 'success' ? 'good' : 'failed'
}
