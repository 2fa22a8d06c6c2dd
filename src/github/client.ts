/**
 * The one GitHub REST client of deploy-gates: PR comments, deployments, rollback and metrics all go through it.
 *
 * - @octokit/core with the REST methods and pagination plugins, GITHUB_API_URL as the base, the runner's proxy
 *   settings (HTTPS_PROXY/NO_PROXY through @actions/http-client's undici dispatcher) and the runner's
 *   `actions_orchestration_id` user-agent tag: what @actions/github's getOctokit gives, without importing
 *   @actions/github, whose `context` JSON.parses GITHUB_EVENT_PATH at import (a malformed event file was an
 *   internal error in every gate that talks to GitHub; src/runtime.ts reads the event and says what it did);
 * - @octokit/plugin-throttling: primary and secondary rate limits (403/429 with `retry-after` or
 *   `x-ratelimit-remaining: 0`) wait as GitHub asks, when the wait fits the client's budget;
 * - @octokit/plugin-retry: 5xx and connection failures are retried with quadratic backoff;
 * - every attempt has its own deadline covering connect, headers and the whole body, so a server that accepts
 *   the connection and never answers fails within `timeoutMs` (a timed-out attempt is not retried: the deadline
 *   is what the user allowed for the call);
 * - one error describer (`describeGitHubError`) that reads the status, body and headers instead of guessing.
 */
import { HttpClient } from '@actions/http-client'
import { Octokit as OctokitCore } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { fetch as undiciFetch } from 'undici'
import { UserError } from '../errors.js'
import { describeGitHubError, NOT_JSON } from './errors.js'
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

const Client = OctokitCore.plugin(restEndpointMethods, paginateRest, retry, throttling)
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
  const baseUrl = options.apiUrl.replace(/\/+$/, '')
  const proxyFetch = runnerProxyFetch(baseUrl)

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

  const userAgent = withOrchestrationId(undefined, process.env.ACTIONS_ORCHESTRATION_ID)
  const octokit = new Client({
    ...(options.token ? { auth: `token ${options.token}` } : {}),
    ...(userAgent ? { userAgent } : {}),
    baseUrl,
    request: { fetch: timedFetch },
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
  }) as Octokit

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

/**
 * fetch through the runner's proxy for `baseUrl` (HTTPS_PROXY/HTTP_PROXY unless NO_PROXY matches), as
 * @actions/github does: @actions/http-client picks the dispatcher, undici's fetch uses it.
 */
function runnerProxyFetch(baseUrl: string): typeof fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl)
  if (!dispatcher) return globalThis.fetch
  return ((url: string | URL, init: RequestInit = {}) =>
    undiciFetch(url, { ...(init as object), dispatcher } as Parameters<
      typeof undiciFetch
    >[1])) as unknown as typeof fetch
}

/**
 * The user agent with the runner's `actions_orchestration_id/<id>` tag (GitHub correlates API calls with the
 * run by it), as @actions/github adds it; no id, no tag (Octokit's own user agent stays).
 */
export function withOrchestrationId(
  userAgent: string | undefined,
  id: string | undefined
): string | undefined {
  const trimmed = id?.trim()
  if (!trimmed) return userAgent
  const tag = `actions_orchestration_id/${trimmed.replace(/[^a-z0-9_.-]/gi, '_')}`
  if (userAgent?.includes(tag)) return userAgent
  return userAgent ? `${userAgent} ${tag}` : tag
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

export { describeGitHubError, describeNonPermissionDenial, NOT_JSON, type DescribeOptions } from './errors.js'
