// QA: every gate fails closed through the real bundle (dist/index.js, as the runner runs it): an unreachable,
// hanging or nonsensical dependency and bad input each fail the step with one clear line, never a pass and
// never a stack trace.
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import { ensureBuilt, runAction, type ActionRun } from '../helpers/runner.js'
import {
  closedPort,
  errorLines,
  startHttpPeer,
  startResettingPeer,
  startSilentPeer,
  workspaceFrom,
  type Peer,
  emptyWorkspace
} from './probes.js'

const OPENAPI = `openapi: 3.0.3
info: { title: items, version: '1' }
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: string } }
`

/** A failed step: exit code 1, no stack trace anywhere, and the last line says which gate failed. */
function expectCleanFailure(run: ActionRun): void {
  expect(run.code).toBe(1)
  expect(run.stderr).toBe('')
  expect(run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(run.outputs.status).not.toBe('passed')
}

function contractWorkspace(spec = OPENAPI): string {
  const dir = emptyWorkspace()
  writeFileSync(`${dir}/openapi.yaml`, spec)
  return dir
}

let silent: Peer
let resetting: Peer
let html: Peer
let textBody: Peer
let refused: number

beforeAll(async () => {
  ensureBuilt()
  silent = await startSilentPeer()
  resetting = await startResettingPeer()
  html = await startHttpPeer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end('<html><body>maintenance</body></html>')
  })
  textBody = await startHttpPeer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end('OK')
  })
  refused = await closedPort()
})

afterAll(async () => {
  await Promise.all([silent.close(), resetting.close(), html.close(), textBody.close()])
})

describe('migrations: the database cannot be reached', () => {
  const run = (databaseUrl: string, extra: Record<string, string> = {}) =>
    runAction({
      cwd: workspaceFrom('migrations/tools/flyway'),
      inputs: { gate: 'migrations', 'database-url': databaseUrl, comment: 'false', ...extra }
    })

  it('fails on a refused port, naming the host and the cause', async () => {
    const result = await run(`postgres://app:pw@127.0.0.1:${refused}/app`)
    expectCleanFailure(result)
    expect(result.annotations[0]).toMatchObject({ level: 'error', title: 'database-unreachable' })
    expect(errorLines(result)[0]).toMatch(
      new RegExp(
        `^Database check failed: cannot connect to 127\\.0\\.0\\.1:${refused}/app: connect ECONNREFUSED`
      )
    )
  })

  it('fails on a server that is not PostgreSQL (an HTTP server)', async () => {
    const result = await run(`postgres://app:pw@127.0.0.1:${textBody.port}/app`)
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toMatch(
      new RegExp(`^Database check failed: cannot connect to 127\\.0\\.0\\.1:${textBody.port}/app: `)
    )
  })

  it('fails, after the connect timeout, on a port that accepts and never answers', async () => {
    const started = Date.now()
    const result = await run(`postgres://app:pw@127.0.0.1:${silent.port}/app`)
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toMatch(
      new RegExp(
        `^Database check failed: cannot connect to 127\\.0\\.0\\.1:${silent.port}/app: connection timed out`
      )
    )
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 30_000)

  it('rejects a migrations-dir that is a file', async () => {
    const cwd = workspaceFrom('migrations/tools/flyway')
    writeFileSync(`${cwd}/V1__file.sql`, 'select 1;\n')
    const result = await runAction({
      cwd,
      inputs: { gate: 'migrations', 'migrations-dir': 'V1__file.sql', tool: 'flyway', comment: 'false' }
    })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual(["input 'migrations-dir': directory 'V1__file.sql' not found"])
  })

  it('rejects a database-url that is not postgres', async () => {
    const result = await run('mysql://app:pw@127.0.0.1:3306/app')
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      "input 'database-url' must be a postgres:// or postgresql:// URL (got 'mysql:')"
    ])
  })
})

describe('contract: the service or the spec is broken', () => {
  const run = (inputs: Record<string, string>, spec?: string) =>
    runAction({
      cwd: contractWorkspace(spec),
      inputs: {
        gate: 'contract',
        spec: 'openapi.yaml',
        'request-timeout': '500ms',
        comment: 'false',
        ...inputs
      }
    })

  it('fails when base-url refuses connections', async () => {
    const result = await run({ 'base-url': `http://127.0.0.1:${refused}` })
    expectCleanFailure(result)
    expect(result.annotations[0]).toMatchObject({ title: 'service-unreachable', file: 'openapi.yaml' })
    expect(errorLines(result)[0]).toBe(
      `base-url http://127.0.0.1:${refused} is unreachable: connection failed (ECONNREFUSED); no operation could be verified`
    )
  })

  it('fails within request-timeout when base-url never answers', async () => {
    const started = Date.now()
    const result = await run({ 'base-url': silent.url })
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toBe('listItems: GET /items: no answer within 500ms')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('fails when the service answers 200 with an HTML page', async () => {
    const result = await run({ 'base-url': html.url })
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toBe(
      'listItems: GET /items → 200: Content-Type text/html is not documented (expected application/json)'
    )
  })

  it('fails on a valid YAML file that is not an OpenAPI document', async () => {
    const result = await run({}, 'name: not an api\nitems: [1, 2]\n')
    expectCleanFailure(result)
    expect(result.annotations[0]).toMatchObject({ title: 'unsupported-openapi-version', line: 1 })
    expect(errorLines(result)[0]).toBe(
      'expected `openapi: 3.0.x` or `3.1.x` (a string), got no `openapi` field'
    )
  })

  it('fails on malformed YAML at its line', async () => {
    const result = await run({}, 'openapi: 3.0.3\ninfo: { title: t\npaths: {}\n')
    expectCleanFailure(result)
    expect(result.annotations[0]).toMatchObject({ title: 'spec-parse-error', file: 'openapi.yaml', line: 3 })
  })

  it('fails when base-spec names a git revision that does not exist', async () => {
    const result = await run({ 'base-spec': 'origin/no-such-branch:openapi.yaml' })
    expectCleanFailure(result)
    expect(errorLines(result)).toHaveLength(1)
    expect(errorLines(result)[0]).toMatch(/^origin\/no-such-branch:openapi\.yaml: cannot be read from git /)
  })

  it('rejects a request-timeout of 0 instead of timing out every request', async () => {
    const result = await run({ 'base-url': html.url, 'request-timeout': '0s' })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual(["input 'request-timeout' must be longer than 0"])
  })

  it('rejects a negative concurrency', async () => {
    const result = await run({ 'base-url': html.url, concurrency: '-3' })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      "input 'concurrency' must be a whole number from 1 to 256 (got '-3')"
    ])
  })
})

describe('health: the service or Prometheus is broken', () => {
  const fast = {
    gate: 'health',
    interval: '200ms',
    window: '0s',
    'readiness-timeout': '1s',
    comment: 'false'
  }

  it('fails on a service that resets every connection', async () => {
    const result = await runAction({ inputs: { ...fast, url: `${resetting.url}/` } })
    expectCleanFailure(result)
    expect(result.outputs.healthy).toBe('false')
    expect(errorLines(result)[0]).toMatch(
      new RegExp(
        `^${resetting.url}/ did not answer healthy within the readiness timeout of 1s \\(\\d+ probes\\); last: connection failed \\(ECONNRESET\\)`
      )
    )
  })

  it('fails fast on a host name that cannot resolve', async () => {
    const started = Date.now()
    const result = await runAction({ inputs: { ...fast, url: 'http://nonexistent.invalid/' } })
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toMatch(
      /^http:\/\/nonexistent\.invalid\/ did not answer healthy .*last: connection failed \(ENOTFOUND\)/
    )
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('fails an expect-body assertion against a body that is not JSON', async () => {
    const result = await runAction({
      inputs: { ...fast, url: `${textBody.url}/`, 'expect-body': '$.version == abc123' }
    })
    expectCleanFailure(result)
    expect(errorLines(result)[0]).toMatch(
      /last: the body is not JSON \(text\/plain, 2 bytes\), so \$\.version == abc123 cannot be checked/
    )
  })

  it('fails when Prometheus refuses every query of the window', async () => {
    const result = await runAction({
      inputs: {
        ...fast,
        window: '600ms',
        url: `${textBody.url}/`,
        'prometheus-url': `http://127.0.0.1:${refused}`,
        'prometheus-query': 'sum(rate(http_errors_total[1m]))',
        'success-condition': 'result < 0.01'
      }
    })
    expectCleanFailure(result)
    expect(result.outputs.healthy).toBe('false')
    expect(errorLines(result)[0]).toBe(
      'prometheus gave no answer in any of the 3 probe(s) of the verification window; last: Prometheus: connection failed (ECONNREFUSED)'
    )
  })

  it('rejects a window shorter than the interval (no probe would run)', async () => {
    const result = await runAction({
      inputs: { ...fast, url: `${textBody.url}/`, window: '1s', interval: '5s' }
    })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      "input 'window' (1s) is shorter than input 'interval' (5s): no probe would run in it"
    ])
  })

  it('rejects a Prometheus check with no window to evaluate it in', async () => {
    const result = await runAction({
      inputs: {
        ...fast,
        'prometheus-url': `http://127.0.0.1:${refused}`,
        'prometheus-query': 'up',
        'success-condition': 'result == 1'
      }
    })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      "input 'prometheus-url' is evaluated in the verification window: set input 'window' to at least input 'interval'"
    ])
  })

  it.each([
    ['window', '-5s', "input 'window' must be a duration with units, like 500ms, 30s or 2m (got '-5s')"],
    [
      'window',
      'banana',
      "input 'window' must be a duration with units, like 500ms, 30s or 2m (got 'banana')"
    ],
    ['failure-limit', '-1', "input 'failure-limit' must be a whole number at least 0 (got '-1')"]
  ])('rejects %s %s', async (name, value, message) => {
    const result = await runAction({ inputs: { ...fast, url: `${textBody.url}/`, [name]: value } })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([message])
  })
})

describe('deployment, rollback, metrics: the GitHub API misbehaves', () => {
  let broken: GitHubApi
  let notJson: Peer
  let unauthorized: GitHubApi
  beforeAll(async () => {
    const answer = (status: number, body: unknown) => [
      { method: 'GET', path: /.*/, handle: () => ({ status, body }) },
      { method: 'POST', path: /.*/, handle: () => ({ status, body }) }
    ]
    broken = await startGitHubApi({ routes: answer(500, { message: 'Server Error' }) })
    // Raw text under a JSON content type: what a proxy's truncated or mangled answer looks like.
    notJson = await startHttpPeer((request, response) => {
      response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
      response.end('{not json')
    })
    unauthorized = await startGitHubApi({ token: 'the-right-token' })
  })
  afterAll(async () => {
    await Promise.all([broken.close(), notJson.close(), unauthorized.close()])
  })

  const inputs = (gate: string) => ({
    gate,
    'github-token': 'ghp_qa_token',
    environment: 'production',
    ref: 'main',
    comment: 'false'
  })
  const what: Record<string, string> = {
    deployment: 'creating a deployment of main to production',
    rollback: 'listing deployments of production',
    metrics: 'listing deployments of production'
  }

  it.each(['deployment', 'rollback', 'metrics'])('%s fails on a 500, quoting GitHub', async gate => {
    const result = await runAction({ apiUrl: broken.url, inputs: inputs(gate) })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([`GitHub API: ${what[gate]} failed: 500 Server Error`])
  })

  it.each(['deployment', 'rollback', 'metrics'])('%s fails on a 2xx that is not JSON', async gate => {
    const result = await runAction({ apiUrl: notJson.url, inputs: inputs(gate) })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      `GitHub API: ${what[gate]} failed: the answer is not the JSON the GitHub API sends (check GITHUB_API_URL and any proxy)`
    ])
  })

  it('deployment fails, not reports success, when reading a deployment answers non-JSON', async () => {
    const result = await runAction({
      apiUrl: notJson.url,
      inputs: { ...inputs('deployment'), 'deployment-id': '5', state: 'success' }
    })
    expectCleanFailure(result)
    expect(result.stdout).not.toContain('undefined')
    expect(errorLines(result)).toEqual([
      'GitHub API: reading deployment 5 failed: the answer is not the JSON the GitHub API sends (check GITHUB_API_URL and any proxy)'
    ])
  })

  it.each(['deployment', 'rollback', 'metrics'])('%s fails on a 401, saying the token is bad', async gate => {
    const result = await runAction({ apiUrl: unauthorized.url, inputs: inputs(gate) })
    expectCleanFailure(result)
    expect(errorLines(result)).toHaveLength(1)
    expect(errorLines(result)[0]).toMatch(/^GitHub API: .* failed: 401 .*: the token is invalid or expired$/)
  })

  it('rollback fails when nothing answers at GITHUB_API_URL', async () => {
    const result = await runAction({ apiUrl: `http://127.0.0.1:${refused}`, inputs: inputs('rollback') })
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      `GitHub API: listing deployments of production failed: no answer from the GitHub API (GITHUB_API_URL): connect ECONNREFUSED 127.0.0.1:${refused}`
    ])
  })

  it.each(['deployment', 'rollback', 'metrics'])('%s without a token says how to provide one', async gate => {
    const before = broken.requests.length
    const result = await runAction({ apiUrl: broken.url, inputs: { ...inputs(gate), 'github-token': '' } })
    expectCleanFailure(result)
    expect(errorLines(result)).toHaveLength(1)
    expect(errorLines(result)[0]).toMatch(/^input 'github-token' is required to (record|read) deployments /)
    expect(broken.requests).toHaveLength(before)
  })
})

describe('env: malformed schema and files', () => {
  const run = (files: Record<string, string>, inputs: Record<string, string>) => {
    const cwd = emptyWorkspace()
    for (const [name, text] of Object.entries(files)) writeFileSync(`${cwd}/${name}`, text)
    return runAction({ cwd, inputs: { gate: 'env', comment: 'false', ...inputs } })
  }

  it('rejects a schema that is a YAML list, at its line', async () => {
    const result = await run(
      { 'schema.yml': '- DATABASE_URL\n- PORT\n', '.env': 'PORT=1\n' },
      { schema: 'schema.yml', 'env-files': '.env' }
    )
    expectCleanFailure(result)
    expect(errorLines(result)).toEqual([
      "schema.yml:1:1: the schema must be a mapping with a 'variables' key (got a list)"
    ])
  })

  it('fails an env file holding only comments: every required key is missing', async () => {
    const result = await run(
      { 'schema.yml': 'variables:\n  PORT: { type: int }\n', '.env.production': '# nothing\n# here\n' },
      { schema: 'schema.yml', 'env-files': '.env.production' }
    )
    expectCleanFailure(result)
    expect(result.annotations[0]).toMatchObject({ title: 'missing-key', file: '.env.production' })
    expect(errorLines(result)[0]).toBe('PORT is required (schema.yml) but not set in .env.production')
  })
})
