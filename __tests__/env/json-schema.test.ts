// The published JSON Schema of env.schema.yml (schemas/env.schema.json, for editors) accepts exactly what the
// gate's own schema reader accepts, on documents that use every field and on each kind of mistake.
import { describe, expect, it } from '@jest/globals'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { load } from 'js-yaml'
import { parseSchema } from '../../src/gates/env/schema.js'
import { REPO_ROOT } from '../helpers/runner.js'

const jsonSchema = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'schemas', 'env.schema.json'), 'utf8')
) as object
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(jsonSchema)

const valid = [
  'variables: {}',
  'variables:\n  PORT: port\n  PLAIN:\n  LOG_LEVEL: { values: [debug, info], dev-default: debug }',
  'production-environments: [production, prod-eu]\nvariables:\n  API_URL: { type: url, required: [production], secret: true, parity: [staging, production] }',
  'variables:\n  REDIS_URL: { type: url, required-when: CACHE_ENABLED }\n  PEERS: { required-when: { MODE: [cluster, ha] } }\n  X: { required-when: [A, B] }',
  'variables:\n  SENTRY_DSN: { allow-empty: true, description: Errors go here }\n  TIMEOUT: { type: int, min: 1, max: 60, default: 30 }',
  'variables:\n  CODE: { pattern: "^[A-Z]{3}$" }\n  FLAG: { type: bool, default: false }'
]
const invalid = [
  'variables:\n  PORT: { required: yes }',
  'variables:\n  PORT: { required: production }',
  'variables:\n  PORT: { secret: "true" }',
  'variables:\n  PORT: { type: integer }',
  'variables:\n  PORT: { requried: true }',
  'variables:\n  PORT: { values: [] }',
  'variables:\n  PORT: { min: "1" }',
  'variables:\n  PORT: { default: [1] }',
  'variables:\n  PORT: { allow-empty: 1 }',
  'variables:\n  PORT: { required-when: 5 }',
  'variables:\n  PORT: { required-when: { MODE: { a: 1 } } }',
  'variables:\n  PORT: { parity: on }',
  'variables:\n  "BAD NAME": {}',
  'variable: {}',
  'variables: [PORT]'
]

describe('schemas/env.schema.json', () => {
  it.each(valid)('accepts what the gate accepts: %s', async text => {
    await expect(parseSchema(text, 'env.schema.yml')).resolves.toBeDefined()
    expect([validate(load(text)), validate.errors ?? []]).toEqual([true, []])
  })

  it.each(invalid)('refuses what the gate refuses: %s', async text => {
    await expect(parseSchema(text, 'env.schema.yml')).rejects.toThrow()
    expect(validate(load(text))).toBe(false)
  })

  it('is itself a valid JSON Schema that names itself', () => {
    expect(jsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'deploy-gates env schema'
    })
  })
})
