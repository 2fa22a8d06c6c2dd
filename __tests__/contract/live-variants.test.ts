/**
 * Several valid requests per operation: the first examples, each other documented example (parameter
 * `example`/`examples`, request body examples, schema examples), then values at the constraint boundaries,
 * at most max-requests-per-operation of them. A real loopback service that checks every value against the
 * constraints the spec states answers 400 to anything outside them, so a generated value the spec forbids
 * fails the test; a service that refuses a value its spec allows is positive-data-rejected, naming the request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { GateResult } from '../../src/types.js'
import { json, lineOf, runGate, startServer, workspace } from './harness.js'

const SPEC = `openapi: 3.0.3
info:
  title: Variants
  version: '1'
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            minimum: 1
            maximum: 50
          examples:
            small:
              value: 10
            large:
              value: 40
        - name: sort
          in: query
          schema:
            type: string
            enum: [asc, desc]
      responses:
        '200':
          description: ok
        '400':
          description: bad request
  /bounds:
    get:
      operationId: bounds
      parameters:
        - name: step
          in: query
          required: true
          schema:
            type: integer
            minimum: 7
            maximum: 33
            multipleOf: 5
        - name: above
          in: query
          required: true
          schema:
            type: number
            minimum: 10
            exclusiveMinimum: true
            maximum: 20
            exclusiveMaximum: true
        - name: code
          in: query
          required: true
          schema:
            type: string
            pattern: '^[A-Z]+$'
            minLength: 2
            maxLength: 6
        - name: ids
          in: query
          required: true
          explode: false
          schema:
            type: array
            minItems: 2
            maxItems: 4
            items:
              type: integer
          example: [1, 2, 3]
      responses:
        '200':
          description: ok
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [sku]
              properties:
                sku:
                  type: string
                qty:
                  type: integer
                  minimum: 1
            examples:
              one:
                value: {sku: A1, qty: 1}
              many:
                value: {sku: B2, qty: 12}
              invalid:
                value: {qty: 0}
      responses:
        '201':
          description: created
`

/** The constraints the spec states, checked the way a real service would (no generator code reused). */
function withinSpec(url: URL): string | undefined {
  const q = url.searchParams
  if (url.pathname === '/items') {
    const limit = q.get('limit')
    if (limit !== null && !(Number.isInteger(Number(limit)) && +limit >= 1 && +limit <= 50)) return 'limit'
    if (q.has('sort') && !['asc', 'desc'].includes(q.get('sort')!)) return 'sort'
  }
  if (url.pathname === '/bounds') {
    const step = Number(q.get('step'))
    if (!(Number.isInteger(step) && step >= 7 && step <= 33 && step % 5 === 0)) return 'step'
    const above = Number(q.get('above'))
    if (!(above > 10 && above < 20)) return 'above'
    if (!/^[A-Z]{2,6}$/.test(q.get('code') ?? '')) return 'code'
    const ids = (q.get('ids') ?? '').split(',')
    if (!(ids.length >= 2 && ids.length <= 4 && ids.every(id => /^\d+$/.test(id)))) return 'ids'
  }
  return undefined
}

let service: Awaited<ReturnType<typeof startServer>>
let dir: string
beforeAll(async () => {
  dir = workspace({ 'openapi.yaml': SPEC })
  service = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const wrong = withinSpec(url)
    if (wrong) return json(res, 400, { error: `${wrong} out of range` })
    // The service's own off-by-one: the spec allows limit=50, the service stops at 49.
    if (url.searchParams.get('limit') === '50') return json(res, 400, { error: 'limit too large' })
    if (req.method === 'POST') {
      const order = JSON.parse(body) as { sku?: unknown; qty?: unknown }
      if (typeof order.sku !== 'string' || (order.qty !== undefined && Number(order.qty) < 1))
        return json(res, 400, { error: 'bad order' })
      res.writeHead(201).end()
      return
    }
    res.writeHead(200).end()
  })
})
afterAll(() => service.close())

/** The errors (the spec's invalid body example is a warning every run reports). */
function errors(result: GateResult) {
  return result.findings.filter(f => f.severity === 'error')
}

/** Runs the gate and returns what it sent (method + URL, in order of the requests' URLs) and its result. */
async function run(inputs: Record<string, string>): Promise<{ sent: string[]; result: GateResult }> {
  const before = service.requests.length
  const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url, ...inputs })
  const sent = service.requests.slice(before).map(r => `${r.method} ${decodeURIComponent(r.url)}`)
  return { sent: sent.sort(), result }
}

describe('contract gate: several requests per operation', () => {
  it('sends the documented examples, then the boundaries; a boundary the service refuses is positive-data-rejected, naming that request', async () => {
    const { sent, result } = await run({ operations: 'listItems', 'max-requests-per-operation': '10' })
    expect(sent).toEqual([
      'GET /items?limit=1',
      'GET /items?limit=10',
      'GET /items?limit=10&sort=asc',
      'GET /items?limit=10&sort=desc',
      'GET /items?limit=40',
      'GET /items?limit=50'
    ])
    expect(errors(result).map(f => `${f.severity} ${f.rule} ${f.file}:${f.line}`)).toEqual([
      `error positive-data-rejected openapi.yaml:${lineOf(SPEC, 'get:')}`
    ])
    expect(errors(result)[0]!.message).toBe(
      'listItems: GET /items?limit=50 [limit = 50 (maximum)] follows the spec, but the service answered 400; the spec allows what the service refuses (or the service is wrong)'
    )
    // One JUnit test case per request, each named by what it tries; only the refused one fails.
    expect(result.checks!.filter(c => c.group === 'live').map(c => [c.name, c.findings.length])).toEqual([
      ['GET /items (listItems): first examples', 0],
      ["GET /items (listItems): limit = 40 (example 'large')", 0],
      ['GET /items (listItems): limit = 1 (minimum)', 0],
      ['GET /items (listItems): limit = 50 (maximum)', 1],
      ['GET /items (listItems): sort = asc (enum member)', 0],
      ['GET /items (listItems): sort = desc (enum member)', 0]
    ])
    expect(result.outputs).toMatchObject({ 'operations-checked': '1', violations: '1' })
    const section = result.sections.find(s => s.heading === 'Live verification')!
    expect(section.blocks[0]).toEqual({
      kind: 'text',
      text: `6 requests for 1 operations to ${service.url}, 1 responses did not match the spec.`
    })
    const table = section.blocks[1] as { kind: 'table'; rows: string[][] }
    expect(table.rows.map(row => [row[1], row[2], row[4]])).toEqual([
      ['GET /items?limit=10 — first examples', '200', '✅ passed'],
      ["GET /items?limit=40 — limit = 40 (example 'large')", '200', '✅ passed'],
      ['GET /items?limit=1 — limit = 1 (minimum)', '200', '✅ passed'],
      ['GET /items?limit=50 — limit = 50 (maximum)', '400', '❌ failed positive-data-rejected'],
      ['GET /items?limit=10&sort=asc — sort = asc (enum member)', '200', '✅ passed'],
      ['GET /items?limit=10&sort=desc — sort = desc (enum member)', '200', '✅ passed']
    ])
    const curl = section.blocks.find(b => b.kind === 'code') as { text: string }
    expect(curl.text).toBe(
      `# GET /items (listItems): limit = 50 (maximum)\ncurl -sS -X GET '${service.url}/items?limit=50' -H 'accept: */*'`
    )
  })

  it('stops at max-requests-per-operation (default 5), documented examples first', async () => {
    const capped = await run({ operations: 'listItems', 'max-requests-per-operation': '2' })
    expect(capped.sent).toEqual(['GET /items?limit=10', 'GET /items?limit=40'])
    expect(errors(capped.result)).toEqual([])
    const byDefault = await run({ operations: 'listItems' })
    expect(byDefault.sent).toEqual([
      'GET /items?limit=1',
      'GET /items?limit=10',
      'GET /items?limit=10&sort=asc',
      'GET /items?limit=40',
      'GET /items?limit=50'
    ])
    // One request: the test case keeps the operation's name alone, as before this input existed.
    const single = await run({ operations: 'listItems', 'max-requests-per-operation': '1' })
    expect(single.sent).toEqual(['GET /items?limit=10'])
    expect(single.result.checks!.filter(c => c.group === 'live').map(c => c.name)).toEqual([
      'GET /items (listItems)'
    ])
  })

  it('refuses a max-requests-per-operation outside 1–100, naming the input', async () => {
    await expect(run({ 'max-requests-per-operation': '0' })).rejects.toThrow(/max-requests-per-operation/)
  })

  it('boundary values honour exclusive bounds, multipleOf, pattern with minLength/maxLength, minItems/maxItems', async () => {
    const { sent, result } = await run({ operations: 'bounds', 'max-requests-per-operation': '20' })
    // Every value the service's own range checks accept (a value outside them would be a 400 finding).
    expect(errors(result)).toEqual([])
    const names = result.checks!.filter(c => c.group === 'live').map(c => c.name.replace(/^.*: /, ''))
    // The plain request already sits on the lower bounds (step 10, above 11, code AA): not sent twice.
    expect(names).toEqual([
      'first examples',
      'step = 30 (maximum)',
      'above = 19 (just below exclusiveMaximum)',
      'code = AAAAAA (maxLength)',
      'ids = 2 items (minItems)',
      'ids = 4 items (maxItems)'
    ])
    expect(sent).toEqual([
      'GET /bounds?step=10&above=11&code=AA&ids=1,2',
      'GET /bounds?step=10&above=11&code=AA&ids=1,2,3',
      'GET /bounds?step=10&above=11&code=AA&ids=1,2,3,1',
      'GET /bounds?step=10&above=11&code=AAAAAA&ids=1,2,3',
      'GET /bounds?step=10&above=19&code=AA&ids=1,2,3',
      'GET /bounds?step=30&above=11&code=AA&ids=1,2,3'
    ])
  })

  it('sends each valid request body example with unsafe-methods, skips an example its schema rejects, and nothing unsafe by default', async () => {
    const safe = await run({ operations: 'createOrder' })
    expect(safe.sent).toEqual([])
    const before = service.requests.length
    const { result } = await run({ operations: 'createOrder', 'unsafe-methods': 'true' })
    const bodies = service.requests.slice(before).map(r => JSON.parse(r.body) as unknown)
    expect(bodies).toEqual([
      { sku: 'A1', qty: 1 },
      { sku: 'B2', qty: 12 }
    ])
    expect(errors(result)).toEqual([])
    // The example its schema rejects is not sent; the spec check says why, at its line.
    expect(result.findings.map(f => `${f.severity} ${f.rule} ${f.line}`)).toEqual([
      `warning example-invalid ${lineOf(SPEC, 'value: {qty: 0}')}`
    ])
    expect(result.checks!.filter(c => c.group === 'live').map(c => c.name)).toEqual([
      'POST /orders (createOrder): first examples',
      "POST /orders (createOrder): body: example 'many'"
    ])
  })

  it('masks credentials in the curl of a refused boundary request', async () => {
    const { result } = await run({
      operations: 'listItems',
      'max-requests-per-operation': '4',
      headers: 'Authorization: Bearer tok-variant-9'
    })
    expect(errors(result).map(f => f.rule)).toEqual(['positive-data-rejected'])
    const section = result.sections.find(s => s.heading === 'Live verification')!
    const curl = section.blocks.find(b => b.kind === 'code') as { text: string }
    expect(curl.text).toContain("-H 'authorization: ***'")
    expect(JSON.stringify(result.sections)).not.toContain('tok-variant-9')
  })
})
