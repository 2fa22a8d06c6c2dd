// QA: secret values never reach anything a user or a log reader sees, through the real bundle, above all on
// the error paths (a connection error echoing a URL, an HTTP error echoing a header). Each secret is a
// distinctive canary; every run posts its PR comment to the GitHub stand-in, whose recorded requests are
// searched too (they must carry the token only in the authorization header).
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { pullRequestEvent, startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import { createDeploymentStore, deploymentRoutes } from '../helpers/github-deployments.js'
import { CLI_ENTRY, ensureBuilt, runAction, type ActionRun } from '../helpers/runner.js'
import {
  closedPort,
  commitAll,
  errorLines,
  placesLeaking,
  startHttpPeer,
  workspaceFrom,
  type Peer,
  emptyWorkspace
} from './probes.js'

const HEADER_CANARY = 'hdr_canary_7Qz1xWv93'
const DB_CANARY = 'dbpw_canary_K2m8Rt41'
const TOKEN_CANARY = 'ghs_canary_Lp04Hn62Xa'
const ENV_CANARY = 'envsecret_canary_Uy73Ee'

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
              schema: { type: array, items: { type: integer } }
`

let api: GitHubApi
/** Echo the request headers back, in the body and in a response header: services that leak. */
let echoing: Peer
let echoingOk: Peer
let refused: number

function echo(status: number) {
  return startHttpPeer((request, response) => {
    const echoed = JSON.stringify(request.headers)
    response.writeHead(status, { 'content-type': 'application/json', 'x-echo': encodeURIComponent(echoed) })
    // An array of integers is expected: these strings violate the schema, so a finding describes them.
    response.end(JSON.stringify([echoed, request.headers['x-api-key'] ?? '']))
  })
}

beforeAll(async () => {
  ensureBuilt()
  api = await startGitHubApi({ token: TOKEN_CANARY, routes: deploymentRoutes(createDeploymentStore()) })
  echoing = await echo(500)
  echoingOk = await echo(200)
  refused = await closedPort()
})

afterAll(async () => {
  await Promise.all([api.close(), echoing.close(), echoingOk.close()])
})

/** The stand-in's requests, without the authorization header (the one place the token belongs). */
function apiTraffic(from: number): string {
  return JSON.stringify(
    api.requests.slice(from).map(({ headers: { authorization: _token, ...headers }, ...request }) => ({
      ...request,
      headers
    }))
  )
}

async function runOnPullRequest(options: {
  cwd: string
  inputs: Record<string, string>
  canary: string
  inputFiles?: string[]
}): Promise<{ run: ActionRun; leaks: string[] }> {
  const from = api.requests.length
  const run = await runAction({
    cwd: options.cwd,
    apiUrl: api.url,
    event: pullRequestEvent(11),
    inputs: {
      'github-token': TOKEN_CANARY,
      sarif: 'qa.sarif',
      junit: 'qa-junit.xml',
      report: 'qa-report.json',
      ...options.inputs
    }
  })
  const leaks = placesLeaking(run, options.canary, options.inputFiles)
  if (apiTraffic(from).includes(options.canary)) leaks.push('a GitHub API request')
  // Also the token, which every run carries.
  for (const place of placesLeaking(run, TOKEN_CANARY, options.inputFiles)) leaks.push(`token: ${place}`)
  if (apiTraffic(from).includes(TOKEN_CANARY)) leaks.push('token: a GitHub API request')
  return { run, leaks }
}

function contractWorkspace(): string {
  const dir = emptyWorkspace()
  writeFileSync(`${dir}/openapi.yaml`, OPENAPI)
  return dir
}

describe('contract headers', () => {
  it('are not echoed when the service fails and sends them back', async () => {
    const { run, leaks } = await runOnPullRequest({
      cwd: contractWorkspace(),
      canary: HEADER_CANARY,
      inputs: {
        gate: 'contract',
        spec: 'openapi.yaml',
        'base-spec': 'openapi.yaml',
        'base-url': echoing.url,
        headers: `Authorization: Bearer ${HEADER_CANARY}\nX-Api-Key: ${HEADER_CANARY}`,
        'request-timeout': '1s'
      }
    })
    expect(run.code).toBe(1)
    expect(errorLines(run)[0]).toBe('listItems: GET /items → 500: the service failed with a server error')
    expect(leaks).toEqual([])
  })

  it('are not echoed when the service answers a schema violation holding one of them', async () => {
    const { run, leaks } = await runOnPullRequest({
      cwd: contractWorkspace(),
      canary: HEADER_CANARY,
      inputs: {
        gate: 'contract',
        spec: 'openapi.yaml',
        'base-spec': 'openapi.yaml',
        'base-url': echoingOk.url,
        headers: `X-Api-Key: ${HEADER_CANARY}`,
        'request-timeout': '1s'
      }
    })
    expect(run.code).toBe(1)
    expect(run.annotations[0]).toMatchObject({ level: 'error', file: 'openapi.yaml' })
    expect(leaks).toEqual([])
  })

  it('are not echoed when the service is unreachable', async () => {
    const { run, leaks } = await runOnPullRequest({
      cwd: contractWorkspace(),
      canary: HEADER_CANARY,
      inputs: {
        gate: 'contract',
        spec: 'openapi.yaml',
        'base-spec': 'openapi.yaml',
        'base-url': `http://127.0.0.1:${refused}`,
        headers: `Authorization: Bearer ${HEADER_CANARY}`
      }
    })
    expect(run.code).toBe(1)
    expect(errorLines(run)[0]).toMatch(/is unreachable: connection failed \(ECONNREFUSED\)/)
    expect(leaks).toEqual([])
  })
})

describe('the database-url password', () => {
  const migrations = (databaseUrl: string) =>
    runOnPullRequest({
      cwd: commitAll(workspaceFrom('migrations/tools/flyway')),
      canary: DB_CANARY,
      inputs: { gate: 'migrations', 'database-url': databaseUrl, 'base-ref': 'HEAD' }
    })

  it('is not echoed when the database refuses the connection', async () => {
    const { run, leaks } = await migrations(`postgres://app:${DB_CANARY}@127.0.0.1:${refused}/app`)
    expect(run.code).toBe(1)
    expect(errorLines(run)[0]).toMatch(/^Database check failed: cannot connect to 127\.0\.0\.1:\d+\/app: /)
    expect(leaks).toEqual([])
  })

  it('is not echoed when the server is not PostgreSQL', async () => {
    const { run, leaks } = await migrations(`postgresql://app:${DB_CANARY}@127.0.0.1:${echoing.port}/app`)
    expect(run.code).toBe(1)
    expect(leaks).toEqual([])
  })

  it.each([
    ['an unencoded /', `postgres://app:${DB_CANARY}/x@127.0.0.1:5432/app`],
    ['an unencoded # and a space', `postgres://app:${DB_CANARY} #x@127.0.0.1:5432/app`],
    ['no scheme separator', `postgres:app:${DB_CANARY}@127.0.0.1:5432/app`]
  ])('is not echoed when the URL is invalid because the password has %s', async (_why, databaseUrl) => {
    const { run, leaks } = await migrations(databaseUrl)
    expect(run.code).toBe(1)
    expect(errorLines(run)).toHaveLength(1)
    expect(errorLines(run)[0]).toMatch(/^input 'database-url' /)
    expect(leaks).toEqual([])
  })
})

describe('the database-url password on the CLI', () => {
  it.each([
    [
      `postgres://app:${DB_CANARY}/x@127.0.0.1:5432/app`,
      2,
      /^deploy-gates: --database-url is not a valid URL: /m
    ],
    [
      `postgres:app:${DB_CANARY}@127.0.0.1:5432/app`,
      2,
      /^deploy-gates: --database-url must start with postgres:\/\/ /m
    ],
    [
      `postgres://app:${DB_CANARY}@127.0.0.1:${0}/app`,
      1,
      /Database check failed: cannot connect to 127\.0\.0\.1/
    ]
  ])('never prints it (case %#)', (template, code, message) => {
    const databaseUrl = template.replace(':0/', `:${refused}/`)
    const cli = spawnSync(
      process.execPath,
      [CLI_ENTRY, 'migrations', '--database-url', databaseUrl, '--base-ref', 'HEAD'],
      {
        cwd: commitAll(workspaceFrom('migrations/tools/flyway')),
        encoding: 'utf8',
        timeout: 20_000
      }
    )
    expect(cli.status).toBe(code)
    expect(`${cli.stdout}\n${cli.stderr}`).toMatch(message)
    expect(cli.stdout + cli.stderr).not.toContain(DB_CANARY)
  })
})

describe('the github token', () => {
  it.each(['rollback', 'metrics'])(
    'is not echoed when %s reads an environment with no deployments',
    async gate => {
      const { run, leaks } = await runOnPullRequest({
        cwd: emptyWorkspace(),
        canary: TOKEN_CANARY,
        inputs: { gate, environment: 'production' }
      })
      expect(run.code).toBeGreaterThanOrEqual(0)
      expect(leaks).toEqual([])
    }
  )

  it('is not echoed when the API rejects it', async () => {
    const wrong = 'ghs_canary_wrong_Zx81'
    const from = api.requests.length
    const run = await runAction({
      apiUrl: api.url,
      inputs: {
        gate: 'deployment',
        environment: 'production',
        ref: 'main',
        'github-token': wrong,
        comment: 'false'
      }
    })
    expect(run.code).toBe(1)
    expect(errorLines(run)[0]).toMatch(/401 .*: the token is invalid or expired$/)
    expect(placesLeaking(run, wrong)).toEqual([])
    expect(apiTraffic(from)).not.toContain(wrong)
  })

  it('is not sent in the deployment payload or description', async () => {
    const { run, leaks } = await runOnPullRequest({
      cwd: emptyWorkspace(),
      canary: TOKEN_CANARY,
      inputs: { gate: 'deployment', environment: 'staging', ref: 'main', payload: '{"build": 7}' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs['deployment-id']).toMatch(/^\d+$/)
    expect(leaks).toEqual([])
  })
})

describe('secret env values', () => {
  it('are not echoed when a secret fails its pattern, or when the file is malformed around it', async () => {
    const cwd = emptyWorkspace()
    writeFileSync(
      `${cwd}/schema.yml`,
      "variables:\n  SIGNING_KEY: { secret: true, pattern: '^[a-f0-9]{64}$' }\n  PORT: { type: int }\n"
    )
    writeFileSync(
      `${cwd}/.env.production`,
      `SIGNING_KEY=${ENV_CANARY}\nPORT="8080\nSIGNING_KEY = ${ENV_CANARY}x\n`
    )
    const { run, leaks } = await runOnPullRequest({
      cwd,
      canary: ENV_CANARY,
      inputFiles: ['schema.yml', '.env.production'],
      inputs: { gate: 'env', schema: 'schema.yml', 'env-files': '.env.production' }
    })
    expect(run.code).toBe(1)
    expect(run.annotations.map(a => a.title)).toContain('pattern-mismatch')
    expect(leaks).toEqual([])
  })
})
