/**
 * The whole document validated: the official OpenAPI 3.0/3.1 JSON Schemas at the exact line (with "did
 * you mean"), the semantic rules a schema cannot express, examples against their schemas, and a corpus of
 * real public specs with no false error and planted defects caught at their line.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { lineOf, OAS_EXAMPLES, runGate, unpackFixture, workspace } from './harness.js'

const SPEC_30 = `openapi: 3.0.3
info:
  title: Shop
  version: '1'
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
        - name: limit
          in: query
          required: false
          schema:
            type: integer
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
`

async function check(text: string, file = 'openapi.yaml') {
  const dir = workspace({ [file]: text })
  const result = await runGate(dir, { spec: file })
  return { result, findings: result.findings.map(f => `${f.severity} ${f.rule} ${f.line}`) }
}

describe('contract gate: the official OpenAPI schemas, at the exact line', () => {
  it.each([
    ['requried', '          required: false', '          requried: false', 'required'],
    ['contnet', '          content:', '          contnet:', 'content'],
    [
      'summery (operation)',
      '      operationId: getItem',
      '      operationId: getItem\n      summery: Get one',
      'summary'
    ],
    [
      'descripton (response)',
      '          description: ok',
      '          descripton: ok\n          description: ok',
      'description'
    ],
    ['operationID', '      operationId: getItem', '      operationID: getItem', 'operationId']
  ])('a misspelt `%s` is an unknown field with "did you mean"', async (name, from, to, suggestion) => {
    const text = SPEC_30.replace(from, to)
    const { result, findings } = await check(text)
    expect(findings).toEqual([`error unknown-field ${lineOf(text, `${name.split(' ')[0]}:`)}`])
    expect(result.findings[0]!.message).toContain(`did you mean \`${suggestion}\`?`)
  })

  it("a string `required: 'no'` is an error at its line", async () => {
    const text = SPEC_30.replace('          required: false', "          required: 'no'")
    const { result, findings } = await check(text)
    expect(findings).toEqual([`error spec-invalid ${lineOf(text, "required: 'no'")}`])
    expect(result.findings[0]!.message).toMatch(/must be boolean, got "no"/)
  })

  it('3.1: a boolean exclusiveMinimum (3.0 style) is an error at its line', async () => {
    const text = SPEC_30.replace('openapi: 3.0.3', 'openapi: 3.1.0').replace(
      '          schema:\n            type: integer\n      responses',
      '          schema:\n            type: integer\n            minimum: 0\n            exclusiveMinimum: true\n      responses'
    )
    const { result, findings } = await check(text)
    expect(findings).toEqual([`error spec-invalid ${lineOf(text, 'exclusiveMinimum: true')}`])
    expect(result.findings[0]!.message).toMatch(/exclusiveMinimum' must be number, got true/)
  })

  it('3.0: the same boolean exclusiveMinimum is valid', async () => {
    const text = SPEC_30.replace(
      '          schema:\n            type: integer\n      responses',
      '          schema:\n            type: integer\n            minimum: 0\n            exclusiveMinimum: true\n      responses'
    )
    expect((await check(text)).findings).toEqual([])
  })

  it('an unknown parameter location and a bad style are reported once each, not per oneOf branch', async () => {
    const text = SPEC_30.replace(
      '          in: query\n',
      '          in: query\n          style: deepObjekt\n'
    )
    const { findings } = await check(text)
    expect(findings).toEqual([`error spec-invalid ${lineOf(text, 'style: deepObjekt')}`])
  })

  it('extensions (x-…) are fine anywhere the schema allows them', async () => {
    const text = SPEC_30.replace(
      '      operationId: getItem',
      '      operationId: getItem\n      x-internal: true'
    )
    expect((await check(text)).findings).toEqual([])
  })

  it('Swagger 2.0 gets a clear message (convert it: the gate reports lines of the file you wrote)', async () => {
    const { result } = await check('swagger: "2.0"\ninfo:\n  title: T\n  version: "1"\npaths: {}\n')
    expect(result.findings.map(f => `${f.rule} ${f.line} ${f.message}`)).toEqual([
      'unsupported-openapi-version 1 Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 or 3.1'
    ])
  })
})

describe('contract gate: semantic rules', () => {
  it('a security requirement naming an undefined scheme', async () => {
    const text =
      SPEC_30.replace(
        '      operationId: getItem\n',
        '      operationId: getItem\n      security:\n        - bearer: []\n'
      ) +
      'components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      in: header\n      name: X-Key\n'
    const { result, findings } = await check(text)
    expect(findings).toEqual([`error undefined-security-scheme ${lineOf(text, '- bearer: []')}`])
    expect(result.findings[0]!.message).toContain(
      "names 'bearer', which components.securitySchemes does not define (defined: apiKey)"
    )
  })

  it('a path template naming a parameter twice', async () => {
    const text = SPEC_30.replace('/items/{id}:', '/items/{id}/parts/{id}:')
    const { findings } = await check(text)
    expect(findings).toContain(`error path-parameter-mismatch ${lineOf(text, '/items/{id}/parts/{id}:')}`)
  })

  it('a template parameter not declared', async () => {
    const text = SPEC_30.replace('/items/{id}:', '/items/{id}/{part}:')
    const { findings } = await check(text)
    expect(findings).toEqual([`error path-parameter-mismatch ${lineOf(text, '    get:')}`])
  })

  it('two paths differing only in parameter names: an error when a method is shared, a warning when not', async () => {
    const other = `  /items/{name}:
    METHOD:
      parameters:
        - name: name
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: ok
`
    const shared = SPEC_30.replace('paths:\n', `paths:\n${other.replace('METHOD', 'get')}`)
    expect((await check(shared)).findings).toEqual([
      `error ambiguous-paths ${lineOf(shared, '/items/{id}:')}`
    ])
    const disjoint = SPEC_30.replace('paths:\n', `paths:\n${other.replace('METHOD', 'delete')}`)
    expect((await check(disjoint)).findings).toEqual([
      `warning ambiguous-paths ${lineOf(disjoint, '/items/{id}:')}`
    ])
  })

  it('duplicate operationIds', async () => {
    const text =
      SPEC_30 +
      `  /other:
    get:
      operationId: getItem
      responses:
        '200':
          description: ok
`
    const fixed = text.replace('components', 'components')
    const { findings } = await check(fixed)
    expect(findings).toEqual([
      `error duplicate-operation-id ${lineOf(fixed, 'operationId: getItem', '/other:')}`
    ])
  })

  it('examples that do not match their schemas are warnings at the example', async () => {
    const text = SPEC_30.replace(
      '            type: integer\n        - name: limit',
      '            type: integer\n          example: seven\n        - name: limit'
    ).replace(
      '              schema:\n                type: object\n',
      '              schema:\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer\n              examples:\n                good:\n                  value: {id: 1}\n                bad:\n                  value: {name: x}\n'
    )
    const { result, findings } = await check(text)
    expect(findings).toEqual([
      `warning example-invalid ${lineOf(text, 'example: seven')}`,
      `warning example-invalid ${lineOf(text, 'value: {name: x}')}`
    ])
    expect(result.findings[1]!.message).toBe(
      `the example of the 200 response of GET /items/{id} does not match its schema: /id is required but missing (schema openapi.yaml:${lineOf(text, 'required: [id]')})`
    )
  })

  it('a readOnly property may be missing from a request body example', async () => {
    const text = SPEC_30.replace(
      '      responses:',
      '      requestBody:\n        content:\n          application/json:\n            example: {name: a}\n            schema:\n              type: object\n              required: [id, name]\n              properties:\n                id: {type: integer, readOnly: true}\n                name: {type: string}\n      responses:'
    ).replace('    get:', '    put:')
    expect((await check(text)).findings).toEqual([])
  })
})

describe('contract gate: a corpus of real public specs', () => {
  // The real defects these published examples carry (each checked by hand against the OpenAPI specification).
  const KNOWN: Record<string, string[]> = {
    '3.0/yaml/parameters-common.yaml': ['error path-parameter-mismatch'], // /anything/{id}/{action}/{id}
    '3.0/yaml/response-examples.yaml': ['error spec-invalid'], // 'text/csv, text/comma-separated-values' as one media type
    '3.0/yaml/response-http-behavior.yaml': Array(3).fill('error undefined-security-scheme'), // api_key never defined
    '3.0/yaml/schema-types.yaml': ['error spec-invalid'], // an array schema without items (3.0)
    // 3.1 with 3.0's boolean exclusiveMinimum/Maximum (the 3.1 schema wants numbers)
    '3.1/yaml/schema-validation-local.yaml': Array(10).fill('error spec-invalid'),
    '3.1/yaml/schema-validation-top-level.yaml': Array(2).fill('error spec-invalid')
  }
  const files = ['3.0', '3.1'].flatMap(version =>
    readdirSync(path.join(OAS_EXAMPLES, version, 'yaml')).map(file => `${version}/yaml/${file}`)
  )
  it.each(files)('@readme/oas-examples %s', async file => {
    const result = await runGate(OAS_EXAMPLES, { spec: file })
    const errors = result.findings.filter(f => f.severity === 'error').map(f => `${f.severity} ${f.rule}`)
    expect(errors).toEqual(KNOWN[file] ?? [])
  })

  it.each(['ghes-3.17.json.gz', 'ghes-3.18.json.gz'])('GitHub Enterprise Server %s: no error', async name => {
    const file = unpackFixture(name)
    const result = await runGate(path.dirname(file), { spec: path.basename(file) })
    expect(result.findings.filter(f => f.severity === 'error')).toEqual([])
  })

  it('planted defects in GitHub’s description are caught at their lines', async () => {
    const source = readFileSync(unpackFixture('ghes-3.18.json.gz'), 'utf8')
    const planted = source
      .replace('"operationId": "meta/root",', '"operationId": "meta/root",\n        "summery": "planted",')
      .replace(
        '"name": "per_page",\n            "description"',
        '"name": "per_page",\n            "requried": true,\n            "description"'
      )
    expect(planted).not.toBe(source)
    const dir = workspace({ 'api.json': planted })
    const result = await runGate(dir, { spec: 'api.json' })
    const errors = result.findings.filter(f => f.severity === 'error')
    expect(errors.map(f => `${f.rule} ${f.line}`)).toEqual([
      `unknown-field ${lineOf(planted, '"summery": "planted"')}`,
      `unknown-field ${lineOf(planted, '"requried": true')}`
    ])
    expect(errors[1]!.message).toContain('did you mean `required`?')
  })
})

describe('contract gate: patterns the linear-time engine refuses', () => {
  it('a lookahead pattern is a warning at its line (values are not checked against it)', async () => {
    const text = SPEC_30.replace(
      '                type: object\n',
      () =>
        "                type: object\n                properties:\n                  code:\n                    type: string\n                    pattern: '^(?=.*[0-9]).+$'\n"
    )
    const { result, findings } = await check(text)
    expect(findings).toEqual([`warning unsafe-pattern ${lineOf(text, "pattern: '^(?=")}`])
    expect(result.findings[0]!.message).toMatch(
      /uses a lookahead .* refused; values are not checked against it/
    )
  })
})
