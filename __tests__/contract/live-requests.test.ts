/**
 * Live verification a service owner believes: requests serialized as each parameter's style/explode says,
 * generated values inside every constraint, credentials per security scheme (masked), the base URL's query
 * kept, a valid request refused with a 4xx reported, slow responses, and a curl reproduction per failure.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { json, runGate, startServer, workspace } from './harness.js'

const SPEC = `openapi: 3.0.3
info:
  title: Params
  version: '1'
paths:
  /search/{ids}:
    get:
      operationId: search
      parameters:
        - name: ids
          in: path
          required: true
          style: label
          explode: true
          schema:
            type: array
            items:
              type: integer
          example: [3, 4]
        - name: filter
          in: query
          required: true
          style: deepObject
          explode: true
          schema:
            type: object
          example: {color: red, size: L}
        - name: tags
          in: query
          required: true
          explode: false
          schema:
            type: array
            items:
              type: string
          example: [a, b]
        - name: point
          in: query
          required: true
          schema:
            type: object
          example: {x: 1, y: 2}
        - name: words
          in: query
          required: true
          style: spaceDelimited
          explode: false
          schema:
            type: array
            items:
              type: string
          example: [hello, world]
        - name: X-Flags
          in: header
          required: true
          schema:
            type: array
            items:
              type: string
          example: [fast, safe]
        - name: session
          in: cookie
          required: true
          schema:
            type: string
          example: abc
      responses:
        '200':
          description: ok
  /generated:
    get:
      operationId: generated
      parameters:
        - name: code
          in: query
          required: true
          schema:
            type: string
            pattern: '^[A-Z]{3}-[0-9]{2}$'
        - name: short
          in: query
          required: true
          schema:
            type: string
            maxLength: 3
        - name: step
          in: query
          required: true
          schema:
            type: integer
            minimum: 7
            multipleOf: 5
        - name: above
          in: query
          required: true
          schema:
            type: number
            minimum: 10
            exclusiveMinimum: true
      responses:
        '200':
          description: ok
  /private:
    get:
      operationId: private
      security:
        - apiKeyQuery: []
      responses:
        '200':
          description: ok
  /bearer:
    get:
      operationId: bearer
      security:
        - bearerAuth: []
      responses:
        '200':
          description: ok
  /basic:
    get:
      operationId: basic
      security:
        - basicAuth: []
      responses:
        '200':
          description: ok
  /refused:
    get:
      operationId: refused
      parameters:
        - name: q
          in: query
          required: true
          schema:
            type: string
          example: ok
      responses:
        '200':
          description: ok
        default:
          description: error
  /slow:
    get:
      operationId: slow
      responses:
        '200':
          description: ok
components:
  securitySchemes:
    apiKeyQuery:
      type: apiKey
      in: query
      name: api_key
    bearerAuth:
      type: http
      scheme: bearer
    basicAuth:
      type: http
      scheme: basic
`

describe('contract gate: live requests as the spec describes them', () => {
  let service: Awaited<ReturnType<typeof startServer>>
  let dir: string
  beforeAll(async () => {
    service = await startServer(async (req, res) => {
      const url = new URL((req.url ?? '/').replace(/^\/api/, ''), 'http://x')
      if (url.pathname === '/refused') return json(res, 400, { error: 'q is not allowed' })
      if (url.pathname === '/slow') await new Promise(resolve => setTimeout(resolve, 150))
      if (url.pathname === '/private' && url.searchParams.get('api_key') !== 'key-123')
        return json(res, 401, {})
      if (url.pathname === '/bearer' && req.headers.authorization !== 'Bearer tok-456')
        return json(res, 401, {})
      if (
        url.pathname === '/basic' &&
        req.headers.authorization !== `Basic ${Buffer.from('ada:pw-789').toString('base64')}`
      )
        return json(res, 401, {})
      res.writeHead(200).end()
    })
    dir = workspace({ 'openapi.yaml': SPEC })
  })
  afterAll(() => service.close())

  const run = (inputs: Record<string, string> = {}) =>
    runGate(dir, {
      spec: 'openapi.yaml',
      'base-url': `${service.url}/api?tenant=acme`,
      auth: 'apiKeyQuery: key-123\nbearerAuth: tok-456\nbasicAuth: ada:pw-789',
      ...inputs
    })
  const sent = (path: string) => service.requests.filter(r => r.url.startsWith(`/api${path}`)).pop()!

  it('serializes label paths, deepObject, form explode false, exploded objects, spaceDelimited, headers and cookies', async () => {
    await run({ operations: 'search' })
    const request = sent('/search/')
    const url = new URL(request.url, 'http://x')
    expect(url.pathname).toBe('/api/search/.3.4')
    expect([...url.searchParams]).toEqual([
      ['tenant', 'acme'],
      ['filter[color]', 'red'],
      ['filter[size]', 'L'],
      ['tags', 'a,b'],
      ['x', '1'],
      ['y', '2'],
      ['words', 'hello world']
    ])
    expect(request.headers['x-flags']).toBe('fast,safe')
    expect(request.headers.cookie).toBe('session=abc')
  })

  it('generates values inside pattern, maxLength, multipleOf and exclusiveMinimum', async () => {
    await run({ operations: 'generated' })
    const url = new URL(sent('/generated').url, 'http://x')
    expect(url.searchParams.get('code')).toMatch(/^[A-Z]{3}-[0-9]{2}$/)
    expect(url.searchParams.get('short')!.length).toBeLessThanOrEqual(3)
    expect(Number(url.searchParams.get('step')) % 5).toBe(0)
    expect(Number(url.searchParams.get('step'))).toBeGreaterThanOrEqual(7)
    expect(Number(url.searchParams.get('above'))).toBeGreaterThan(10)
  })

  it('sends credentials per security scheme (API key in the query, bearer, basic), all masked', async () => {
    const result = await run({ operations: 'private\nbearer\nbasic' })
    expect(result.findings).toEqual([])
    expect(result.data!.operations).toMatchObject([
      { operation: 'GET /private (private)', status: 200, request: 'GET /private?tenant=acme&api_key=***' },
      { operation: 'GET /bearer (bearer)', status: 200 },
      { operation: 'GET /basic (basic)', status: 200 }
    ])
    expect(result.secrets).toEqual(
      expect.arrayContaining([
        'key-123',
        'tok-456',
        'ada:pw-789',
        Buffer.from('ada:pw-789').toString('base64')
      ])
    )
  })

  it('keeps the base URL’s query on every request', async () => {
    await run({ operations: 'private' })
    expect(new URL(sent('/private').url, 'http://x').searchParams.get('tenant')).toBe('acme')
  })

  it('a valid request answered 400 is positive-data-rejected, with a masked curl reproduction in the summary', async () => {
    const result = await run({ operations: 'refused\nprivate' })
    expect(result.findings.map(f => f.rule)).toEqual(['positive-data-rejected'])
    expect(result.findings[0]!.message).toContain(
      'GET /refused?tenant=acme&q=ok follows the spec, but the service answered 400'
    )
    const summary = JSON.stringify(result.sections)
    expect(summary).toContain("curl -sS -X GET '")
    expect(summary).toContain('/api/refused?tenant=acme&q=ok')
    expect(summary).not.toContain('key-123')
  })

  it('a response slower than max-response-time is a finding', async () => {
    const result = await run({ operations: 'slow', 'max-response-time': '50ms' })
    expect(result.findings.map(f => f.rule)).toEqual(['response-too-slow'])
    expect(result.findings[0]!.message).toMatch(/took \d+ ms, more than max-response-time 50 ms/)
  })

  it('without credentials, protected operations answer 401 and the run does not pass', async () => {
    const result = await runGate(dir, {
      spec: 'openapi.yaml',
      'base-url': service.url,
      operations: 'private\nbearer\nbasic'
    })
    // 401 is not documented by these operations either: each is reported, and the run as a whole proved little.
    expect(result.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
      'error undocumented-status',
      'error undocumented-status',
      'error undocumented-status',
      'error unproven-check'
    ])
  })

  it('an auth line that is not `scheme: value` is an input error that does not echo the value', async () => {
    await expect(run({ auth: 'just-a-secret-token' })).rejects.toThrow(
      /auth.* line 1 is not 'scheme-name: value'$/
    )
    await expect(run({ auth: 'just-a-secret-token' })).rejects.not.toThrow(/just-a-secret/)
  })
})

describe('contract gate: opt-in negative checks', () => {
  const spec = `openapi: 3.0.3
info:
  title: Negative
  version: '1'
paths:
  /strict:
    get:
      operationId: strict
      parameters:
        - name: page
          in: query
          required: true
          schema:
            type: integer
          example: 2
      responses:
        '200':
          description: ok
        '400':
          description: bad
  /lenient:
    get:
      operationId: lenient
      parameters:
        - name: page
          in: query
          required: true
          schema:
            type: integer
          example: 2
      responses:
        '200':
          description: ok
`
  it('a service that accepts a request the spec forbids is negative-data-accepted; one that answers 400 passes', async () => {
    const service = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/strict' && !/^\d+$/.test(url.searchParams.get('page') ?? ''))
        return json(res, 400, {})
      res.writeHead(200).end()
    })
    try {
      const dir = workspace({ 'openapi.yaml': spec })
      const off = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url })
      expect(off.findings).toEqual([])
      const on = await runGate(dir, {
        spec: 'openapi.yaml',
        'base-url': service.url,
        'negative-checks': 'true'
      })
      expect(on.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
        "negative-data-accepted lenient: GET /lenient?page=not-a-number breaks the spec (query parameter 'page' sent as text (the spec says integer)), but the service answered 200, not a 4xx"
      ])
      expect(service.requests.map(r => r.url)).toContain('/strict?page=not-a-number')
    } finally {
      await service.close()
    }
  })
})

describe('contract gate: curl reproductions never carry a secret', () => {
  it('a token in the base-url query is redacted in the curl command', async () => {
    const { curlCommand } = await import('../../src/gates/contract/verify.js')
    const command = curlCommand(
      {
        method: 'GET',
        url: 'http://127.0.0.1:1/a?access_token=tok_SECRET_1&q=1',
        display: 'GET /a',
        headers: { authorization: 'Bearer tok_SECRET_2', accept: '*/*' },
        body: undefined
      },
      ['Bearer tok_SECRET_2', 'tok_SECRET_2']
    )
    expect(command).not.toContain('SECRET')
    expect(command).toContain("-H 'authorization: ***'")
  })
})

describe('contract gate: live failures that prove nothing pass', () => {
  const spec = (extra: string) => `openapi: 3.0.3
info:
  title: Edge
  version: '1'
paths:
${extra}`
  it('a JSON response that does not parse is invalid-json; a schema the engine refuses is schema-not-compilable', async () => {
    const service = await startServer((req, res) => {
      if (req.url === '/broken')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": 1,')
      json(res, 200, { code: 'abc1' })
    })
    try {
      const dir = workspace({
        'openapi.yaml': spec(`  /broken:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
  /lookahead:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  code:
                    type: string
                    pattern: '^(?=.*[0-9]).+$'
`)
      })
      const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url })
      expect(result.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
        'warning unsafe-pattern',
        'error invalid-json',
        'error schema-not-compilable'
      ])
    } finally {
      await service.close()
    }
  })

  it('when no selected operation can be sent (all unsafe), no-operation-verified says so', async () => {
    const dir = workspace({
      'openapi.yaml': spec(`  /items:
    post:
      responses:
        '201':
          description: created
`)
    })
    const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': 'http://127.0.0.1:9' })
    expect(result.findings.map(f => f.rule)).toEqual(['no-operation-verified'])
  })
})
