import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import {
  commitAll,
  gitInit,
  lineOf,
  located,
  OAS_EXAMPLES,
  runGate,
  unpackFixture,
  workspace
} from './harness.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'

const BASE = `openapi: 3.0.3
info:
  title: Shop
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
      responses:
        '200':
          description: users
          headers:
            X-Rate-Limit:
              required: true
              schema:
                type: integer
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/User'
    post:
      operationId: createUser
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/NewUser'
      responses:
        '201':
          description: created
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
          description: one
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
    delete:
      operationId: deleteUser
      deprecated: true
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
      responses:
        '204':
          description: gone
  /legacy:
    get:
      operationId: legacy
      responses:
        '200':
          description: old
components:
  schemas:
    NewUser:
      type: object
      required: [name]
      properties:
        name:
          type: string
        role:
          type: string
          enum: [admin, member, guest]
    User:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
        name:
          type: string
        status:
          type: string
          enum: [active, banned]
`

/** Runs the gate on BASE → head (BASE with `edit` applied); returns the findings and the head text. */
async function diff(edit: (base: string) => string, inputs: Record<string, string> = {}) {
  const head = edit(BASE)
  expect(head).not.toBe(BASE)
  const dir = workspace({
    'base.yaml': BASE,
    'openapi.yaml': head,
    ...(inputs.rules ? { 'rules.txt': inputs.rules } : {})
  })
  const { rules, ...rest } = inputs
  const result = await runGate(dir, {
    spec: 'openapi.yaml',
    'base-spec': 'base.yaml',
    ...(rules ? { 'breaking-rules': 'rules.txt' } : {}),
    ...rest
  })
  return { result, head, findings: result.findings.map(f => `${f.severity} ${f.rule} ${f.line}`) }
}

describe('contract gate: breaking changes between base and head', () => {
  it('reports nothing when the spec did not change, with a changelog that says so', async () => {
    const dir = workspace({ 'base.yaml': BASE, 'openapi.yaml': BASE })
    const result = await runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'base.yaml' })
    expect(result.findings).toEqual([])
    expect(result.outputs['breaking-changes']).toBe('0')
    expect(result.sections).toEqual([
      {
        heading: 'API changelog',
        blocks: [{ kind: 'text', text: 'No API changes between base.yaml and openapi.yaml.' }]
      }
    ])
  })

  it('path removed: error at the head paths line, naming the base location', async () => {
    const { result, findings } = await diff(base => base.replace(/ {2}\/legacy:\n[\s\S]*?old\n/, ''))
    expect(findings).toEqual(['error path-removed 5'])
    expect(result.findings[0]!.message).toBe(
      `path /legacy was removed (GET; base base.yaml:${lineOf(BASE, '/legacy:')})`
    )
    expect(result.outputs['breaking-changes']).toBe('1')
  })

  it('operation removed is an error; a deprecated operation removed is a warning', async () => {
    const { findings, head } = await diff(base =>
      base.replace(/ {4}delete:\n[\s\S]*?gone\n/, '').replace(/ {4}post:\n[\s\S]*?created\n/, '')
    )
    expect(findings).toEqual([
      `error operation-removed ${lineOf(head, '/users:')}`,
      `warning deprecated-operation-removed ${lineOf(head, '/users/{id}:')}`
    ])
  })

  it('required parameter added, and an optional parameter made required', async () => {
    const { findings, head, result } = await diff(base =>
      base
        .replace(
          '        - name: limit\n          in: query\n',
          '        - name: limit\n          in: query\n          required: true\n'
        )
        .replace(
          '      operationId: getUser\n      parameters:\n',
          '      operationId: getUser\n      parameters:\n        - name: X-Tenant\n          in: header\n          required: true\n          schema:\n            type: string\n'
        )
    )
    expect(findings).toEqual([
      `error parameter-became-required ${lineOf(head, 'required: true')}`,
      `error required-parameter-added ${lineOf(head, '- name: X-Tenant')}`
    ])
    expect(result.findings[1]!.message).toBe(
      "GET /users/{id} (getUser) now requires header parameter 'X-Tenant'; existing clients do not send it"
    )
  })

  it('required request property added, request type narrowed, request enum value removed', async () => {
    const { findings, head } = await diff(base =>
      base
        .replace('      required: [name]\n', '      required: [name, email]\n')
        .replace(
          '        role:\n          type: string\n          enum: [admin, member, guest]',
          '        role:\n          type: string\n          enum: [admin, member]\n        email:\n          type: string'
        )
        .replace(
          '          in: query\n          schema:\n            type: integer',
          '          in: query\n          schema:\n            type: integer\n            enum: [10, 50]'
        )
    )
    expect(findings.sort()).toEqual(
      [
        `error request-enum-value-removed ${lineOf(head, 'enum: [10, 50]')}`,
        `error request-enum-value-removed ${lineOf(head, 'enum: [admin, member]')}`,
        `error required-request-property-added ${lineOf(head, 'email:', 'NewUser:')}`
      ].sort()
    )
  })

  it('request body made required', async () => {
    const { findings, head } = await diff(base =>
      base.replace('      requestBody:\n', '      requestBody:\n        required: true\n')
    )
    expect(findings).toEqual([
      `error request-body-became-required ${lineOf(head, 'required: true', 'requestBody:')}`
    ])
  })

  it('response success status removed, response property removed and type changed, enum value added', async () => {
    const { findings, head, result } = await diff(base =>
      base
        .replace(
          "        '201':\n          description: created",
          "        '202':\n          description: accepted"
        )
        .replace('        name:\n          type: string\n        status:', '        status:')
        .replace(
          '        id:\n          type: integer\n        status',
          '        id:\n          type: string\n        status'
        )
        .replace('enum: [active, banned]', 'enum: [active, banned, deleted]')
        .replace('          type: integer\n        status', '          type: string\n        status')
    )
    expect(findings).toEqual([
      `error response-type-changed ${lineOf(head, 'type: string', '        id:')}`,
      `warning response-enum-value-added ${lineOf(head, 'deleted')}`,
      `error response-property-removed ${lineOf(head, 'properties:', '    User:')}`,
      `error response-success-status-removed ${lineOf(head, 'responses:', 'createUser')}`
    ])
    // User is shared by two operations: one finding per change, naming the other operation.
    expect(result.findings[0]!.message).toBe(
      "200 response property '[].id' of GET /users (listUsers) changed type from integer to string (also 1 other operation: GET /users/{id} (getUser))"
    )
    expect(result.findings[2]!.message).toBe(
      `200 response property '[].name' of GET /users (listUsers) was removed (base base.yaml:${lineOf(BASE, 'name:', '    User:')}) (also 1 other operation: GET /users/{id} (getUser))`
    )
  })

  it('required response header removed', async () => {
    const { findings, head } = await diff(base => base.replace(/ {10}headers:\n[\s\S]*?type: integer\n/, ''))
    expect(findings).toEqual([`error required-response-header-removed ${lineOf(head, "'200':")}`])
  })

  it('security requirement added; operationId changed', async () => {
    const { findings, head, result } = await diff(base =>
      base
        .replace(
          '      operationId: legacy\n',
          '      operationId: legacyGet\n      security:\n        - bearer: []\n'
        )
        .replace(
          'components:\n',
          'components:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n'
        )
    )
    expect(findings).toEqual([
      `warning operation-id-changed ${lineOf(head, 'legacyGet')}`,
      `error security-requirement-added ${lineOf(head, 'security:')}`
    ])
    expect(result.findings[1]!.message).toBe(
      'GET /legacy (legacy) now requires bearer; clients using no authentication are rejected'
    )
  })

  it('lists every change in the changelog, breaking first', async () => {
    const { result } = await diff(base =>
      base
        .replace(/ {2}\/legacy:\n[\s\S]*?old\n/, '')
        .replace(
          'components:',
          "  /orders:\n    get:\n      responses:\n        '200':\n          description: orders\ncomponents:"
        )
    )
    const markdown = sectionMarkdown(result.sections[0]!)
    expect(markdown.indexOf('Breaking changes (1)')).toBeLessThan(markdown.indexOf('Other changes (1)'))
    expect(markdown).toContain('- ❌ path-removed: path /legacy was removed')
    expect(markdown).toContain('- ℹ️ operation-added: GET /orders was added')
  })

  it('breaking-rules overrides severities and turns rules off', async () => {
    const { findings, result } = await diff(
      base => base.replace(/ {2}\/legacy:\n[\s\S]*?old\n/, '').replace(/ {4}delete:\n[\s\S]*?gone\n/, ''),
      {
        rules: '# our policy\npath-removed warning\ndeprecated-operation-removed off\n'
      }
    )
    expect(findings).toEqual(['warning path-removed 5'])
    expect(result.outputs['breaking-changes']).toBe('1')
  })

  it('breaking-rules: an unknown rule is an error at its line', async () => {
    const dir = workspace({ 'openapi.yaml': BASE, 'rules.txt': 'path-removed off\npath-deleted off\n' })
    await expect(
      runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'openapi.yaml', 'breaking-rules': 'rules.txt' })
    ).rejects.toThrow(/^rules\.txt:2: unknown rule 'path-deleted'; known rules: path-removed, /)
  })
})

describe('contract gate: base spec from git', () => {
  it('reads REF:path, and defaults to the pull request base', async () => {
    const dir = workspace({ 'api/openapi.yaml': BASE })
    gitInit(dir)
    const baseSha = commitAll(dir)
    writeFileSync(path.join(dir, 'api/openapi.yaml'), BASE.replace(/ {2}\/legacy:\n[\s\S]*?old\n/, ''))
    const explicit = await runGate(dir, { spec: 'api/openapi.yaml', 'base-spec': 'HEAD:api/openapi.yaml' })
    expect(located(explicit)).toEqual(['path-removed api/openapi.yaml:5'])
    expect(explicit.findings[0]!.message).toBe(
      `path /legacy was removed (GET; base HEAD:api/openapi.yaml:${lineOf(BASE, '/legacy:')})`
    )

    const event = { pull_request: { base: { sha: baseSha } } }
    const implicit = await runGate(dir, { spec: 'api/openapi.yaml' }, { eventName: 'pull_request', event })
    expect(located(implicit)).toEqual(['path-removed api/openapi.yaml:5'])
    expect(implicit.scope).toContain(`compared with ${baseSha.slice(0, 12)}:./api/openapi.yaml: 1 breaking`)
  })

  it('a spec that is new in the pull request is a notice; a base missing from the clone fails', async () => {
    const dir = workspace({ 'README.md': 'x' })
    gitInit(dir)
    const baseSha = commitAll(dir)
    writeFileSync(path.join(dir, 'openapi.yaml'), BASE)
    const fresh = await runGate(
      dir,
      { spec: 'openapi.yaml' },
      { eventName: 'pull_request', event: { pull_request: { base: { sha: baseSha } } } }
    )
    expect(fresh.findings.map(f => `${f.severity} ${f.rule}`)).toEqual(['notice base-spec-missing'])
    const missing = 'f'.repeat(40)
    await expect(
      runGate(
        dir,
        { spec: 'openapi.yaml' },
        { eventName: 'pull_request', event: { pull_request: { base: { sha: missing } } } }
      )
    ).rejects.toThrow(`the pull request base ${missing} is not in this clone: check out with fetch-depth: 0`)
    await expect(runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'HEAD:nope.yaml' })).rejects.toThrow(
      /^HEAD:nope\.yaml: cannot be read from git/
    )
  })
})

describe('contract gate: real base/head pairs (GitHub Enterprise Server descriptions)', () => {
  it('GHES 3.17 → 3.18 adds operations and breaks nothing', async () => {
    const base = unpackFixture('ghes-3.17.json.gz')
    const head = unpackFixture('ghes-3.18.json.gz')
    const result = await runGate(path.dirname(head), { spec: path.basename(head), 'base-spec': base })
    // Only spec warnings of the head itself (examples that drifted from their schemas); no breaking change.
    expect(result.findings.filter(f => f.rule !== 'example-invalid' && f.rule !== 'ambiguous-paths')).toEqual(
      []
    )
    expect(result.outputs['breaking-changes']).toBe('0')
    const changes = result.data!.changes as { rule: string }[]
    expect(changes.filter(c => c.rule === 'operation-added')).toHaveLength(14)
  })

  it('GHES 3.18 → api.github.com finds the enterprise-only paths removed, at real lines', async () => {
    const base = unpackFixture('ghes-3.18.json.gz')
    const head = unpackFixture('api.github.com.json.gz')
    const result = await runGate(path.dirname(head), { spec: path.basename(head), 'base-spec': base })
    const adminHooks = result.findings.find(f => f.message.startsWith('path /admin/hooks was removed'))
    expect(adminHooks).toMatchObject({
      rule: 'path-removed',
      severity: 'error',
      file: 'api.github.com.json',
      line: 225
    })
    expect(adminHooks!.message).toBe('path /admin/hooks was removed (GET, POST; base ghes-3.18.json:223)')
    const enumRemoved = result.findings.find(
      f => f.rule === 'request-enum-value-removed' && f.message.includes('repos/list-for-org')
    )
    expect(enumRemoved!.message).toBe(
      `query parameter 'type' of GET /orgs/{org}/repos (repos/list-for-org) no longer accepts "internal"`
    )
    const breaking = result.findings.filter(f => f.rule !== 'example-invalid' && f.rule !== 'ambiguous-paths')
    expect(Number(result.outputs['breaking-changes'])).toBe(breaking.length)
  })
})

describe('contract gate: real base/head pairs (@readme/oas-examples Petstore)', () => {
  const text = (file: string) => readFileSync(path.join(OAS_EXAMPLES, file), 'utf8')

  it('Petstore 3.0 → 3.1 finds the one real break: uploadFile no longer takes multipart/form-data', async () => {
    const result = await runGate(OAS_EXAMPLES, {
      spec: '3.1/yaml/petstore.yaml',
      'base-spec': '3.0/yaml/petstore.yaml'
    })
    const head = text('3.1/yaml/petstore.yaml')
    // At the request body's `content:` (the line after `requestBody:`), where the media type is missing.
    const content = lineOf(head, 'requestBody:', 'operationId: uploadFile') + 1
    expect(result.findings.map(f => `${f.rule} ${f.severity} ${f.file}:${f.line} ${f.message}`)).toEqual([
      `request-media-type-removed error 3.1/yaml/petstore.yaml:${content} POST /pet/{petId}/uploadImage (uploadFile) no longer accepts multipart/form-data request bodies`
    ])
    expect(result.outputs['breaking-changes']).toBe('1')
  })

  it('petstore-simple → petstore (3.1): the renamed path parameter is no change; added security, removed PUT are', async () => {
    const result = await runGate(OAS_EXAMPLES, {
      spec: '3.1/yaml/petstore.yaml',
      'base-spec': '3.1/yaml/petstore-simple.yaml'
    })
    const head = text('3.1/yaml/petstore.yaml')
    const base = text('3.1/yaml/petstore-simple.yaml')
    const petById = lineOf(head, "'/pet/{petId}':")
    expect(result.findings.map(f => `${f.rule} ${f.severity} ${f.line}`)).toEqual([
      `security-requirement-added error ${lineOf(head, 'security:', 'operationId: getPetById')}`,
      `operation-removed error ${petById}`
    ])
    expect(result.findings[1]!.message).toBe(
      `PUT /pet/{id} was removed (base 3.1/yaml/petstore-simple.yaml:${lineOf(base, 'put:')})`
    )
    expect(result.findings[0]!.message).toBe(
      'GET /pet/{id} now requires api_key; clients using no authentication are rejected'
    )
  })
})
