import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { FileError } from '../../src/errors.js'
import { parseSchema, valueProblem } from '../../src/gates/env/schema.js'
import { FIXTURES } from './gate-run.js'

const schemaError = async (name: string): Promise<string> => {
  const text = readFileSync(path.join(FIXTURES, 'schema-errors', name), 'utf8')
  try {
    await parseSchema(text, name)
  } catch (error) {
    expect(error).toBeInstanceOf(FileError)
    return (error as Error).message
  }
  throw new Error(`${name} parsed without an error`)
}

describe('YAML schema', () => {
  it('reads every rule of a variable', async () => {
    const schema = await parseSchema(
      [
        'production-environments: [production, prod-eu]',
        'variables:',
        '  PORT: { type: port, default: 8080, parity: true, min: 1024 }',
        '  LOG_LEVEL: { values: [debug, info], description: How chatty }',
        '  SENTRY_DSN: { type: url, secret: true, required: [Production] }',
        '  PLAIN:',
        '  SHORT: url'
      ].join('\n'),
      'env.schema.yml'
    )
    expect(schema.productionEnvironments).toEqual(['production', 'prod-eu'])
    expect(schema.variables.get('PORT')).toEqual({
      name: 'PORT',
      required: false,
      allowEmpty: false,
      type: 'port',
      secret: false,
      parity: true,
      default: '8080',
      min: 1024
    })
    expect(schema.variables.get('LOG_LEVEL')).toMatchObject({
      type: 'enum',
      values: ['debug', 'info'],
      required: true
    })
    expect(schema.variables.get('SENTRY_DSN')).toMatchObject({ secret: true, required: ['production'] })
    expect(schema.variables.get('PLAIN')).toMatchObject({ type: 'string', required: true, parity: false })
    expect(schema.variables.get('SHORT')).toMatchObject({ type: 'url' })
  })

  it('treats every key of a .env.example as a required variable, secret when its name says so', async () => {
    const schema = await parseSchema(
      'DATABASE_URL=postgres://localhost/app\nSTRIPE_SECRET_KEY=sk_test_x\nREDIS_URL=\n',
      '.env.example'
    )
    expect(schema.format).toBe('env-example')
    expect([...schema.variables.values()].map(v => [v.name, v.required, v.secret])).toEqual([
      ['DATABASE_URL', true, false],
      ['STRIPE_SECRET_KEY', true, true],
      ['REDIS_URL', true, false]
    ])
  })

  it.each([
    ['bad-indent.yml', 'bad-indent.yml:4:4: not valid YAML: bad indentation of a mapping entry'],
    ['duplicate.yml', 'duplicate.yml:4:3: not valid YAML: duplicated mapping key'],
    [
      'unknown-key.yml',
      "unknown-key.yml:7:5: variable CACHE_TTL: unknown key 'parrity' (did you mean 'parity'?)"
    ],
    [
      'unknown-type.yml',
      'unknown-type.yml:4:11: variable WORKERS: unknown type "integer" (expected one of string, url, int, number, port, bool, enum, email, duration, json, host, uuid)'
    ],
    [
      'enum-without-values.yml',
      "enum-without-values.yml:3:11: variable LOG_LEVEL: type enum needs 'values', the list of accepted values"
    ],
    [
      'bad-pattern.yml',
      "bad-pattern.yml:3:14: variable CODE: 'pattern' is not a valid regular expression (/([a-z]+/u: Unterminated group)"
    ],
    ['bad-default.yml', 'bad-default.yml:4:14: variable WORKERS: the default is not a whole number'],
    [
      'unknown-top-level.yml',
      "unknown-top-level.yml:1:1: unknown top-level key 'varaibles' (expected variables or production-environments)"
    ],
    ['list.yml', "list.yml:1:1: the schema must be a mapping with a 'variables' key (got a list)"],
    [
      'bad-flag.yml',
      `bad-flag.yml:2:22: variable API_KEY: 'secret' must be true or false (got string "yes-please")`
    ],
    [
      'bad-required.yml',
      "bad-required.yml:3:15: variable FLAGS: 'required' must be true, false or a list of environment names (got a list)"
    ],
    [
      'min-on-string.yml',
      "min-on-string.yml:4:10: variable RATIO: 'min' applies to types int, number and port (this one is string)"
    ]
  ])('rejects %s with the file, line and column of the mistake', async (name, message) => {
    expect(await schemaError(name)).toBe(message)
  })
})

describe('valueProblem', () => {
  const rule = (fields: object) => ({
    name: 'X',
    required: true,
    type: 'string' as const,
    secret: false,
    parity: false,
    ...fields
  })
  it.each([
    [{ type: 'port' }, '8080', undefined],
    [{ type: 'port' }, '0', 'invalid-type'],
    [{ type: 'port' }, '65536', 'invalid-type'],
    [{ type: 'int' }, '-3', undefined],
    [{ type: 'int' }, '3.5', 'invalid-type'],
    [{ type: 'number' }, '3.5e2', undefined],
    [{ type: 'bool' }, 'Yes', undefined],
    [{ type: 'bool' }, 'maybe', 'invalid-type'],
    [{ type: 'url' }, 'postgres://u:p@db:5432/app', undefined],
    [{ type: 'url' }, 'sqlite:///data/app.db', undefined],
    [{ type: 'url' }, 'db.internal:5432', 'invalid-type'],
    [{ type: 'email' }, 'ops@shop.com', undefined],
    [{ type: 'email' }, 'ops@shop', 'invalid-type'],
    [{ type: 'duration' }, '1m30s', undefined],
    [{ type: 'duration' }, '90', 'invalid-type'],
    [{ type: 'json' }, '{"a":[1]}', undefined],
    [{ type: 'json' }, "{'a':1}", 'invalid-type'],
    [{ type: 'host' }, 'db-1.internal', undefined],
    [{ type: 'host' }, '[::1]', undefined],
    [{ type: 'host' }, 'http://db', 'invalid-type'],
    [{ type: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000', undefined],
    [{ type: 'enum', values: ['a', 'b'] }, 'c', 'invalid-enum'],
    [{ type: 'int', min: 1, max: 16 }, '17', 'out-of-range'],
    [{ type: 'int', min: 1, max: 16 }, '0', 'out-of-range'],
    [{ pattern: /^sk_/u }, 'pk_123', 'pattern-mismatch']
  ])('%j: %s → %s', (fields, value, expected) => {
    expect(valueProblem(rule(fields) as never, value)?.rule).toBe(expected)
  })
})
