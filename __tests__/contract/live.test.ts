import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import * as path from 'node:path'
import { json, lineOf, OAS_EXAMPLES, REPO_ROOT, runGate, startServer, workspace } from './harness.js'

const SPEC = `openapi: 3.0.3
info:
  title: Live
  version: '1'
tags:
  - name: broken
paths:
  /ok/{id}:
    get:
      operationId: getOk
      parameters:
        - name: id
          in: path
          required: true
          example: 7
          schema:
            type: integer
        - name: expand
          in: query
          schema:
            type: string
            enum: [orders, none]
      responses:
        '200':
          description: fine
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
  /wrong-type:
    get:
      operationId: wrongType
      tags: [broken]
      responses:
        '200':
          description: user
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
  /missing-required:
    get:
      operationId: missingRequired
      tags: [broken]
      responses:
        '200':
          description: user
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
  /undocumented-status:
    get:
      operationId: undocumentedStatus
      tags: [broken]
      responses:
        '200':
          description: ok
  /wrong-content-type:
    get:
      operationId: wrongContentType
      tags: [broken]
      responses:
        '200':
          description: json only
          content:
            application/json:
              schema:
                type: object
  /missing-header:
    get:
      operationId: missingHeader
      tags: [broken]
      responses:
        '200':
          description: with a header
          headers:
            X-Request-Id:
              required: true
              schema:
                type: string
            X-Rate-Remaining:
              schema:
                type: integer
  /crash:
    get:
      operationId: crash
      tags: [broken]
      responses:
        '200':
          description: ok
        '500':
          description: documented, still a failure
  /users:
    post:
      operationId: createUser
      requestBody:
        required: true
        content:
          application/json:
            example: {name: Grace, email: grace@example.com}
            schema:
              $ref: '#/components/schemas/User'
      responses:
        '201':
          description: created
components:
  schemas:
    User:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
          readOnly: true
        name:
          type: string
        nickname:
          type: string
          nullable: true
        email:
          type: string
          format: email
`

const USER = { id: 7, name: 'Ada', nickname: null, email: 'ada@example.com' }

describe('contract gate: live verification against a loopback service that breaks the spec in known ways', () => {
  let service: Awaited<ReturnType<typeof startServer>>
  let dir: string

  beforeAll(async () => {
    dir = workspace({ 'openapi.yaml': SPEC })
    service = await startServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x')
      switch (url.pathname) {
        case '/ok/7':
          return json(res, 200, USER)
        case '/wrong-type':
          return json(res, 200, { ...USER, id: '7' })
        case '/missing-required':
          return json(res, 200, { id: 7, email: 'not-an-email' })
        case '/undocumented-status':
          return json(res, 418, { error: 'teapot' })
        case '/wrong-content-type':
          return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>')
        case '/missing-header':
          return void res.writeHead(200, { 'x-rate-remaining': 'many' }).end()
        case '/crash':
          return json(res, 500, { error: 'boom' })
        case '/users':
          return json(res, 201, USER)
        case '/slow':
          await new Promise(resolve => setTimeout(resolve, 1500))
          return json(res, 200, USER)
        default:
          return json(res, 404, {})
      }
    })
  })
  afterAll(() => service.close())

  it('reports each violation at the spec line of the rejecting schema, naming operation, request and JSON pointer', async () => {
    const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url })
    const byRule = result.findings.map(f => `${f.rule} ${f.line} ${f.message}`)
    const userLine = (needle: string) => lineOf(SPEC, needle, '    User:')
    expect(byRule).toEqual([
      `response-schema-mismatch ${userLine('type: integer')} wrongType: GET /wrong-type → 200: /id must be integer (got string); rejected by the schema at openapi.yaml:${userLine('type: integer')}`,
      `response-schema-mismatch ${userLine('required: [id, name]')} missingRequired: GET /missing-required → 200: /name is required but missing; rejected by the schema at openapi.yaml:${userLine('required: [id, name]')}`,
      `response-schema-mismatch ${userLine('format: email')} missingRequired: GET /missing-required → 200: /email must match format "email" (got "not-an-email"); rejected by the schema at openapi.yaml:${userLine('format: email')}`,
      `undocumented-status ${lineOf(SPEC, 'responses:', 'undocumentedStatus')} undocumentedStatus: GET /undocumented-status → 418: status 418 is not documented (documented: 200)`,
      `positive-data-rejected ${lineOf(SPEC, 'get:', '/undocumented-status')} undocumentedStatus: GET /undocumented-status follows the spec, but the service answered 418; the spec allows what the service refuses (or the service is wrong)`,
      `undocumented-content-type ${lineOf(SPEC, 'content:', 'wrongContentType')} wrongContentType: GET /wrong-content-type → 200: Content-Type text/html is not documented (expected application/json)`,
      `missing-response-header ${lineOf(SPEC, 'X-Request-Id:')} missingHeader: GET /missing-header → 200: required header X-Request-Id is missing`,
      `response-header-mismatch ${lineOf(SPEC, 'type: integer', 'X-Rate-Remaining')} missingHeader: GET /missing-header → 200: header X-Rate-Remaining must be integer (got string); rejected by the schema at openapi.yaml:${lineOf(SPEC, 'type: integer', 'X-Rate-Remaining')}`,
      `server-error ${lineOf(SPEC, 'get:', '/crash:')} crash: GET /crash → 500: the service failed with a server error`
    ])
    expect(result.findings.every(f => f.severity === 'error' && f.file === 'openapi.yaml')).toBe(true)
    expect(result.outputs).toEqual({
      'breaking-changes': '0',
      violations: '6',
      'operations-checked': '7',
      'consumer-interactions': '0'
    })
    // Examples drive the request: path parameter 7; optional query parameters without examples are left out.
    expect(service.requests.map(r => `${r.method} ${r.url}`)).toContain('GET /ok/7')
    expect(service.requests.some(r => r.method === 'POST')).toBe(false)
    const checks = result.data!.operations as {
      operation: string
      outcome: string
      reason?: string
      violations: { pointer?: string }[]
    }[]
    expect(checks.find(c => c.operation === 'POST /users (createUser)')).toMatchObject({
      outcome: 'skipped',
      reason: 'POST is not sent unless unsafe-methods is true'
    })
    expect(
      checks
        .find(c => c.operation === 'GET /missing-required (missingRequired)')!
        .violations.map(v => v.pointer)
    ).toEqual(['/name', '/email'])
  })

  it('sends unsafe methods with the example body only when allowed, with the headers given (masked)', async () => {
    const before = service.requests.length
    const result = await runGate(dir, {
      spec: 'openapi.yaml',
      'base-url': service.url,
      'unsafe-methods': 'true',
      operations: 'createUser\ngetOk',
      headers: 'Authorization: Bearer s3cr3t-token\nX-Tenant: acme'
    })
    const sent = service.requests.slice(before)
    // getOk: the example, then each member of the optional `expand` enum (max-requests-per-operation 5).
    expect(sent.map(r => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /ok/7',
      'GET /ok/7?expand=none',
      'GET /ok/7?expand=orders',
      'POST /users'
    ])
    const post = sent.find(r => r.method === 'POST')!
    expect(JSON.parse(post.body)).toEqual({ name: 'Grace', email: 'grace@example.com' })
    expect(post.headers['content-type']).toBe('application/json')
    expect(post.headers.authorization).toBe('Bearer s3cr3t-token')
    expect(result.findings).toEqual([])
    // The credentials alone are masked too: a service that echoes the token prints it without 'Bearer'.
    expect(result.secrets).toEqual(['Bearer s3cr3t-token', 's3cr3t-token', 'acme'])
    expect(JSON.stringify(result)).not.toContain('s3cr3t-token", "')
    expect(JSON.stringify({ ...result, secrets: [] })).not.toContain('s3cr3t')
  })

  it('filters operations by tag and exclusion, and warns about a filter that matches nothing', async () => {
    const result = await runGate(dir, {
      spec: 'openapi.yaml',
      'base-url': service.url,
      operations: 'tag:broken\n!crash\n!/wrong-*\nnoSuchOperation'
    })
    expect(result.outputs['operations-checked']).toBe('3')
    expect(result.findings.map(f => f.rule)).toEqual([
      'operation-filter-unmatched',
      'response-schema-mismatch',
      'response-schema-mismatch',
      'undocumented-status',
      // The request followed the spec, and the service refused it with a 4xx (Schemathesis' positive_data_acceptance).
      'positive-data-rejected',
      'missing-response-header',
      'response-header-mismatch'
    ])
    expect(result.findings[0]).toMatchObject({
      severity: 'warning',
      message: "the operations filter 'noSuchOperation' matches no operation in openapi.yaml"
    })
  })

  it('fails on a response slower than request-timeout', async () => {
    const spec = SPEC.replace(
      '  /crash:',
      "  /slow:\n    get:\n      operationId: slow\n      responses:\n        '200':\n          description: eventually\n  /crash:"
    )
    const result = await runGate(workspace({ 'openapi.yaml': spec }), {
      spec: 'openapi.yaml',
      'base-url': service.url,
      operations: 'slow\ngetOk',
      'request-timeout': '300ms'
    })
    expect(result.findings.map(f => `${f.severity} ${f.rule} ${f.line} ${f.message}`)).toEqual([
      `error request-timeout ${lineOf(spec, 'get:', '/slow:')} slow: GET /slow: no answer within 300ms`
    ])
  })
})

describe('contract gate: live verification edge cases', () => {
  it('an unreachable base-url fails the gate with one clear finding', async () => {
    const port = await new Promise<number>(resolve => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const result = await runGate(workspace({ 'openapi.yaml': SPEC }), {
      spec: 'openapi.yaml',
      'base-url': `http://127.0.0.1:${port}`
    })
    expect(result.findings.map(f => `${f.severity} ${f.rule} ${f.message}`)).toEqual([
      `error service-unreachable base-url http://127.0.0.1:${port} is unreachable: connection failed (ECONNREFUSED); no operation could be verified`
    ])
  })

  it('warns that the check proved little when most responses are 401/403', async () => {
    const service = await startServer((_req, res) => json(res, 401, { error: 'login' }))
    try {
      const spec = SPEC.replace(
        '  /wrong-type:',
        "        '401':\n          description: login first\n  /wrong-type:"
      )
      const result = await runGate(workspace({ 'openapi.yaml': spec }), {
        spec: 'openapi.yaml',
        'base-url': service.url,
        operations: 'getOk\nwrongType\nmissingRequired'
      })
      expect(result.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
        'error undocumented-status',
        'error undocumented-status',
        // Mostly 4xx never passes: an error, not a warning.
        'error unproven-check'
      ])
      expect(result.findings[2]!.message).toBe(
        // getOk sends three requests (its example, then each `expand` enum member).
        '5 of 5 responses were 4xx, so the check proved little: authentication is missing or insufficient: pass credentials per security scheme with `auth` (or `headers`)'
      )
    } finally {
      await service.close()
    }
  })

  it('validates OpenAPI 3.1 (JSON Schema 2020-12) through a schema in another file, citing that file', async () => {
    const service = await startServer((_req, res) =>
      json(res, 200, { tags: ['a', 3], parent: { tags: [], parent: { tags: [1] } } })
    )
    try {
      const dir = workspace({
        'openapi.yaml': `openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /node:
    get:
      responses:
        '200':
          description: a node
          content:
            application/json:
              schema:
                $ref: 'schemas/node.yaml'
`,
        'schemas/node.yaml': `type: object
required: [tags]
properties:
  tags:
    type: array
    items:
      type: [string, 'null']
  parent:
    $ref: '#'
`
      })
      const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url })
      expect(result.findings.map(f => `${f.file}:${f.line} ${f.message}`)).toEqual([
        'schemas/node.yaml:7 GET /node: GET /node → 200: /tags/1 must be string or null (got integer); rejected by the schema at schemas/node.yaml:7',
        'schemas/node.yaml:7 GET /node: GET /node → 200: /parent/parent/tags/0 must be string or null (got integer); rejected by the schema at schemas/node.yaml:7'
      ])
    } finally {
      await service.close()
    }
  })
  it('validates a recursive schema (the circular $ref example) at every depth', async () => {
    // additionalProperties: false and the enum apply inside `inner` as much as at the top.
    const service = await startServer((_req, res) =>
      json(res, 404, {
        statusCode: 404,
        error: null,
        inner: { statusCode: '404', inner: { canBeRetried: 'Maybe', retryAfter: 3 } }
      })
    )
    try {
      const spec = readFileSync(path.join(OAS_EXAMPLES, '3.0/yaml/circular.yaml'), 'utf8')
      const result = await runGate(OAS_EXAMPLES, { spec: '3.0/yaml/circular.yaml', 'base-url': service.url })
      const at = (needle: string) => lineOf(spec, needle, 'ErrorMessage:')
      expect(result.findings.map(f => `${f.rule} ${f.line} ${f.message.split('; ')[0]}`)).toEqual([
        `response-schema-mismatch ${at('type: integer')} GET /anything: GET /anything → 404: /inner/statusCode must be integer (got string)`,
        `response-schema-mismatch ${at('additionalProperties: false')} GET /anything: GET /anything → 404: /inner/inner/retryAfter is not a documented property (additionalProperties: false)`,
        `response-schema-mismatch ${at('enum:')} GET /anything: GET /anything → 404: /inner/inner/canBeRetried must be one of "Unknown", "Yes", "No" (got "Maybe")`,
        `unproven-check ${lineOf(spec, 'paths:')} 1 of 1 responses were 4xx, so the check proved little: the examples point at data that does not exist: add examples with real ids`
      ])
    } finally {
      await service.close()
    }
  })
})

describe('contract gate: the example service', () => {
  let child: ChildProcess
  let url: string
  beforeAll(async () => {
    child = spawn(process.execPath, [path.join(REPO_ROOT, 'examples/service/server.mjs'), '--port', '0'], {
      env: { ...process.env, BREAK: 'drift', APP_VERSION: '9.9.9' }
    })
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        const match = text.match(/listening on (\S+)/)
        if (match) resolve(match[1]!)
      })
      child.on('exit', code => reject(new Error(`example service exited with ${code}`)))
    })
  })
  afterAll(() => {
    child.kill()
  })

  it('catches the drifted GET /users/{id} response (BREAK=drift) at the spec lines it violates', async () => {
    const spec = path.join(REPO_ROOT, 'examples/service/openapi.yaml')
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(spec, 'utf8')
    const result = await runGate(path.join(REPO_ROOT, 'examples/service'), {
      spec: 'openapi.yaml',
      'base-url': url
    })
    expect(result.findings.map(f => `${f.rule} ${f.line} ${f.message.split(';')[0]}`)).toEqual([
      `response-schema-mismatch ${lineOf(text, 'required: [name, email]')} getUser: GET /users/1 → 200: /email is required but missing`,
      `response-schema-mismatch ${lineOf(text, 'type: integer', '            id:')} getUser: GET /users/1 → 200: /id must be integer (got string)`
    ])
    expect(result.outputs).toEqual({
      'breaking-changes': '0',
      violations: '1',
      'operations-checked': '5',
      'consumer-interactions': '0'
    })
  })
})
