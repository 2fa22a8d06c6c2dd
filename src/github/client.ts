/**
 * The one GitHub REST client of deploy-gates: PR comments, deployments, rollback and metrics all go through it.
 *
 * - @actions/github's Octokit (REST methods, GITHUB_API_URL, the runner's proxy settings);
 * - @octokit/plugin-throttling: primary and secondary rate limits (403/429 with `retry-after` or
 *   `x-ratelimit-remaining: 0`) wait as GitHub asks, when the wait fits the client's budget;
 * - @octokit/plugin-retry: 5xx and connection failures are retried with quadratic backoff;
 * - every attempt has its own deadline covering connect, headers and the whole body, so a server that accepts
 *   the connection and never answers fails within `timeoutMs` (a timed-out attempt is not retried: the deadline
 *   is what the user allowed for the call);
 * - one error describer (`describeGitHubError`) that reads the status, body and headers instead of guessing.
 */
import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { UserError } from '../errors.js'
import { createBoundedFetch, DEFAULT_API_TIMEOUT_MS, ResponseTooLargeError } from '../kernel/fetch.js'
import type { Logger } from '../types.js'

/** One attempt's ceiling: a stalled GitHub never stalls the gate (input `api-timeout`). */
export { DEFAULT_API_TIMEOUT_MS }
/** Retries of a 5xx or a dropped connection, and of a rate-limited request. */
export const DEFAULT_RETRIES = 3
/** A rate-limit wait longer than this is not waited for: the gate fails and says when to try again. */
export const MAX_RATE_LIMIT_WAIT_S = 120

export interface GitHubClientOptions {
  token: string
  /** GITHUB_API_URL, e.g. `https://api.github.com` or a GHES `/api/v3` URL. */
  apiUrl: string
  timeoutMs?: number
  retries?: number
  /** Base of the retry backoff in ms (attempt n waits n² × base); tests lower it. */
  retryBaseMs?: number
  /** Ends every request (a deadline for a whole exchange, as the PR comment has). */
  signal?: AbortSignal
  log?: Logger
}

const Client = GitHub.plugin(retry, throttling)
export type Octokit = InstanceType<typeof Client>

export interface GitHubClient {
  octokit: Octokit
  apiUrl: string
  timeoutMs: number
  /**
   * One request whose answer must be a JSON object (or array): a proxy's HTML page, a truncated or empty body
   * is an error, never read as data. `what` names the call in errors ("listing deployments of production").
   */
  json<T>(
    what: string,
    route: string,
    parameters?: Record<string, unknown>,
    shape?: 'object' | 'array'
  ): Promise<T>
  /**
   * The pages of a list, in order, each checked to be a JSON array; follows `Link: rel="next"` only to the
   * API's own origin. Stops after `maxPages` (the caller says so in its report) or when `stop` says so.
   */
  pages<T>(
    what: string,
    route: string,
    parameters: Record<string, unknown>,
    maxPages: number
  ): AsyncGenerator<{ items: T[]; page: number; hasNext: boolean }>
}

/** An attempt that ran out of time: not a RequestError, so plugin-retry does not retry it. */
class AttemptTimeout extends Error {
  override name = 'AbortError'
  readonly timedOut = true
}

/** An answer past the body limit: not retried either. */
class BodyTooLarge extends Error {
  override name = 'AbortError'
  readonly tooLarge = true
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS
  const retries = options.retries ?? DEFAULT_RETRIES
  const log = options.log
  const proxyFetch = (defaults.request?.fetch ?? globalThis.fetch) as typeof fetch
  const baseUrl = options.apiUrl.replace(/\/+$/, '')

  // A deadline per attempt that also covers reading the body, and a bounded body (src/kernel/fetch.ts). Its
  // failures are re-thrown as AbortError-named errors, which @octokit/request passes on unwrapped, so
  // plugin-retry does not retry an attempt that already used the whole deadline.
  const boundedFetch = createBoundedFetch({ fetch: proxyFetch, timeoutMs })
  const timedFetch = async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const signals = [init.signal, options.signal].filter((s): s is AbortSignal => s instanceof AbortSignal)
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    try {
      return await boundedFetch(url, { ...init, ...(signal ? { signal } : {}) })
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw new BodyTooLarge(error.message)
      if ((error as Error)?.name === 'TimeoutError')
        throw new AttemptTimeout(`no answer within ${timeoutMs / 1000}s`)
      throw error
    }
  }

  const rateLimitHandler =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const wait = retryCount < retries && retryAfter <= MAX_RATE_LIMIT_WAIT_S
      log?.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${wait ? `retrying in ${retryAfter}s` : 'giving up'}`
      )
      return wait
    }

  const octokit = new Client(
    getOctokitOptions(options.token, {
      baseUrl,
      request: { ...defaults.request, fetch: timedFetch },
      retry: {
        retries,
        ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {})
      },
      throttle: {
        onRateLimit: rateLimitHandler('primary'),
        onSecondaryRateLimit: rateLimitHandler('secondary'),
        // A 403/429 secondary limit without `retry-after`: GitHub's docs say wait at least a minute.
        fallbackSecondaryRateRetryAfter: 60
      },
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => log?.debug(message),
        error: (message: string) => log?.debug(message)
      }
    })
  ) as Octokit

  const apiOrigin = new URL(baseUrl).origin
  const request = async (what: string, route: string, parameters: Record<string, unknown>) => {
    try {
      return await octokit.request(route, parameters)
    } catch (error) {
      throw new UserError(`GitHub API: ${what} failed: ${describeGitHubError(error, { timeoutMs, retries })}`)
    }
  }
  const fits = (data: unknown, shape: 'object' | 'array') =>
    shape === 'array'
      ? Array.isArray(data)
      : typeof data === 'object' && data !== null && !Array.isArray(data)

  return {
    octokit,
    apiUrl: baseUrl,
    timeoutMs,
    async json<T>(
      what: string,
      route: string,
      parameters: Record<string, unknown> = {},
      shape: 'object' | 'array' = 'object'
    ) {
      const { data } = await request(what, route, parameters)
      if (!fits(data, shape)) throw new UserError(`GitHub API: ${what} failed: ${NOT_JSON}`)
      return data as T
    },
    async *pages<T>(what: string, route: string, parameters: Record<string, unknown>, maxPages: number) {
      let next: string | undefined
      for (let page = 1; page <= maxPages; page++) {
        const response =
          next === undefined
            ? await request(what, route, { ...parameters, per_page: 100 })
            : await request(what, 'GET {url}', { url: next })
        if (!Array.isArray(response.data))
          throw new UserError(`GitHub API: ${what} failed${page > 1 ? ` on page ${page}` : ''}: ${NOT_JSON}`)
        next = nextLink(response.headers.link)
        if (next !== undefined && new URL(next, baseUrl).origin !== apiOrigin) {
          throw new UserError(
            `GitHub API: ${what} failed on page ${page}: the next page is on another host (${new URL(next, baseUrl).host}); only ${new URL(apiOrigin).host} is contacted`
          )
        }
        yield { items: response.data as T[], page, hasNext: next !== undefined }
        if (next === undefined) return
      }
    }
  }
}

/** The `rel="next"` target of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?([^";]*)"?/.exec(part.trim())
    if (match && match[2]!.split(/\s+/).includes('next')) return match[1]
  }
  return undefined
}

export const NOT_JSON = 'the answer is not the JSON the GitHub API sends (check GITHUB_API_URL and any proxy)'

interface ErrorShape {
  name?: string
  status?: number
  message?: string
  timedOut?: boolean
  tooLarge?: boolean
  cause?: unknown
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> }
}

export interface DescribeOptions {
  timeoutMs: number
  /** How many retries a 5xx got, for the message. */
  retries?: number
  /** The permission the call needs, e.g. `deployments: write`, for a 403 that really is about permissions. */
  permission?: string
}

/**
 * Why a GitHub API call failed, in one line a user can act on. A 403 is read, not assumed: a rate limit
 * (`x-ratelimit-remaining: 0`, "secondary rate limit", `retry-after`), SSO enforcement (`x-github-sso`), a
 * missing permission ("Resource not accessible by integration", `x-accepted-github-permissions`), or whatever
 * GitHub said.
 */
export function describeGitHubError(error: unknown, options: DescribeOptions): string {
  const e = (error ?? {}) as ErrorShape
  if (e.tooLarge) return e.message ?? 'the answer is too large'
  if (e.timedOut || e.name === 'TimeoutError' || e.name === 'AbortError')
    return `no answer within ${options.timeoutMs / 1000}s`
  const status = e.status
  const headers = e.response?.headers ?? {}
  const header = (name: string) => {
    const value = headers[name]
    return value === undefined ? undefined : String(value)
  }
  const data = e.response?.data
  const bodyMessage =
    data !== null && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
      ? oneLine((data as { message: string }).message)
      : undefined
  if (status === undefined || (status === 500 && e.response === undefined)) {
    // @octokit/request reports a request that got no answer (refused, DNS, reset) as a 500 without a response.
    const cause =
      e.cause instanceof Error
        ? ((e.cause.cause as Error | undefined)?.message ?? e.cause.message)
        : undefined
    if (e.name === 'TypeError' && status === undefined) return NOT_JSON
    return `no answer from the GitHub API (GITHUB_API_URL): ${oneLine(cause ?? e.message ?? String(error))}`
  }
  const said = bodyMessage ?? oneLine(e.message ?? '')
  if (status === 401) return `401 ${said || 'Bad credentials'}: the token is invalid or expired`
  if (status === 403 || status === 429) {
    const reset = header('x-ratelimit-reset')
    if (header('x-ratelimit-remaining') === '0') {
      const when = reset ? ` (it resets at ${new Date(Number(reset) * 1000).toISOString()})` : ''
      return `${status} the token's API rate limit is used up${when}: ${said}`
    }
    if (/secondary rate limit|abuse/i.test(said) || header('retry-after') !== undefined) {
      return `${status} secondary rate limit (retry-after ${header('retry-after') ?? 'not given'}s), still limited after the retries GitHub allowed: ${said}`
    }
    const sso = header('x-github-sso')
    if (sso !== undefined)
      return `${status} ${said}: the token must be authorized for the organization's SAML SSO`
    const accepted = header('x-accepted-github-permissions')
    if (accepted !== undefined || /not accessible by integration|must have .*access|permission/i.test(said)) {
      const needed = accepted ? accepted.replace(/=/g, ': ').replace(/,/g, ', ') : options.permission
      return `${status} ${said}${needed ? `: give the job \`permissions: ${needed}\`` : ''}`
    }
    return `${status} ${said || 'Forbidden'}`
  }
  switch (status) {
    case 404:
      return `404 ${said || 'Not Found'}: the repository or resource does not exist, or the token cannot see it`
    case 409:
      return `409 ${said || 'Conflict'}`
    case 422:
      return `422 ${said || 'Validation Failed'}`
    default:
      // 5xx were already retried (plugin-retry); the message stays GitHub's.
      return `${status} ${said}`.trim()
  }
}

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 200 ? `${line.slice(0, 197)}...` : line
}
