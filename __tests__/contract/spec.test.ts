import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { lineOf, located, OAS_EXAMPLES, runGate, unpackFixture, workspace } from './harness.js'

const MINIMAL = `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
components:
  schemas:
    User:
      type: object
      properties:
        id:
          type: integer
`

describe('contract gate: real public specs parse and validate cleanly', () => {
  it('accepts the OpenAPI 3.0 and 3.1 Petstore examples', async () => {
    const v30 = await runGate(OAS_EXAMPLES, { spec: '3.0/yaml/petstore.yaml' })
    expect(v30.findings).toEqual([])
    expect(v30.scope).toBe('3.0/yaml/petstore.yaml (OpenAPI 3.0.0, 20 operations)')
    const v31 = await runGate(OAS_EXAMPLES, { spec: '3.1/yaml/petstore.yaml' })
    expect(v31.findings).toEqual([])
    expect(v31.scope).toBe('3.1/yaml/petstore.yaml (OpenAPI 3.1.0, 20 operations)')
  })

  it('accepts the OpenAPI 3.1 webhooks example (no paths), and rejects it without webhooks or components', async () => {
    const result = await runGate(OAS_EXAMPLES, { spec: '3.1/yaml/webhooks.yaml' })
    expect(result.findings).toEqual([])
    expect(result.scope).toBe('3.1/yaml/webhooks.yaml (OpenAPI 3.1.0, 0 operations)')
    const text = readFileSync(path.join(OAS_EXAMPLES, '3.1/yaml/webhooks.yaml'), 'utf8')
    const headerOnly = text.slice(0, text.indexOf('webhooks:'))
    const findings = (await runGate(workspace({ 'openapi.yaml': headerOnly }), { spec: 'openapi.yaml' }))
      .findings
    expect(findings.map(f => `${f.rule}:${f.line} ${f.message}`)).toEqual([
      'spec-invalid:1 an OpenAPI 3.1 document needs at least one of `paths`, `webhooks` or `components`'
    ])
  })

  it('accepts the circular $ref example (a schema that contains itself)', async () => {
    const result = await runGate(OAS_EXAMPLES, { spec: '3.0/yaml/circular.yaml' })
    expect(result.findings).toEqual([])
    expect(result.scope).toBe('3.0/yaml/circular.yaml (OpenAPI 3.0.1, 1 operations)')
  })

  it("accepts GitHub's 13 MB REST API description (1,223 operations) within seconds", async () => {
    const file = unpackFixture('api.github.com.json.gz')
    const started = Date.now()
    const result = await runGate(path.dirname(file), { spec: path.basename(file) })
    // No error. Warnings: GitHub's two pairs of paths that differ only in parameter names (GET on one, DELETE
    // on the other), and response examples that drifted from their schemas (a property the schema requires
    // missing from the example), as many as the example time budget reaches.
    expect(result.findings.filter(f => f.severity === 'error')).toEqual([])
    expect(result.findings.filter(f => f.rule === 'ambiguous-paths').map(f => f.line)).toEqual([21973, 90047])
    expect(new Set(result.findings.map(f => f.rule))).toEqual(new Set(['ambiguous-paths', 'example-invalid']))
    expect(result.scope).toMatch(/^api\.github\.com\.json \(OpenAPI 3\.0\.3, 1223 operations/)
    // About 4 s bundled on an idle core; ts-jest on a shared 2-core machine is several times slower.
    expect(Date.now() - started).toBeLessThan(40_000)
  })

  it('finds openapi.yaml in the working directory when spec is not given', async () => {
    const dir = workspace({ 'openapi.yaml': MINIMAL })
    const result = await runGate(dir, {})
    expect(result.scope).toBe('openapi.yaml (OpenAPI 3.0.3, 1 operations)')
  })
})

describe('contract gate: a spec that does not parse fails the gate at its line', () => {
  it('reports a YAML syntax error at file:line:column', async () => {
    const text = MINIMAL.replace(
      '      operationId: getUser\n',
      '      operationId: getUser\n     summary: bad indent\n'
    )
    const dir = workspace({ 'openapi.yaml': text })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(result.findings).toHaveLength(1)
    const [finding] = result.findings
    expect(finding).toMatchObject({
      rule: 'spec-parse-error',
      severity: 'error',
      file: 'openapi.yaml',
      line: lineOf(text, 'summary: bad indent')
    })
    expect(finding!.message).toMatch(/^openapi\.yaml:\d+:\d+: not valid YAML: /)
    expect(result.outputs['breaking-changes']).toBe('0')
  })

  it('reports a JSON syntax error at its line', async () => {
    const text =
      '{\n  "openapi": "3.0.3",\n  "info": {"title": "T", "version": "1"},\n  "paths": {\n    "/a": {,}\n  }\n}\n'
    const dir = workspace({ 'openapi.json': text })
    const result = await runGate(dir, { spec: 'openapi.json' })
    expect(located(result)).toEqual(['spec-parse-error openapi.json:5'])
  })

  it('reports a duplicated key (as in a vandalised copy of petstore-expanded) at the duplicate', async () => {
    const text = MINIMAL.replace(
      '      operationId: getUser\n',
      '      operationId: getUser\n      operationId: fetchUser\n'
    )
    const dir = workspace({ 'openapi.yaml': text })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual([`spec-parse-error openapi.yaml:${lineOf(text, 'fetchUser')}`])
    expect(result.findings[0]!.message).toContain('duplicated mapping key')
  })

  it('refuses a spec over the 50 MB spec limit with a size error, before reading it', async () => {
    const dir = workspace()
    writeFileSync(
      path.join(dir, 'huge.json'),
      '{"openapi": "3.0.3", "x": "' + 'a'.repeat(51 * 1024 * 1024) + '"}'
    )
    await expect(runGate(dir, { spec: 'huge.json' })).rejects.toThrow(
      'huge.json: file is 51.0 MB, larger than the 50 MB limit for spec files'
    )
  })

  it('names a missing spec file', async () => {
    await expect(runGate(workspace(), { spec: 'nope.yaml' })).rejects.toThrow('nope.yaml: file not found')
  })
})

describe('contract gate: $ref resolution', () => {
  it('reports a dangling $ref at the line of the $ref', async () => {
    const text = MINIMAL.replace("$ref: '#/components/schemas/User'", "$ref: '#/components/schemas/Usr'")
    const dir = workspace({ 'openapi.yaml': text })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual([`dangling-ref openapi.yaml:${lineOf(text, 'schemas/Usr')}`])
    expect(result.findings[0]!.message).toBe(
      "$ref '#/components/schemas/Usr' points at nothing in openapi.yaml"
    )
  })

  it('follows refs across files, with ~1-escaped and percent-encoded pointers', async () => {
    const dir = workspace({
      'api/openapi.yaml': `openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /users/{id}:
    $ref: 'paths.yaml#/~1users~1%7Bid%7D'
`,
      'api/paths.yaml': `/users/{id}:
  get:
    parameters:
      - $ref: '#/params/id'
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema:
              $ref: 'schemas/user.yaml'
params:
  id: {name: id, in: path, required: true, schema: {type: integer}}
`,
      'api/schemas/user.yaml':
        'type: object\nproperties:\n  manager:\n    $ref: "#"\n  missing:\n    $ref: "./nowhere.yaml#/X"\n'
    })
    const result = await runGate(dir, { spec: 'api/openapi.yaml' })
    expect(located(result)).toEqual(['dangling-ref api/schemas/user.yaml:6'])
    expect(result.findings[0]!.message).toMatch(
      /^\$ref '\.\/nowhere\.yaml#\/X' names a file that cannot be read: .*nowhere\.yaml: file not found$/
    )
    expect(result.scope).toBe('api/openapi.yaml (OpenAPI 3.0.3, 1 operations, 3 files)')
  })

  it('handles recursive schemas without hanging', async () => {
    const text = MINIMAL.replace(
      '      properties:\n        id:\n          type: integer\n',
      "      properties:\n        id:\n          type: integer\n        parent:\n          $ref: '#/components/schemas/User'\n        children:\n          type: array\n          items:\n            allOf:\n              - $ref: '#/components/schemas/User'\n"
    )
    const dir = workspace({
      'openapi.yaml': text,
      'head.yaml': text.replace('type: integer\n        parent', 'type: string\n        parent')
    })
    const result = await runGate(dir, { spec: 'head.yaml', 'base-spec': 'openapi.yaml' })
    expect(located(result)).toEqual([
      `response-type-changed head.yaml:${lineOf(text, 'type: integer', 'User:')}`
    ])
  })

  it('refuses remote refs (nothing leaves loopback)', async () => {
    const text = MINIMAL.replace("$ref: '#/components/schemas/User'", "$ref: 'https://example.com/user.yaml'")
    const result = await runGate(workspace({ 'openapi.yaml': text }), { spec: 'openapi.yaml' })
    expect(located(result)).toEqual([`unsupported-ref openapi.yaml:${lineOf(text, 'https://example.com')}`])
  })
})

describe('contract gate: structural validation names the mistake and its line', () => {
  const check = async (text: string) =>
    (await runGate(workspace({ 'openapi.yaml': text }), { spec: 'openapi.yaml' })).findings

  it('flags an unquoted numeric info.version', async () => {
    const text = MINIMAL.replace("version: '1'", 'version: 1.0')
    expect(await check(text)).toEqual([
      expect.objectContaining({
        rule: 'spec-invalid',
        line: 4,
        message: "'/info/version' must be a string (got 1; quote it)"
      })
    ])
  })

  it('flags a path placeholder without a path parameter, and a missing responses', async () => {
    const text = MINIMAL.replace('/users/{id}:', '/users/{userId}:').replace(
      / {6}responses:[\s\S]*?components:/,
      'components:'
    )
    const findings = await check(text)
    expect(findings.map(f => `${f.rule}:${f.line}`)).toEqual([
      `path-parameter-mismatch:${lineOf(text, 'get:')}`,
      `path-parameter-mismatch:${lineOf(text, '- name: id')}`,
      `spec-invalid:${lineOf(text, 'get:')}`
    ])
    expect(findings[0]!.message).toBe(
      "GET /users/{userId} has no path parameter 'userId' (declare it with in: path, required: true)"
    )
    expect(findings[2]!.message).toBe("missing required 'responses' in '/paths/~1users~1{userId}/get'")
  })

  it('flags duplicate operationIds, naming the first use', async () => {
    const text = MINIMAL.replace(
      'components:',
      "  /other:\n    get:\n      operationId: getUser\n      responses:\n        '204':\n          description: none\ncomponents:"
    )
    const findings = await check(text)
    expect(findings.map(f => `${f.rule}:${f.line}`)).toEqual([
      `duplicate-operation-id:${lineOf(text, 'operationId: getUser', '/other:')}`
    ])
    expect(findings[0]!.message).toBe(
      `operationId 'getUser' of GET /other is already used at openapi.yaml:${lineOf(text, 'operationId: getUser')}`
    )
  })

  it('explains type: null in OpenAPI 3.0 and rejects Swagger 2.0', async () => {
    const findings = await check(
      MINIMAL.replace('id:\n          type: integer', 'id:\n          type: "null"')
    )
    expect(findings[0]!.message).toBe(
      'schema type "null" is not one of string, number, integer, boolean, array, object (in OpenAPI 3.0 use nullable: true)'
    )
    const swagger = await check('swagger: "2.0"\ninfo: {title: T, version: "1"}\npaths: {}\n')
    expect(swagger.map(f => f.rule)).toEqual(['unsupported-openapi-version'])
  })

  it('places positions in a large JSON document on the right line', async () => {
    // The position map of a JSON document comes from a dedicated scanner: check it against the text.
    const file = unpackFixture('api.github.com.json.gz')
    const text = readFileSync(file, 'utf8')
    const { Spec } = await import('../../src/gates/contract/spec.js')
    const { fileReader } = await import('../../src/gates/contract/reader.js')
    const spec = await Spec.load(fileReader(path.dirname(file)), file)
    const line = spec.entry.locate(['paths', '/repos/{owner}/{repo}/issues', 'get', 'operationId']).line
    expect(text.split('\n')[line - 1]).toContain('"operationId": "issues/list-for-repo"')
  })
})
