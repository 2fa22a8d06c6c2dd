import { BREAKING_RULE_IDS } from '../../src/gates/contract/catalog.js'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { NODE_BINARIES, REPO_ROOT, runAction } from '../helpers/runner.js'
import { json, lineOf, startServer, workspace } from './harness.js'

const spec = readFileSync(path.join(REPO_ROOT, 'examples/service/openapi.yaml'), 'utf8')
const breaking = readFileSync(
  path.join(REPO_ROOT, 'examples/breakages/contract-breaking-change/openapi.yaml'),
  'utf8'
)

/** Each test case of a JUnit file: its outcome and, per failure line, `severity location rule`. */
function junitCases(xml: string) {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)].map(
    ([, classname, name, body]) => {
      const failure = body!.match(/<failure [^>]*>([\s\S]*?)<\/failure>/)
      return {
        classname,
        name,
        outcome: failure ? 'failed' : body!.includes('<skipped') ? 'skipped' : 'passed',
        failures: failure
          ? failure[1]!
              .split('\n')
              // the location line of each finding (the rule's help follows it)
              .filter(line => /^(error|warning|notice) /.test(line))
              .map(line => line.replace(/: .*/, ''))
          : []
      }
    }
  )
}

beforeAll(() => {
  execFileSync('flock', ['/tmp/deploy-gates-build.lock', 'npm', 'run', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'ignore'
  })
})

describe.each(NODE_BINARIES)('contract gate through dist/index.js on $label', ({ path: node }) => {
  let service: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    // The example service's data, with GET /users/{id} drifted: id as a string, no email.
    service = await startServer((req, res) => {
      if (req.url === '/users/1')
        return json(res, 200, { id: '1', name: 'Ada', createdAt: '2024-01-01T00:00:00Z' })
      if (req.url?.startsWith('/users')) return json(res, 200, [], { 'x-total-count': '0' })
      if (req.url?.startsWith('/orders/'))
        return json(res, 200, { id: 101, userId: 1, total: 1, status: 'paid' })
      if (req.url?.startsWith('/orders')) return json(res, 200, [])
      return json(res, 200, { status: 'ok', version: '1', db: 'ok' })
    })
  })
  afterAll(() => service.close())

  it('annotates breaking changes and live violations at spec lines, sets outputs, writes JUnit, masks header values', async () => {
    const cwd = workspace({ 'openapi.yaml': breaking, 'base.yaml': spec })
    const run = await runAction({
      node,
      cwd,
      inputs: {
        gate: 'contract',
        spec: 'openapi.yaml',
        'base-spec': 'base.yaml',
        'base-url': service.url,
        headers: 'Authorization: Bearer tok-7f3a9c',
        junit: 'contract.xml'
      }
    })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({
      'breaking-changes': '5',
      violations: '1',
      'operations-checked': '4',
      status: 'failed'
    })
    const errors = run.annotations
      .filter(a => a.level === 'error' && a.title)
      .map(a => `${a.title} ${a.file}:${a.line}`)
    expect(errors.sort()).toEqual(
      [
        `path-removed openapi.yaml:${lineOf(breaking, 'paths:')}`,
        `parameter-became-required openapi.yaml:${lineOf(breaking, 'required: true', 'name: limit')}`,
        `response-property-removed openapi.yaml:${lineOf(breaking, '    User:')}`,
        // User's name lost NewUser's minLength: 1 when the allOf was inlined.
        `response-bound-loosened openapi.yaml:${lineOf(breaking, 'name:', '    User:')}`,
        `response-schema-mismatch openapi.yaml:${lineOf(breaking, 'type: integer', '            id:')}`
      ].sort()
    )
    const warnings = run.annotations
      .filter(a => a.level === 'warning')
      .map(a => `${a.title} ${a.file}:${a.line}`)
    expect(warnings).toEqual([`response-enum-value-added openapi.yaml:${lineOf(breaking, 'refunded')}`])
    const junit = readFileSync(path.join(cwd, 'contract.xml'), 'utf8')
    // One test case per check: 3 spec checks, every breaking-change rule, 10 requests of 5 operations (one
    // operation not sent; listUsers: its example, then limit's bounds; listOrders: each OrderStatus member).
    expect(junit).toContain(
      `<testsuite name="deploy-gates contract: API contract" tests="${3 + BREAKING_RULE_IDS.length + 10}" failures="5" errors="0" skipped="1">`
    )
    const cases = junitCases(junit)
    expect(cases.filter(c => c.classname === 'deploy-gates.contract.live')).toEqual([
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /healthz (getHealth)',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /users (listUsers): first examples',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /users (listUsers): limit = 1 (minimum)',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /users (listUsers): limit = 100 (maximum)',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'POST /users (createUser)',
        outcome: 'skipped',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /users/{id} (getUser)',
        outcome: 'failed',
        failures: [
          `error openapi.yaml:${lineOf(breaking, 'type: integer', '            id:')} response-schema-mismatch`
        ]
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /orders (listOrders): first examples',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /orders (listOrders): status = pending (enum member)',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /orders (listOrders): status = shipped (enum member)',
        outcome: 'passed',
        failures: []
      },
      {
        classname: 'deploy-gates.contract.live',
        name: 'GET /orders (listOrders): status = refunded (enum member)',
        outcome: 'passed',
        failures: []
      }
    ])
    const breakingCases = cases.filter(c => c.classname === 'deploy-gates.contract.breaking-changes')
    expect(breakingCases).toHaveLength(BREAKING_RULE_IDS.length)
    expect(breakingCases.filter(c => c.outcome === 'failed').map(c => [c.name, c.failures])).toEqual([
      ['path-removed', [`error openapi.yaml:${lineOf(breaking, 'paths:')}:1 path-removed`]],
      [
        'parameter-became-required',
        [
          `error openapi.yaml:${lineOf(breaking, 'required: true', 'name: limit')}:11 parameter-became-required`
        ]
      ],
      [
        'response-bound-loosened',
        [`error openapi.yaml:${lineOf(breaking, 'name:', '    User:')}:13 response-bound-loosened`]
      ],
      [
        'response-property-removed',
        [`error openapi.yaml:${lineOf(breaking, '    User:')}:5 response-property-removed`]
      ]
    ])
    expect(breakingCases.find(c => c.name === 'operation-removed')!.outcome).toBe('passed')
    expect(
      cases.filter(c => c.classname === 'deploy-gates.contract.spec').map(c => `${c.name}: ${c.outcome}`)
    ).toEqual([
      'openapi.yaml parses: passed',
      'openapi.yaml: every $ref resolves: passed',
      'openapi.yaml is a valid OpenAPI document: passed'
    ])
    expect(run.summary).toContain('API changelog')
    expect(run.summary).toContain('Live verification')
    // Only the runner's ::add-mask:: command may carry the value (that is how the runner learns to mask it).
    const stdout = run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const text of [stdout, run.stderr, run.summary, junit, JSON.stringify(run.outputs)])
      expect(text).not.toContain('tok-7f3a9c')
    expect(run.stdout).toContain('::add-mask::Bearer tok-7f3a9c')
  })

  it('sends several requests per operation; a boundary value the service refuses is positive-data-rejected, named in JUnit and the summary', async () => {
    // The example service, except that it refuses limit=100, the maximum its spec allows.
    const strict = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/users' && url.searchParams.get('limit') === '100')
        return json(res, 400, { error: 'limit must be below 100' })
      if (url.pathname === '/users')
        return json(
          res,
          200,
          [{ id: 1, name: 'Ada', email: 'ada@example.com', createdAt: '2024-01-01T00:00:00Z' }],
          {
            'x-total-count': '1'
          }
        )
      return json(res, 200, { status: 'ok', version: '1', db: 'ok' })
    })
    try {
      const cwd = workspace({ 'openapi.yaml': spec })
      const run = await runAction({
        node,
        cwd,
        inputs: {
          gate: 'contract',
          spec: 'openapi.yaml',
          'base-url': strict.url,
          operations: 'listUsers',
          'max-requests-per-operation': '3',
          headers: 'X-Api-Key: key-55aa',
          junit: 'contract.xml'
        }
      })
      expect(run.code).toBe(1)
      expect(strict.requests.map(r => r.url).sort()).toEqual([
        '/users?limit=1',
        '/users?limit=100',
        '/users?limit=2'
      ])
      expect(run.outputs).toMatchObject({ violations: '1', 'operations-checked': '1', status: 'failed' })
      expect(
        run.annotations.filter(a => a.level === 'error' && a.title).map(a => `${a.title} ${a.file}:${a.line}`)
      ).toEqual([
        `positive-data-rejected openapi.yaml:${lineOf(spec, 'get:', '  /users:')}`,
        // The spec documents no 400 for listUsers, so the refusal is undocumented too.
        `undocumented-status openapi.yaml:${lineOf(spec, 'responses:', '  /users:')}`
      ])
      const cases = junitCases(readFileSync(path.join(cwd, 'contract.xml'), 'utf8')).filter(
        c => c.classname === 'deploy-gates.contract.live'
      )
      expect(cases.map(c => `${c.name}: ${c.outcome}`)).toEqual([
        'GET /users (listUsers): first examples: passed',
        'GET /users (listUsers): limit = 1 (minimum): passed',
        'GET /users (listUsers): limit = 100 (maximum): failed'
      ])
      expect(run.summary).toContain(
        '| GET /users (listUsers) | GET /users?limit=100 — limit = 100 (maximum) | 400 |'
      )
      expect(run.summary).toContain('# GET /users (listUsers): limit = 100 (maximum)')
      expect(run.summary).toContain(
        `curl -sS -X GET '${strict.url}/users?limit=100' -H 'accept: application/json' -H 'x-api-key: ***'`
      )
      for (const text of [run.summary, readFileSync(path.join(cwd, 'contract.xml'), 'utf8')])
        expect(text).not.toContain('key-55aa')
    } finally {
      await strict.close()
    }
  })

  it('fails with one clear line on an unparsable spec, annotated at its line', async () => {
    const cwd = workspace({ 'openapi.yaml': 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n' })
    const run = await runAction({ node, cwd, inputs: { gate: 'contract', spec: 'openapi.yaml' } })
    expect(run.code).toBe(1)
    expect(
      run.annotations.filter(a => a.title).map(a => `${a.level} ${a.title} ${a.file}:${a.line}`)
    ).toEqual(['error spec-parse-error openapi.yaml:4'])
  })
})
