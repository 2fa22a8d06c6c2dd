// The sticky comment against the GitHub API stand-in, through the action's own GitHub client.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../src/github/client.js'
import {
  commentMarker,
  describeCommentError,
  pullRequestTarget,
  upsertStickyComment,
  type CommentsClient
} from '../../src/report/comment.js'
import type { GitHubContext } from '../../src/types.js'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'

const target = { owner: 'octo-org', repo: 'octo-repo', issueNumber: 7 }
const marker = commentMarker('env')

describe('upsertStickyComment', () => {
  let api: GitHubApi
  let client: CommentsClient
  beforeEach(async () => {
    api = await startGitHubApi({ token: 'ghs_test' })
    client = createGitHubClient({ token: 'ghs_test', apiUrl: api.url }).octokit as unknown as CommentsClient
  })
  afterEach(() => api.close())

  it('creates the comment once, then updates it in place, finding it across pages', async () => {
    for (let i = 0; i < 150; i++) api.addComment('octo-org/octo-repo', 7, `chatter ${i}`)
    // Someone quoting the marker does not make their comment ours.
    api.addComment('octo-org/octo-repo', 7, `> ${marker}\n> quoted`)
    expect(await upsertStickyComment(client, target, marker, `${marker}\nfirst`)).toMatchObject({
      action: 'created'
    })
    for (let i = 0; i < 60; i++) api.addComment('octo-org/octo-repo', 7, `more chatter ${i}`)
    const second = await upsertStickyComment(client, target, marker, `${marker}\nsecond`)
    expect(second.action).toBe('updated')

    const ours = api.issueComments('octo-org/octo-repo', 7).filter(c => c.body.startsWith(marker))
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toBe(`${marker}\nsecond`)
    expect(second.id).toBe(ours[0]!.id)

    const calls = api.requests.map(r => `${r.method} ${r.path} ${r.query.page ?? ''}`.trim())
    expect(calls).toEqual([
      'GET /repos/octo-org/octo-repo/issues/7/comments',
      'GET /repos/octo-org/octo-repo/issues/7/comments 2',
      'POST /repos/octo-org/octo-repo/issues/7/comments',
      // our comment is the 152nd: on page 2, so page 3 is never fetched
      'GET /repos/octo-org/octo-repo/issues/7/comments',
      'GET /repos/octo-org/octo-repo/issues/7/comments 2',
      `PATCH /repos/octo-org/octo-repo/issues/comments/${second.id}`
    ])
    expect(api.requests[0]!.query.per_page).toBe('100')
    expect(api.requests[0]!.headers.authorization).toBe('token ghs_test')
  })

  it('explains a refused write', async () => {
    const refused = await startGitHubApi({
      routes: [
        {
          method: 'POST',
          path: /\/comments$/,
          handle: () => ({ status: 403, body: { message: 'Resource not accessible by integration' } })
        }
      ]
    })
    try {
      const refusing = createGitHubClient({ token: 't', apiUrl: refused.url })
        .octokit as unknown as CommentsClient
      const error = await upsertStickyComment(refusing, target, marker, 'x').catch((e: unknown) => e)
      expect(describeCommentError(error, 30_000)).toBe(
        'the token may not write to this pull request (403: Resource not accessible by integration); give the job ' +
          '`permissions: pull-requests: write` (on pull requests from forks the token is read-only)'
      )
    } finally {
      await refused.close()
    }
  })
})

describe('pullRequestTarget', () => {
  const context = (overrides: Partial<GitHubContext>): GitHubContext => ({
    token: 't',
    apiUrl: '',
    serverUrl: '',
    repository: 'o/r',
    eventName: 'pull_request',
    event: { pull_request: { number: 12 } },
    sha: '',
    ref: '',
    runId: '',
    ...overrides
  })
  it('reads the PR number on pull_request and pull_request_target events only', () => {
    expect(pullRequestTarget(context({}))).toEqual({ owner: 'o', repo: 'r', issueNumber: 12 })
    expect(pullRequestTarget(context({ eventName: 'pull_request_target' }))).toEqual({
      owner: 'o',
      repo: 'r',
      issueNumber: 12
    })
    expect(pullRequestTarget(context({ eventName: 'push' }))).toBe("the event is 'push', not a pull request")
    expect(pullRequestTarget(context({ event: {} }))).toBe('the event payload has no pull request number')
    expect(pullRequestTarget(context({ repository: '' }))).toBe(
      'the repository is unknown (GITHUB_REPOSITORY is not set)'
    )
  })
})
