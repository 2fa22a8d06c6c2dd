/**
 * Why a GitHub API call failed, in one line (no Octokit import here: the reporter loads this on every run, the
 * client only when it talks to GitHub).
 */
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

/**
 * The description of a 403/429 that is not about permissions (a rate limit, SSO enforcement), or undefined: for
 * callers with their own permission advice (the PR comment), so a rate limit is never blamed on a permission.
 */
export function describeNonPermissionDenial(error: unknown, timeoutMs: number): string | undefined {
  const e = (error ?? {}) as ErrorShape
  if (e.status !== 403 && e.status !== 429) return undefined
  const description = describeGitHubError(error, { timeoutMs })
  return /rate limit|SAML SSO/.test(description) ? description : undefined
}
