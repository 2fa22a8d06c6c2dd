/**
 * A loopback stand-in for the GitHub REST API: real HTTP on 127.0.0.1, every request recorded, issue comments
 * with GitHub's pagination (per_page, page, Link rel="next"/"last"). Other suites add routes
 * (e.g. the Deployments API) with `routes`; they are tried before the built-in ones, so they can also
 * override them (a 403 on comment creation, say).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { schemaViolation } from './github-schema.js'

export interface RecordedRequest {
  method: string
  /** Path without the query string, e.g. `/repos/o/r/issues/7/comments`. */
  path: string
  query: Record<string, string>
  /** Lower-cased header names. */
  headers: Record<string, string>
  /** Parsed JSON when the body is JSON, else the raw text ('' when none). */
  body: unknown
}

export interface RouteResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface Route {
  method: string
  /** Matched against the path (no query). Named groups arrive in `params`. */
  path: string | RegExp
  handle(
    request: RecordedRequest,
    params: Record<string, string>,
    api: GitHubApi
  ): RouteResponse | Promise<RouteResponse>
}

export interface IssueComment {
  id: number
  node_id: string
  body: string
  user: { login: string; id: number; type: string }
  html_url: string
  url: string
  created_at: string
  updated_at: string
}

export interface GitHubApi {
  /** Base URL, e.g. `http://127.0.0.1:41234` (what GITHUB_API_URL gets). */
  url: string
  requests: RecordedRequest[]
  /** Answers of the routes (built-in and added) that do not fit GitHub's API description (@octokit/openapi). */
  schemaViolations: string[]
  /** Comments per issue, keyed `owner/repo#number`. */
  comments: Map<string, IssueComment[]>
  /** Seeds a comment (e.g. many unrelated ones, to force pagination). */
  addComment(repository: string, issue: number, body: string, login?: string): IssueComment
  issueComments(repository: string, issue: number): IssueComment[]
  close(): Promise<void>
}

export interface GitHubApiOptions {
  routes?: Route[]
  /** When set, requests without `authorization: token|Bearer <token>` get a 401. */
  token?: string
  /** Login of the token's user: the author of created comments. */
  login?: string
  /** Validate every 2xx answer against GitHub's API description (default true). */
  validateResponses?: boolean
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'x-github-api-version-selected': '2022-11-28',
    ...headers
  })
  response.end(text)
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return ''
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function matchPath(pattern: string | RegExp, path: string): Record<string, string> | undefined {
  if (typeof pattern === 'string') return pattern === path ? {} : undefined
  const match = pattern.exec(path)
  return match ? { ...match.groups } : undefined
}

export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  const requests: RecordedRequest[] = []
  const comments = new Map<string, IssueComment[]>()
  const login = options.login ?? 'github-actions[bot]'
  let nextId = 1000
  let url = ''
  const clock = Date.parse('2025-01-01T00:00:00Z')

  const issueComments = (repository: string, issue: number): IssueComment[] => {
    const key = `${repository}#${issue}`
    let list = comments.get(key)
    if (!list) comments.set(key, (list = []))
    return list
  }
  const makeComment = (repository: string, issue: number, body: string, author: string): IssueComment => {
    const id = nextId++
    const time = new Date(clock + id * 1000).toISOString()
    return {
      id,
      node_id: `IC_${id}`,
      body,
      user: { login: author, id: 41898282, type: author.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${id}`,
      url: `${url}/repos/${repository}/issues/comments/${id}`,
      created_at: time,
      updated_at: time
    }
  }
  const findComment = (repository: string, id: number): IssueComment | undefined => {
    for (const [key, list] of comments) {
      if (!key.startsWith(`${repository}#`)) continue
      const found = list.find(comment => comment.id === id)
      if (found) return found
    }
    return undefined
  }

  const builtIn: Route[] = [
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<issue>\d+)\/comments$/,
      handle(request, params) {
        const repository = `${params.owner}/${params.repo}`
        const list = issueComments(repository, Number(params.issue))
        const perPage = Math.min(Math.max(Number(request.query.per_page ?? 30) || 30, 1), 100)
        const page = Math.max(Number(request.query.page ?? 1) || 1, 1)
        const lastPage = Math.max(Math.ceil(list.length / perPage), 1)
        const links: string[] = []
        const link = (n: number, rel: string): string => {
          const target = new URL(`${url}${request.path}`)
          for (const [key, value] of Object.entries(request.query)) target.searchParams.set(key, value)
          target.searchParams.set('per_page', String(perPage))
          target.searchParams.set('page', String(n))
          return `<${target.href}>; rel="${rel}"`
        }
        if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
        if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
        return {
          status: 200,
          body: list.slice((page - 1) * perPage, page * perPage),
          headers: links.length ? { link: links.join(', ') } : ({} as Record<string, string>)
        }
      }
    },
    {
      method: 'POST',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<issue>\d+)\/comments$/,
      handle(request, params) {
        const body = (request.body as { body?: unknown } | undefined)?.body
        if (typeof body !== 'string' || body === '') {
          return {
            status: 422,
            body: { message: 'Validation Failed', errors: [{ field: 'body', code: 'missing_field' }] }
          }
        }
        if (body.length > 65536) {
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ message: 'Body is too long (maximum is 65536 characters)' }]
            }
          }
        }
        const repository = `${params.owner}/${params.repo}`
        const comment = makeComment(repository, Number(params.issue), body, login)
        issueComments(repository, Number(params.issue)).push(comment)
        return { status: 201, body: comment }
      }
    },
    {
      method: 'PATCH',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/comments\/(?<id>\d+)$/,
      handle(request, params) {
        const comment = findComment(`${params.owner}/${params.repo}`, Number(params.id))
        if (!comment) return { status: 404, body: { message: 'Not Found' } }
        const body = (request.body as { body?: unknown } | undefined)?.body
        if (typeof body !== 'string' || body === '')
          return { status: 422, body: { message: 'Validation Failed' } }
        if (body.length > 65536)
          return { status: 422, body: { message: 'Body is too long (maximum is 65536 characters)' } }
        comment.body = body
        comment.updated_at = new Date(clock + nextId++ * 1000).toISOString()
        return { status: 200, body: comment }
      }
    },
    {
      method: 'GET',
      path: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/comments\/(?<id>\d+)$/,
      handle(_request, params) {
        const comment = findComment(`${params.owner}/${params.repo}`, Number(params.id))
        return comment ? { status: 200, body: comment } : { status: 404, body: { message: 'Not Found' } }
      }
    }
  ]
  const routes = [...(options.routes ?? []), ...builtIn]

  const api: GitHubApi = {
    url: '',
    requests,
    schemaViolations: [],
    comments,
    addComment(repository, issue, body, author = 'someone') {
      const comment = makeComment(repository, issue, body, author)
      issueComments(repository, issue).push(comment)
      return comment
    },
    issueComments,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close(error => (error ? reject(error) : resolve()))
      })
  }
  const server = createServer((request, response) => {
    void (async () => {
      const target = new URL(request.url ?? '/', 'http://127.0.0.1')
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
      }
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: target.pathname,
        query: Object.fromEntries(target.searchParams),
        headers,
        body: await readBody(request)
      }
      requests.push(recorded)
      if (options.token !== undefined) {
        const auth = headers.authorization ?? ''
        if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
          json(response, 401, { message: 'Bad credentials' })
          return
        }
      }
      for (const route of routes) {
        if (route.method.toUpperCase() !== recorded.method) continue
        const params = matchPath(route.path, recorded.path)
        if (!params) continue
        const result = await route.handle(recorded, params, api)
        if (options.validateResponses !== false && result.status >= 200 && result.status < 300) {
          const violation = schemaViolation(recorded.method, recorded.path, result.status, result.body)
          if (violation) api.schemaViolations.push(violation)
        }
        json(response, result.status, result.body, result.headers)
        return
      }
      json(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
    })().catch((error: unknown) => {
      json(response, 500, { message: `stand-in error: ${String(error)}` })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  api.url = url
  return api
}

/** A `pull_request` event payload as the runner writes it to GITHUB_EVENT_PATH (the fields actions read). */
export function pullRequestEvent(
  number: number,
  repository = 'octo-org/octo-repo'
): { name: string; payload: object } {
  const [owner, repo] = repository.split('/')
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        state: 'open',
        head: { ref: 'feature', sha: '0123456789abcdef0123456789abcdef01234567' },
        base: { ref: 'main', sha: 'fedcba9876543210fedcba9876543210fedcba98' }
      },
      repository: { name: repo, full_name: repository, owner: { login: owner } }
    }
  }
}
