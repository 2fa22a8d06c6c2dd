/**
 * Consumer contracts: Pact v2/v3/v4, WireMock and HAR interactions against the provider's spec, findings at
 * the contract file's line; PactFlow's @pactflow/swagger-mock-validator as the oracle on the same inputs.
 */
import { describe, expect, it } from '@jest/globals'
import yaml from 'js-yaml'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { lineOf, REPO_ROOT, runGate, workspace } from './harness.js'

/** The oracle's programmatic API (its package exports only a factory that also reaches for a Pact Broker). */
async function oracle(
  spec: string,
  mock: string
): Promise<{ errors: { mockDetails: { interactionDescription: string } }[] }> {
  const api = path.join(REPO_ROOT, 'node_modules/@pactflow/swagger-mock-validator/dist/api.js')
  const smv = (await import(pathToFileURL(api).href)) as {
    default: { validate(options: object): Promise<never> }
  }
  return smv.default.validate({
    spec: { content: spec, pathOrUrl: 'openapi.json', format: 'auto-detect' },
    mock: { content: mock, pathOrUrl: 'pact.json', format: 'auto-detect' }
  })
}

const SPEC = `openapi: 3.0.3
info:
  title: Users
  version: '1'
paths:
  /users:
    get:
      operationId: listUsers
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            maximum: 100
      responses:
        '200':
          description: users
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/User'
    post:
      operationId: createUser
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/NewUser'
      responses:
        '201':
          description: created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
        '400':
          description: invalid
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
        - name: X-Tenant
          in: header
          required: true
          schema:
            type: string
      responses:
        '200':
          description: one
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
        '404':
          description: none
components:
  schemas:
    NewUser:
      type: object
      required: [name]
      properties:
        name:
          type: string
        email:
          type: string
          format: email
    User:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
        name:
          type: string
        nickname:
          type: string
`

type Json = Record<string, unknown>
const pact = (interactions: Json[], version = '2.0.0') =>
  JSON.stringify(
    {
      consumer: { name: 'web-app' },
      provider: { name: 'users-api' },
      interactions,
      metadata: { pactSpecification: { version } }
    },
    null,
    2
  )
const json = { 'Content-Type': 'application/json' }

const INTERACTIONS: Json[] = [
  {
    description: 'a user that exists',
    request: { method: 'GET', path: '/users/1', headers: { 'X-Tenant': 'acme' } },
    response: { status: 200, headers: json, body: { id: 1, name: 'Ada' } }
  },
  {
    description: 'a stale mock expecting fullName',
    request: { method: 'GET', path: '/users/2', headers: { 'X-Tenant': 'acme' } },
    response: { status: 200, headers: json, body: { id: 2, fullName: 'Grace Hopper' } }
  },
  {
    description: 'an id as a string',
    request: { method: 'GET', path: '/users/3', headers: { 'X-Tenant': 'acme' } },
    response: { status: 200, headers: json, body: { id: 'three', name: 'C' } }
  },
  {
    description: 'an undocumented status',
    request: { method: 'GET', path: '/users/4', headers: { 'X-Tenant': 'acme' } },
    response: { status: 418 }
  },
  {
    description: 'an operation the provider lacks',
    request: { method: 'DELETE', path: '/users/5' },
    response: { status: 204 }
  },
  {
    description: 'a limit over the maximum',
    request: { method: 'GET', path: '/users', query: 'limit=500' },
    response: { status: 200, headers: json, body: [] }
  },
  {
    description: 'a new user without a name',
    request: { method: 'POST', path: '/users', headers: json, body: { email: 'x@example.com' } },
    response: { status: 201, headers: json, body: { id: 7, name: 'n' } }
  },
  {
    description: 'no tenant header',
    request: { method: 'GET', path: '/users/6' },
    response: { status: 200, headers: json, body: { id: 6, name: 'b' } }
  },
  {
    // The error path, tested on purpose: a bad request expecting a 4xx is not held against the spec.
    description: 'an invalid user is refused',
    request: { method: 'POST', path: '/users', headers: json, body: { email: 'not-an-email' } },
    response: { status: 400 }
  }
]

async function check(files: Record<string, string>, inputs: Record<string, string> = {}, spec = SPEC) {
  const dir = workspace({ 'openapi.yaml': spec, ...files })
  const result = await runGate(dir, {
    spec: 'openapi.yaml',
    'consumer-contracts': Object.keys(files).join('\n'),
    ...inputs
  })
  return { result, dir, findings: result.findings.map(f => `${f.severity} ${f.rule} ${f.file}:${f.line}`) }
}

/** The line of `needle` inside interaction `index` of a pretty-printed contract. */
function lineIn(text: string, index: number, needle: string): number {
  const description = (INTERACTIONS[index] as { description: string }).description
  return lineOf(text, needle, `"description": "${description}"`)
}

describe('contract gate: Pact files against the provider spec', () => {
  const text = pact(INTERACTIONS)

  it('finds each stale or wrong interaction at its line in the pact, naming consumer, interaction and spec line', async () => {
    const { findings, result } = await check({ 'pacts/web-app.json': text })
    expect(findings).toEqual([
      `error consumer-relies-on-unpromised pacts/web-app.json:${lineIn(text, 1, '"fullName"')}`,
      `error consumer-response-invalid pacts/web-app.json:${lineIn(text, 2, '"id": "three"')}`,
      `error consumer-status-undocumented pacts/web-app.json:${lineIn(text, 3, '"status": 418')}`,
      `error consumer-operation-missing pacts/web-app.json:${lineIn(text, 4, '"path": "/users/5"')}`,
      `error consumer-request-invalid pacts/web-app.json:${lineIn(text, 5, '"query"')}`,
      `error consumer-request-invalid pacts/web-app.json:${lineIn(text, 6, '"body"')}`,
      `error consumer-request-invalid pacts/web-app.json:${lineIn(text, 7, '"path": "/users/6"')}`
    ])
    expect(result.findings[0]!.message).toBe(
      `consumer 'web-app', interaction 'a stale mock expecting fullName': expects response property 'fullName', which the spec does not define (spec openapi.yaml:${lineOf(SPEC, '    User:')})`
    )
    expect(result.findings[1]!.message).toContain(
      `(spec openapi.yaml:${lineOf(SPEC, 'type: integer', '        id:')})`
    )
    expect(result.findings[6]!.message).toContain(
      "does not send the required header parameter 'X-Tenant' of GET /users/{id}"
    )
    expect(result.outputs['consumer-interactions']).toBe('9')
    expect(result.sections.find(s => s.heading === 'Consumer contracts')!.blocks[1]).toEqual({
      kind: 'table',
      columns: ['Consumer', 'File', 'Format', 'Interactions', 'Failing'],
      rows: [['web-app', 'pacts/web-app.json', 'pact', '9', '7']]
    })
  })

  it('a property the spec marks optional is a warning: the provider may leave it out', async () => {
    const text = pact([
      {
        ...INTERACTIONS[0]!,
        response: { status: 200, headers: json, body: { id: 1, name: 'Ada', nickname: 'A' } }
      }
    ])
    const { findings, result } = await check({ 'pact.json': text })
    expect(findings).toEqual([
      `warning consumer-relies-on-unpromised pact.json:${lineOf(text, '"nickname"')}`
    ])
    expect(result.findings[0]!.message).toContain('which the spec marks optional')
  })

  it('Pact v3 (query as a map, matching rules) and v4 (typed interactions, bodies as content) read the same', async () => {
    const v3 = pact(
      [
        {
          description: 'over the limit',
          request: { method: 'GET', path: '/users', query: { limit: ['500'] } },
          response: {
            status: 200,
            headers: json,
            body: [{ id: 1, name: 'a', age: 3 }],
            matchingRules: { body: { '$[0].id': { matchers: [{ match: 'type' }] } } }
          }
        }
      ],
      '3.0.0'
    )
    const v4 = pact(
      [
        {
          type: 'Synchronous/HTTP',
          description: 'stale',
          request: { method: 'GET', path: '/users/1', headers: { 'X-Tenant': ['acme'] } },
          response: {
            status: 200,
            headers: { 'Content-Type': ['application/json'] },
            body: { contentType: 'application/json', encoded: false, content: { id: 1, fullName: 'x' } }
          }
        },
        { type: 'Asynchronous/Messages', description: 'a message', contents: { content: {} } }
      ],
      '4.0'
    )
    const { findings } = await check({ 'v3.json': v3, 'v4.json': v4 })
    expect(findings).toEqual([
      `error consumer-request-invalid v3.json:${lineOf(v3, '"query"')}`,
      `error consumer-relies-on-unpromised v3.json:${lineOf(v3, '"age"')}`,
      `error consumer-relies-on-unpromised v4.json:${lineOf(v4, '"fullName"')}`
    ])
  })

  it('globs match contract files; a glob that matches nothing, or a file that is no contract, is an error', async () => {
    const dir = workspace({
      'openapi.yaml': SPEC,
      'pacts/a.json': pact([INTERACTIONS[0]!]),
      'pacts/sub/b.json': pact([INTERACTIONS[1]!])
    })
    const result = await runGate(dir, { spec: 'openapi.yaml', 'consumer-contracts': 'pacts/**/*.json' })
    expect(result.outputs['consumer-interactions']).toBe('2')
    expect(result.findings.map(f => f.file)).toEqual(['pacts/sub/b.json'])
    await expect(
      runGate(dir, { spec: 'openapi.yaml', 'consumer-contracts': 'mocks/*.json' })
    ).rejects.toThrow(/mocks\/\*\.json: the glob matches no file/)
    const other = await check({ 'notes.json': '{"hello": "world"}' })
    expect(other.findings).toEqual(['error consumer-contract-invalid notes.json:1'])
  })

  it('OpenAPI 3.1 (type lists, const): checked the same way', async () => {
    const spec31 = SPEC.replace('openapi: 3.0.3', 'openapi: 3.1.0').replace(
      '        nickname:\n          type: string\n',
      "        nickname:\n          type: [string, 'null']\n        kind:\n          const: person\n"
    )
    const text = pact([
      {
        ...INTERACTIONS[0]!,
        response: { status: 200, headers: json, body: { id: 1, name: 'Ada', nickname: null, kind: 'robot' } }
      }
    ])
    const { findings } = await check({ 'pact.json': text }, {}, spec31)
    expect(findings).toEqual([
      `error consumer-response-invalid pact.json:${lineOf(text, '"kind"')}`,
      `warning consumer-relies-on-unpromised pact.json:${lineOf(text, '"nickname"')}`,
      `warning consumer-relies-on-unpromised pact.json:${lineOf(text, '"kind"')}`
    ])
  })
})

describe('contract gate: WireMock mappings and HAR recordings', () => {
  it('WireMock: a mapping file of several stubs, each checked', async () => {
    const mappings = JSON.stringify(
      {
        mappings: [
          {
            name: 'get user',
            request: { method: 'GET', urlPath: '/users/1', headers: { 'X-Tenant': { equalTo: 'acme' } } },
            response: { status: 200, jsonBody: { id: 1, name: 'Ada', fullName: 'Ada L' }, headers: json }
          },
          {
            request: { method: 'GET', url: '/users?limit=10' },
            response: { status: 200, jsonBody: [{ id: 1, name: 'a' }], headers: json }
          },
          { request: { method: 'PUT', urlPath: '/users/1' }, response: { status: 200 } },
          { request: { method: 'GET', urlPathPattern: '/users/[0-9]+' }, response: { status: 200 } }
        ]
      },
      null,
      2
    )
    const { findings, result } = await check({ 'wiremock/mappings.json': mappings })
    expect(findings).toEqual([
      `error consumer-relies-on-unpromised wiremock/mappings.json:${lineOf(mappings, '"fullName"')}`,
      `error consumer-operation-missing wiremock/mappings.json:${lineOf(mappings, '"urlPath": "/users/1"', '"PUT"')}`
    ])
    expect(result.findings[0]!.message).toMatch(/^consumer 'mappings', interaction 'get user'/)
  })

  it('HAR: a browser recording whose response the spec rules out', async () => {
    const har = JSON.stringify(
      {
        log: {
          version: '1.2',
          creator: { name: 'checkout-web', version: '1' },
          entries: [
            {
              request: {
                method: 'GET',
                url: 'https://api.example.com/users/1',
                headers: [{ name: 'X-Tenant', value: 'acme' }],
                queryString: []
              },
              response: {
                status: 200,
                headers: [{ name: 'Content-Type', value: 'application/json' }],
                content: { mimeType: 'application/json', text: '{"id":"1","name":"Ada"}' }
              }
            },
            {
              request: {
                method: 'GET',
                url: 'https://api.example.com/users?limit=5',
                headers: [],
                queryString: [{ name: 'limit', value: '5' }]
              },
              response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '[]' } }
            }
          ]
        }
      },
      null,
      2
    )
    const { findings, result } = await check({ 'recording.har': har })
    expect(findings).toEqual([
      `error consumer-response-invalid recording.har:${lineOf(har, '"text": "{\\"id\\":\\"1\\"')}`
    ])
    expect(result.findings[0]!.message).toMatch(
      /^consumer 'checkout-web', interaction 'GET \/users\/1 \(entry 1\)'/
    )
  })
})

describe('contract gate: a spec change that breaks a known consumer names it', () => {
  it('removing a property a consumer reads is consumer-broken-by-change; a mock already stale at the base is not', async () => {
    const head = SPEC.replace('        nickname:\n          type: string\n', '').replace(
      '        name:\n          type: string\n        nickname',
      'X'
    )
    const renamed = SPEC.replace(
      '      required: [id, name]\n      properties:\n        id:\n          type: integer\n        name:\n          type: string',
      '      required: [id, displayName]\n      properties:\n        id:\n          type: integer\n        displayName:\n          type: string'
    )
    expect(renamed).not.toBe(SPEC)
    const text = pact([INTERACTIONS[0]!, INTERACTIONS[1]!])
    const dir = workspace({ 'openapi.yaml': renamed, 'base.yaml': SPEC, 'pact.json': text })
    const result = await runGate(dir, {
      spec: 'openapi.yaml',
      'base-spec': 'base.yaml',
      'consumer-contracts': 'pact.json'
    })
    const consumer = result.findings.filter(f => f.file === 'pact.json').map(f => `${f.rule} ${f.line}`)
    expect(consumer).toEqual([
      `consumer-broken-by-change ${lineIn(text, 0, '"name": "Ada"')}`,
      `consumer-relies-on-unpromised ${lineIn(text, 1, '"fullName"')}`
    ])
    expect(result.findings.find(f => f.rule === 'consumer-broken-by-change')!.message).toMatch(
      /^this change breaks a known consumer: consumer 'web-app', interaction 'a user that exists': expects response property 'name'/
    )
    expect(head).toBeDefined()
  })
})

describe('contract gate agrees with @pactflow/swagger-mock-validator on the same pact', () => {
  // Per interaction: does the oracle report an error, and do we? Where the verdicts differ, the test says why.
  it('same verdict on every interaction of the shared cases', async () => {
    const text = pact(INTERACTIONS)
    const specJson = JSON.stringify(yaml.load(SPEC))
    const outcome = await oracle(specJson, text)
    const theirs = new Set(outcome.errors.map(e => e.mockDetails.interactionDescription))
    const { result } = await check({ 'pact.json': text })
    const ours = new Set(
      result.findings
        .filter(f => f.severity === 'error')
        .map(f => f.message.match(/interaction '([^']+)'/)![1]!)
    )
    const descriptions = INTERACTIONS.map(i => i.description as string)
    expect(descriptions.filter(d => theirs.has(d) !== ours.has(d))).toEqual([])
    expect(ours.size).toBe(7)
  })
})
