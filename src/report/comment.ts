/**
 * One sticky PR comment per gate: found by a hidden marker in its first line, across every page of the
 * PR's comments, and updated in place; created only when none exists.
 */
import { describeNonPermissionDenial } from '../github/errors.js'
import type { GateName, GitHubContext } from '../types.js'

export function commentMarker(gate: GateName, key = ''): string {
  return key ? `<!-- deploy-gates:${gate}:${key} -->` : `<!-- deploy-gates:${gate} -->`
}

export interface PullRequestTarget {
  owner: string
  repo: string
  issueNumber: number
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** The pull request a run belongs to, or why there is none to comment on. */
export function pullRequestTarget(github: GitHubContext): PullRequestTarget | string {
  if (!PULL_REQUEST_EVENTS.has(github.eventName))
    return `the event is '${github.eventName || 'unknown'}', not a pull request`
  const pullRequest = github.event.pull_request as { number?: unknown } | undefined
  const number = pullRequest?.number ?? github.event.number
  if (typeof number !== 'number' || !Number.isInteger(number))
    return 'the event payload has no pull request number'
  const repository =
    github.repository ||
    String((github.event.repository as { full_name?: unknown } | undefined)?.full_name ?? '')
  const [owner, repo] = repository.split('/')
  if (!owner || !repo) return 'the repository is unknown (GITHUB_REPOSITORY is not set)'
  return { owner, repo, issueNumber: number }
}

/** The slice of Octokit this module uses (what src/github/client.ts's octokit is). */
export interface CommentsClient {
  paginate: {
    iterator(
      route: unknown,
      parameters: Record<string, unknown>
    ): AsyncIterable<{ data: { id: number; body?: string | null }[] }>
  }
  rest: {
    issues: {
      listComments: unknown
      createComment(parameters: {
        owner: string
        repo: string
        issue_number: number
        body: string
      }): Promise<{ data: { id: number; html_url?: string } }>
      updateComment(parameters: {
        owner: string
        repo: string
        comment_id: number
        body: string
      }): Promise<{ data: { id: number; html_url?: string } }>
    }
  }
}

export interface CommentOutcome {
  action: 'created' | 'updated'
  id: number
  url: string
}

/** The oldest comment whose body starts with the marker (a human quoting it would start with `>`). */
export async function findStickyComment(
  client: CommentsClient,
  target: PullRequestTarget,
  marker: string
): Promise<number | undefined> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const page of pages) {
    const found = page.data.find(comment => (comment.body ?? '').trimStart().startsWith(marker))
    if (found) return found.id
  }
  return undefined
}

export async function upsertStickyComment(
  client: CommentsClient,
  target: PullRequestTarget,
  marker: string,
  body: string
): Promise<CommentOutcome> {
  const existing = await findStickyComment(client, target, marker)
  const common = { owner: target.owner, repo: target.repo, body }
  if (existing !== undefined) {
    const { data } = await client.rest.issues.updateComment({ ...common, comment_id: existing })
    return { action: 'updated', id: data.id, url: data.html_url ?? '' }
  }
  const { data } = await client.rest.issues.createComment({ ...common, issue_number: target.issueNumber })
  return { action: 'created', id: data.id, url: data.html_url ?? '' }
}

/** Why a comment request failed, in words a user can act on. */
export function describeCommentError(error: unknown, timeoutMs: number): string {
  const status = (error as { status?: unknown } | undefined)?.status
  const name = (error as { name?: unknown } | undefined)?.name
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
  if (name === 'AbortError' || name === 'TimeoutError' || /aborted|timeout/i.test(message ?? '')) {
    return `the GitHub API did not answer within ${timeoutMs / 1000}s`
  }
  if (status === 401) return 'the token was rejected (401); check the github-token input'
  // A 403/429 can be a rate limit or SSO enforcement: the one describer reads the headers and body.
  const denial = describeNonPermissionDenial(error, timeoutMs)
  if (denial) return `the GitHub API answered ${denial}`
  if (status === 403 || status === 404) {
    return (
      `the token may not write to this pull request (${status}: ${message}); give the job ` +
      '`permissions: pull-requests: write` (on pull requests from forks the token is read-only)'
    )
  }
  if (typeof status === 'number') return `the GitHub API answered ${status}: ${message}`
  return message ?? 'unknown error'
}
