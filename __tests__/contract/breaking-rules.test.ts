/**
 * One case per breaking-change rule (written from oasdiff's rule list and checker cases, in our own specs),
 * each asserting the level and the head line, plus the changes oasdiff and we agree are NOT breaking.
 */
import { describe, expect, it } from '@jest/globals'
import { lineOf, runGate, workspace } from './harness.js'

const BASE = `openapi: 3.1.0
info:
  title: Shop
  version: '1'
paths:
  /items/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: integer
    get:
      operationId: getItem
      parameters:
        - name: q
          in: query
          schema:
            type: string
            maxLength: 50
            default: all
        - name: tags
          in: query
          schema:
            type: array
            items:
              type: string
        - name: X-Trace
          in: header
          schema:
            type: string
      responses:
        '200':
          description: ok
          headers:
            X-Rate:
              required: true
              schema:
                type: integer
            X-Opt:
              schema:
                type: string
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Item'
        '404':
          description: none
    put:
      operationId: putItem
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ItemIn'
      responses:
        '200':
          description: ok
    delete:
      operationId: deleteItem
      deprecated: true
      x-sunset: '2020-01-01'
      responses:
        '204':
          description: gone
  /legacy:
    get:
      operationId: legacy
      deprecated: true
      x-sunset: '2999-01-01'
      responses:
        '200':
          description: ok
  /orders:
    post:
      operationId: createOrder
      security:
        - oauth: [orders:write]
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
      responses:
        '201':
          description: created
webhooks:
  itemChanged:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                event:
                  type: string
                  enum: [created, deleted]
      responses:
        '200':
          description: ok
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            orders:write: write
            orders:admin: admin
    key:
      type: apiKey
      in: header
      name: X-Key
  schemas:
    Item:
      type: object
      required: [id, name, size]
      properties:
        id:
          type: integer
        name:
          type: string
          maxLength: 100
          pattern: '^[a-z]+$'
        size:
          type: number
          minimum: 0
          maximum: 10
        kind:
          type: string
          const: thing
        secret:
          type: string
          writeOnly: true
        count:
          type: integer
          multipleOf: 2
        color:
          type: string
          format: uuid
        nick:
          type: string
        pet:
          oneOf:
            - $ref: '#/components/schemas/Cat'
            - $ref: '#/components/schemas/Dog'
          discriminator:
            propertyName: type
            mapping:
              cat: '#/components/schemas/Cat'
              dog: '#/components/schemas/Dog'
    ItemIn:
      type: object
      required: [name]
      properties:
        id:
          type: integer
          readOnly: true
        name:
          type: string
          maxLength: 100
        size:
          type: number
          minimum: 0
          maximum: 10
        code:
          type: string
        count:
          type: integer
          multipleOf: 2
        color:
          type: string
          pattern: '^#'
        labels:
          type: array
          maxItems: 5
          items:
            type: string
        extra:
          type: object
        pet:
          oneOf:
            - $ref: '#/components/schemas/Cat'
            - $ref: '#/components/schemas/Dog'
          discriminator:
            propertyName: type
            mapping:
              cat: '#/components/schemas/Cat'
              dog: '#/components/schemas/Dog'
    Cat:
      type: object
      properties:
        type:
          type: string
    Dog:
      type: object
      properties:
        type:
          type: string
`

/** `severity rule line` of every finding for BASE → `edit(BASE)`, and the head text. */
async function diff(
  edit: (base: string) => string,
  inputs: Record<string, string> = {},
  files: Record<string, string> = {}
) {
  const head = edit(BASE)
  expect(head).not.toBe(BASE)
  const dir = workspace({ 'base.yaml': BASE, 'openapi.yaml': head, ...files })
  const result = await runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'base.yaml', ...inputs })
  return { result, head, findings: result.findings.map(f => `${f.severity} ${f.rule} ${f.line}`) }
}

/** Replaces `from` (which must occur) after the first line containing `after`. */
function replaceAfter(text: string, after: string, from: string, to: string): string {
  const start = text.indexOf(after)
  const index = text.indexOf(from, start)
  if (start === -1 || index === -1) throw new Error(`'${from}' after '${after}' not in text`)
  return text.slice(0, index) + to + text.slice(index + from.length)
}

// [rule (and level) expected, what changes, edit, the head line's needle (and the line it follows)]
type Case = [string, string, (base: string) => string, [string, string?]]
const at = (needle: string, after?: string): [string, string?] => [needle, after]

const CASES: Case[] = [
  // request direction: tighter is breaking
  [
    'error request-bound-tightened',
    'maxLength of a request property lowered',
    b => replaceAfter(b, 'ItemIn:', 'maxLength: 100', 'maxLength: 80'),
    at('maxLength: 80')
  ],
  [
    'error request-bound-tightened',
    'maximum of a request property lowered',
    b => replaceAfter(b, 'ItemIn:', 'maximum: 10', 'maximum: 9'),
    at('maximum: 9')
  ],
  [
    'error request-bound-tightened',
    'minimum raised',
    b => replaceAfter(b, 'ItemIn:', 'minimum: 0', 'minimum: 1'),
    at('minimum: 1')
  ],
  [
    'error request-bound-tightened',
    'minimum made exclusive (3.1 exclusiveMinimum)',
    b => replaceAfter(b, 'ItemIn:', 'minimum: 0', 'exclusiveMinimum: 0'),
    at('exclusiveMinimum: 0')
  ],
  [
    'error request-bound-tightened',
    'maxItems lowered',
    b => replaceAfter(b, 'ItemIn:', 'maxItems: 5', 'maxItems: 4'),
    at('maxItems: 4')
  ],
  [
    'error request-bound-tightened',
    'maxLength of a query parameter lowered',
    b => b.replace('maxLength: 50', 'maxLength: 10'),
    at('maxLength: 10')
  ],
  [
    'error request-bound-tightened',
    'minLength set on a request property',
    b => replaceAfter(b, '        code:', 'type: string', 'type: string\n          minLength: 3'),
    at('minLength: 3')
  ],
  [
    'error request-bound-tightened',
    'uniqueItems required',
    b => replaceAfter(b, 'ItemIn:', 'maxItems: 5', 'maxItems: 5\n          uniqueItems: true'),
    at('uniqueItems: true')
  ],
  [
    'warning request-bound-added',
    'a maximum where there was none',
    b => replaceAfter(b, '        code:', 'type: string', 'type: string\n          maxLength: 9'),
    at('maxLength: 9')
  ],
  [
    'warning request-bound-added',
    'minItems set',
    b => replaceAfter(b, 'ItemIn:', 'maxItems: 5', 'maxItems: 5\n          minItems: 1'),
    at('minItems: 1')
  ],
  [
    'error request-pattern-added',
    'pattern added to a request property',
    b => replaceAfter(b, '        code:', 'type: string', "type: string\n          pattern: '^[A-Z]+$'"),
    at("pattern: '^[A-Z]+$'")
  ],
  [
    'warning request-pattern-changed',
    'pattern of a request property changed',
    b => b.replace("pattern: '^#'", "pattern: '^#[0-9a-f]{6}'"),
    at("pattern: '^#[0-9a-f]{6}'")
  ],
  [
    'error request-format-changed',
    'format added to a request string',
    b =>
      replaceAfter(
        b,
        'ItemIn:',
        '        color:\n          type: string',
        '        color:\n          type: string\n          format: uuid'
      ),
    at('format: uuid', 'ItemIn:')
  ],
  [
    'error request-multiple-of-changed',
    'multipleOf 2 → 4',
    b => replaceAfter(b, 'ItemIn:', 'multipleOf: 2', 'multipleOf: 4'),
    at('multipleOf: 4')
  ],
  [
    'error request-const-changed',
    'const added to a request property',
    b => replaceAfter(b, '        code:', 'type: string', 'type: string\n          const: A'),
    at('const: A')
  ],
  [
    'error request-enum-value-removed',
    'a request property became an enum',
    b => replaceAfter(b, '        code:', 'type: string', 'type: string\n          enum: [A, B]'),
    at('enum: [A, B]')
  ],
  [
    'error request-enum-value-removed',
    'a header parameter became an enum',
    b => replaceAfter(b, 'X-Trace', 'type: string', 'type: string\n            enum: [on]'),
    at('enum: [on]')
  ],
  [
    'error request-type-narrowed',
    'number → integer in a request',
    b => replaceAfter(b, 'ItemIn:', 'type: number', 'type: integer # was number'),
    at('type: integer # was number')
  ],
  [
    'error request-type-narrowed',
    'an array query parameter became a string',
    b =>
      b.replace(
        '            type: array\n            items:\n              type: string\n        - name: X-Trace',
        '            type: string\n        - name: X-Trace'
      ),
    at('type: string', 'name: tags')
  ],
  [
    'error request-additional-properties-restricted',
    'additionalProperties: false',
    b =>
      replaceAfter(
        b,
        '        extra:',
        'type: object',
        'type: object\n          additionalProperties: false'
      ),
    at('additionalProperties: false')
  ],
  [
    'error request-variant-removed',
    'a oneOf variant of a request dropped',
    b => replaceAfter(b, 'ItemIn:', "            - $ref: '#/components/schemas/Dog'\n", ''),
    at('oneOf:', 'ItemIn:')
  ],
  [
    'error request-discriminator-changed',
    'discriminator property renamed (request and response)',
    b => b.replaceAll('propertyName: type', 'propertyName: kind'),
    at('discriminator:', 'ItemIn:')
  ],
  [
    'error required-request-property-added',
    'a request property became required',
    b => b.replace('required: [name]', 'required: [name, code]'),
    at('required: [name, code]')
  ],
  [
    'error required-request-property-added',
    'a new required request property',
    b =>
      b
        .replace('required: [name]', 'required: [name, note]')
        .replace('        code:\n', '        note:\n          type: string\n        code:\n'),
    at('note:')
  ],
  [
    'warning request-property-removed',
    'a request property removed',
    b => b.replace('        code:\n          type: string\n', ''),
    at('properties:', 'ItemIn:')
  ],
  // parameters
  [
    'error required-parameter-added',
    'a new required query parameter',
    b =>
      b.replace(
        '        - name: q\n',
        '        - name: page\n          in: query\n          required: true\n          schema:\n            type: integer\n        - name: q\n'
      ),
    at('- name: page')
  ],
  [
    'error parameter-became-required',
    'an optional header became required',
    b =>
      b.replace(
        '        - name: X-Trace\n          in: header\n',
        '        - name: X-Trace\n          in: header\n          required: true\n'
      ),
    at('required: true', 'X-Trace')
  ],
  [
    'warning parameter-removed',
    'a query parameter removed',
    b =>
      b.replace(
        '        - name: X-Trace\n          in: header\n          schema:\n            type: string\n',
        ''
      ),
    at('get:', '/items/{id}')
  ],
  [
    'error parameter-default-changed',
    'the default of an optional parameter changed',
    b => b.replace('default: all', 'default: none'),
    at('default: none')
  ],
  [
    'error parameter-default-changed',
    'the default removed',
    b => b.replace('            default: all\n', ''),
    at('- name: q')
  ],
  [
    'error parameter-serialization-changed',
    'an array query parameter no longer exploded',
    b =>
      b.replace(
        '        - name: tags\n          in: query\n',
        '        - name: tags\n          in: query\n          explode: false\n'
      ),
    at('explode: false')
  ],
  // request bodies
  [
    'error request-body-removed',
    'the request body of PUT removed',
    b =>
      b.replace(
        "      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/ItemIn'\n",
        ''
      ),
    at('put:')
  ],
  [
    'error request-body-added-required',
    'a required request body where there was none',
    b =>
      b.replace(
        '      operationId: deleteItem\n',
        '      operationId: deleteItem\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n'
      ),
    at('required: true', 'deleteItem')
  ],
  [
    'error request-body-became-required',
    'an optional body made required',
    b => b.replace('required: false', 'required: true'),
    at('required: true', 'createOrder')
  ],
  [
    'error request-media-type-removed',
    'application/json no longer accepted',
    b => replaceAfter(b, 'putItem', 'application/json:', 'application/xml:'),
    at('content:', 'putItem')
  ],
  // responses
  [
    'error response-success-status-removed',
    '200 → 201',
    b => replaceAfter(b, 'getItem', "        '200':", "        '201':"),
    at('responses:', 'getItem')
  ],
  [
    'error response-media-type-removed',
    'the 200 response no longer returns JSON',
    b => replaceAfter(b, 'X-Opt', 'application/json:', 'text/plain:'),
    at('content:', 'X-Opt')
  ],
  [
    'error required-response-header-removed',
    'X-Rate removed',
    b =>
      b.replace(
        '            X-Rate:\n              required: true\n              schema:\n                type: integer\n',
        ''
      ),
    at('headers:', 'getItem')
  ],
  [
    'error response-header-became-optional',
    'X-Rate optional',
    b => b.replace('            X-Rate:\n              required: true\n', '            X-Rate:\n'),
    at('X-Rate:')
  ],
  [
    'warning optional-response-header-removed',
    'X-Opt removed',
    b => b.replace('            X-Opt:\n              schema:\n                type: string\n', ''),
    at('headers:', 'getItem')
  ],
  [
    'error response-type-changed',
    'integer → string in a response',
    b => replaceAfter(b, '    Item:', 'type: integer', 'type: string'),
    at('type: string', '    Item:')
  ],
  [
    'error response-type-changed',
    'a response property became nullable',
    b => replaceAfter(b, '    Item:', 'type: integer', "type: [integer, 'null']"),
    at("type: [integer, 'null']")
  ],
  [
    'error response-format-changed',
    'uuid format removed from a response',
    b => b.replace('          format: uuid\n', ''),
    at('color:', '    Item:')
  ],
  [
    'error response-bound-loosened',
    'maxLength of a response raised',
    b => replaceAfter(b, '    Item:', 'maxLength: 100', 'maxLength: 200'),
    at('maxLength: 200')
  ],
  [
    'error response-bound-loosened',
    'maximum of a response removed',
    b => replaceAfter(b, '    Item:', '          maximum: 10\n', ''),
    at('size:', '    Item:')
  ],
  [
    'warning response-pattern-changed',
    'pattern of a response changed',
    b => b.replace("pattern: '^[a-z]+$'", () => "pattern: '^[a-z0-9]+$'"),
    at("pattern: '^[a-z0-9]+$'")
  ],
  [
    'error response-multiple-of-changed',
    'multipleOf of a response removed',
    b => replaceAfter(b, '    Item:', '          multipleOf: 2\n', ''),
    at('count:', '    Item:')
  ],
  [
    'error response-const-changed',
    'const of a response changed',
    b => b.replace('const: thing', 'const: stuff'),
    at('const: stuff')
  ],
  [
    'warning response-enum-value-added',
    'a webhook payload enum gained a value (webhooks flow the other way)',
    b => b.replace('enum: [created, deleted]', 'enum: [created, deleted, moved]'),
    at('enum: [created, deleted, moved]')
  ],
  [
    'error response-variant-added',
    'a oneOf variant added to a response',
    b =>
      replaceAfter(
        b,
        '    Item:',
        "            - $ref: '#/components/schemas/Dog'\n",
        "            - $ref: '#/components/schemas/Dog'\n            - $ref: '#/components/schemas/Cow'\n"
      ).replace('    Cat:\n', '    Cow:\n      type: object\n    Cat:\n'),
    at("- $ref: '#/components/schemas/Cow'")
  ],
  [
    'error response-property-removed',
    'a required response property removed',
    b =>
      replaceAfter(
        b,
        '    Item:',
        '        size:\n          type: number\n          minimum: 0\n          maximum: 10\n',
        ''
      ),
    at('properties:', '    Item:')
  ],
  [
    'warning response-optional-property-removed',
    'an optional response property removed',
    b => replaceAfter(b, '    Item:', '        nick:\n          type: string\n', ''),
    at('properties:', '    Item:')
  ],
  [
    'error response-property-became-optional',
    'a response property became optional',
    b => b.replace('required: [id, name, size]', 'required: [id, name]'),
    at('size:', '    Item:')
  ],
  // paths, operations, lifecycle, security
  [
    'error operation-removed',
    'PUT removed (not deprecated)',
    b => b.replace(/ {4}put:\n[\s\S]*?ok\n(?= {4}delete:)/, ''),
    at('/items/{id}:')
  ],
  [
    'warning operation-id-changed',
    'operationId renamed',
    b => b.replace('operationId: putItem', 'operationId: replaceItem'),
    at('operationId: replaceItem')
  ],
  [
    'error operation-removed-before-sunset',
    'a deprecated path removed before its sunset',
    b => b.replace(/ {2}\/legacy:\n[\s\S]*?ok\n(?= {2}\/orders)/, ''),
    at('paths:')
  ],
  [
    'error sunset-removed',
    'the sunset date dropped from a deprecated operation',
    b => b.replace("      x-sunset: '2999-01-01'\n", ''),
    at('deprecated: true', 'operationId: legacy')
  ],
  [
    'error sunset-invalid',
    'an unreadable sunset date',
    b => b.replace("x-sunset: '2999-01-01'", "x-sunset: 'soon'"),
    at("x-sunset: 'soon'")
  ],
  [
    'error webhook-removed',
    'the itemChanged webhook removed',
    b =>
      b.replace(
        / {2}itemChanged:\n[\s\S]*?ok\n(?=components)/,
        "  other:\n    post:\n      responses:\n        '200':\n          description: ok\n"
      ),
    at('webhooks:')
  ],
  [
    'error security-requirement-added',
    'an API key required on GET',
    b =>
      b.replace(
        '      operationId: getItem\n',
        '      operationId: getItem\n      security:\n        - key: []\n'
      ),
    at('security:', 'getItem')
  ],
  [
    'error security-scope-added',
    'a scope added to the OAuth requirement',
    b => b.replace('- oauth: [orders:write]', '- oauth: [orders:write, orders:admin]'),
    at('security:', 'createOrder')
  ]
]

describe('contract gate: one case per breaking-change rule', () => {
  it.each(CASES)('%s: %s', async (expected, _what, edit, [needle, after]) => {
    const { findings, head } = await diff(edit)
    expect(findings).toContain(`${expected} ${lineOf(head, needle, after)}`)
    // Each edit is one change: no unrelated finding rides along.
    expect(findings.filter(f => !f.startsWith(expected)).filter(f => !f.includes('discriminator'))).toEqual(
      []
    )
  })

  it('covers every breaking rule of the catalog with a case, or says where it is tested', async () => {
    const { BREAKING_RULE_IDS } = await import('../../src/gates/contract/catalog.js')
    const covered = new Set(CASES.map(([expected]) => expected.split(' ')[1]))
    // Tested elsewhere: deprecation policy (below), path-removed and the deprecated removal (diff.test.ts).
    for (const rule of [
      'path-removed',
      'deprecated-operation-removed',
      'deprecation-sunset-missing',
      'sunset-too-soon',
      'sunset-moved-earlier',
      'parameter-removed-before-sunset',
      'response-discriminator-changed'
    ])
      covered.add(rule)
    expect(BREAKING_RULE_IDS.filter(rule => !covered.has(rule))).toEqual([])
  })
})

describe('contract gate: changes that break no client', () => {
  const QUIET: [string, (base: string) => string][] = [
    [
      'a path parameter renamed',
      b =>
        b
          .replace('/items/{id}:', '/items/{itemId}:')
          .replace('      - name: id\n        in: path', '      - name: itemId\n        in: path')
    ],
    [
      'a readOnly property made required in a request',
      b => b.replace('required: [name]', 'required: [name, id]')
    ],
    [
      'a writeOnly property removed from a response',
      b => b.replace('        secret:\n          type: string\n          writeOnly: true\n', '')
    ],
    ['200 → 2XX', b => replaceAfter(b, 'getItem', "        '200':", "        '2XX':")],
    [
      'application/json → application/json; charset=utf-8',
      b => replaceAfter(b, 'getItem', 'application/json:', "'application/json; charset=utf-8':")
    ],
    [
      'request media type with a charset',
      b => replaceAfter(b, 'putItem', 'application/json:', "'application/json; charset=utf-8':")
    ],
    ['a request bound loosened', b => replaceAfter(b, 'ItemIn:', 'maxLength: 100', 'maxLength: 500')],
    ['a response bound tightened', b => replaceAfter(b, '    Item:', 'maxLength: 100', 'maxLength: 50')],
    [
      'integer → number in a request',
      b =>
        replaceAfter(
          b,
          'ItemIn:',
          '        count:\n          type: integer',
          '        count:\n          type: number'
        )
    ],
    [
      'an enum value removed from a webhook payload (the receiver reads less)',
      b => b.replace('enum: [created, deleted]', 'enum: [created]')
    ],
    [
      'an optional request property and an optional parameter added',
      b =>
        b
          .replace('        code:\n', '        memo:\n          type: string\n        code:\n')
          .replace(
            '        - name: q\n',
            '        - name: page\n          in: query\n          schema:\n            type: integer\n        - name: q\n'
          )
    ],
    [
      'a new required property in a response',
      b => b.replace('required: [id, name, size]', 'required: [id, name, size, nick]')
    ],
    [
      'a new success status and a new operation',
      b =>
        b
          .replace(
            "        '404':\n          description: none\n",
            "        '404':\n          description: none\n        '202':\n          description: later\n"
          )
          .replace(
            '  /orders:\n',
            "  /stats:\n    get:\n      responses:\n        '200':\n          description: ok\n  /orders:\n"
          )
    ],
    [
      'a deprecated operation removed after its sunset date',
      b => b.replace(/ {4}delete:\n[\s\S]*?gone\n/, '')
    ],
    ['multipleOf 2 → 1 in a request', b => replaceAfter(b, 'ItemIn:', 'multipleOf: 2', 'multipleOf: 1')],
    [
      'the same API written through an operation-level $ref',
      b => b.replace(/ {4}put:\n[\s\S]*?ok\n(?= {4}delete:)/, "    put:\n      $ref: 'ops/put.yaml'\n")
    ],
    [
      'an alternative security scheme added',
      b => b.replace('- oauth: [orders:write]', '- oauth: [orders:write]\n        - key: []')
    ]
  ]
  it.each(QUIET)('%s', async (_name, edit) => {
    const put = BASE.slice(BASE.indexOf('    put:\n') + '    put:\n'.length, BASE.indexOf('    delete:'))
      .split('\n')
      .map(line => line.slice(6))
      .join('\n')
      .replaceAll("'#/components", "'../base.yaml#/components")
    const { findings, result } = await diff(edit, {}, { 'ops/put.yaml': put })
    expect(findings).toEqual([])
    expect(result.outputs['breaking-changes']).toBe('0')
  })

  it('an operation-level $ref hides no change: a property removed behind it is found', async () => {
    const head = BASE.replace(
      / {4}put:\n[\s\S]*?ok\n(?= {4}delete:)/,
      "    put:\n      $ref: 'ops/put.yaml'\n"
    )
    const put = `operationId: putItem
requestBody:
  content:
    application/json:
      schema:
        type: object
        required: [name, code]
        properties:
          name:
            type: string
          code:
            type: string
            maxLength: 9
responses:
  '200':
    description: ok
`
    const dir = workspace({ 'base.yaml': BASE, 'openapi.yaml': head, 'ops/put.yaml': put })
    const result = await runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'base.yaml' })
    expect(result.findings.map(f => `${f.rule} ${f.file}:${f.line}`).sort()).toEqual(
      [
        'required-request-property-added ops/put.yaml:7',
        'request-bound-added ops/put.yaml:13',
        // size, count, color, labels, extra, pet (id is readOnly: never sent)
        ...Array(6).fill('request-property-removed ops/put.yaml:8')
      ]
        .filter(Boolean)
        .sort()
    )
  })
})

describe('contract gate: deprecation policy (deprecation-days)', () => {
  it('a newly deprecated operation needs a sunset date at least the policy ahead', async () => {
    const { findings, head } = await diff(
      b => b.replace('      operationId: putItem\n', '      operationId: putItem\n      deprecated: true\n'),
      { 'deprecation-days': '90' }
    )
    expect(findings).toEqual([
      `error deprecation-sunset-missing ${lineOf(head, 'deprecated: true', 'putItem')}`
    ])
  })

  it('a sunset sooner than the policy is an error; one far enough is fine', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    const { findings, head } = await diff(
      b =>
        b.replace(
          '      operationId: putItem\n',
          `      operationId: putItem\n      deprecated: true\n      x-sunset: '${soon}'\n`
        ),
      { 'deprecation-days': '90' }
    )
    expect(findings).toEqual([`error sunset-too-soon ${lineOf(head, `x-sunset: '${soon}'`)}`])
    const later = await diff(
      b =>
        b.replace(
          '      operationId: putItem\n',
          "      operationId: putItem\n      deprecated: true\n      x-sunset: '2999-12-31'\n"
        ),
      { 'deprecation-days': '90' }
    )
    expect(later.findings).toEqual([])
  })

  it('a sunset moved earlier than the policy allows', async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    const { findings, head } = await diff(b => b.replace("x-sunset: '2999-01-01'", `x-sunset: '${soon}'`), {
      'deprecation-days': '30'
    })
    expect(findings).toEqual([`error sunset-moved-earlier ${lineOf(head, `x-sunset: '${soon}'`)}`])
  })

  it('a deprecated parameter removed before its sunset date is an error', async () => {
    const base = BASE.replace(
      '        - name: X-Trace\n          in: header\n',
      "        - name: X-Trace\n          in: header\n          deprecated: true\n          x-sunset: '2999-01-01'\n"
    )
    const head = base.replace(
      "        - name: X-Trace\n          in: header\n          deprecated: true\n          x-sunset: '2999-01-01'\n          schema:\n            type: string\n",
      ''
    )
    const dir = workspace({ 'base.yaml': base, 'openapi.yaml': head })
    const result = await runGate(dir, { spec: 'openapi.yaml', 'base-spec': 'base.yaml' })
    expect(result.findings.map(f => `${f.rule} ${f.line}`)).toEqual([
      `parameter-removed-before-sunset ${lineOf(head, 'get:', '/items/{id}')}`
    ])
  })

  it('without a policy, deprecation without a sunset is only a changelog entry', async () => {
    const { findings, result } = await diff(b =>
      b.replace('      operationId: putItem\n', '      operationId: putItem\n      deprecated: true\n')
    )
    expect(findings).toEqual([])
    expect(JSON.stringify(result.sections)).toContain('PUT /items/{id} (putItem) is now deprecated')
  })
})

describe('contract gate: oasdiff ignore files (err-ignore, warn-ignore)', () => {
  const edit = (b: string) =>
    b
      .replace('default: all', 'default: none')
      .replace('            X-Opt:\n              schema:\n                type: string\n', '')

  it('accepts changes named by method, path and description, in any case, with extra text', async () => {
    const { findings, result } = await diff(
      edit,
      { 'err-ignore': 'err.md', 'warn-ignore': 'warn.md' },
      {
        'err.md': "# accepted\n - 12.01.2026 In get /items/{id} we changed the default of 'q' (ticket 42)\n",
        'warn.md': 'GET /items/{id} optional-response-header-removed X-Opt\n'
      }
    )
    expect(findings).toEqual([])
    const changelog = JSON.stringify(result.sections)
    expect(changelog).toContain('accepted by err.md:2')
    expect(changelog).toContain('accepted by warn.md:1')
  })

  it('a line for another path, another method, or another parameter accepts nothing', async () => {
    const { findings } = await diff(
      edit,
      { 'err-ignore': 'err.md' },
      {
        'err.md':
          "GET /items changed the default of 'q'\nPUT /items/{id} changed the default of 'q'\nGET /items/{id} changed the default of 'page'\n"
      }
    )
    expect(findings.map(f => f.split(' ')[1])).toEqual([
      'parameter-default-changed',
      'optional-response-header-removed'
    ])
  })

  it('an err-ignore file does not accept warnings', async () => {
    const { findings } = await diff(
      edit,
      { 'err-ignore': 'err.md' },
      { 'err.md': 'GET /items/{id} optional-response-header-removed\n' }
    )
    expect(findings.map(f => f.split(' ')[1]).sort()).toEqual([
      'optional-response-header-removed',
      'parameter-default-changed'
    ])
  })
})
