import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { environmentFromFileName, parseEnvInputs } from '../../src/gates/env/config.js'
import { UserError } from '../../src/errors.js'
import { mapInputSource } from '../../src/inputs.js'
import { runEnv } from './gate-run.js'

const parse = (inputs: Record<string, string>) => parseEnvInputs(mapInputSource(inputs))
const failure = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a failure')
}

describe('env gate inputs', () => {
  it('derives each file’s environment from its name', () => {
    expect(
      [
        '.env.production',
        'config/.env.staging',
        '.env.staging.local',
        'production.env',
        '.env',
        'ci/PREVIEW.env'
      ].map(environmentFromFileName)
    ).toEqual(['production', 'staging', 'staging', 'production', 'default', 'preview'])
  })

  it('applies one environment name to files whose names say nothing, and names the process environment', () => {
    expect(parse({ 'env-files': '.env', environment: 'Production' }).environments).toEqual(['production'])
    expect(
      parse({
        'env-files': '.env.staging,.env.production',
        environment: 'production',
        schema: 's.yml',
        'check-process-env': 'true'
      })
    ).toEqual({
      schema: 's.yml',
      envFiles: ['.env.staging', '.env.production'],
      environments: ['staging', 'production'],
      processEnvironment: 'production',
      checkProcessEnv: true
    })
    expect(parse({ 'env-files': 'a.txt\nb.txt', environment: 'staging\nproduction' }).environments).toEqual([
      'staging',
      'production'
    ])
  })

  it.each([
    [{}, '--env-files is required: the .env files to check (or set --check-process-env to true)'],
    [
      { 'check-process-env': 'true' },
      '--check-process-env needs --schema: the schema says what the process environment must contain'
    ],
    [
      { 'env-files': '.env', 'check-process-env': 'maybe' },
      "--check-process-env must be true or false (got 'maybe')"
    ],
    [
      { 'env-files': 'a.env,b.env,c.env', environment: 'x,y' },
      '--environment must be one name, or one per env file (3); got 2'
    ],
    [
      { 'env-files': '.env', environment: 'prod env' },
      "--environment must be environment names like production or staging (got 'prod env')"
    ],
    [
      { 'env-files': '.env.staging,.env.production', schema: 's.yml', 'check-process-env': 'true' },
      '--environment is needed with --check-process-env when the env files cover several environments (staging, production): name the one this job deploys'
    ]
  ])('rejects %j with a message naming the input', (inputs, message) => {
    expect(() => parse(inputs)).toThrow(message)
  })
})

describe('env gate: files it cannot use', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'env-gate-bad-'))
  mkdirSync(path.join(dir, '.env.dir'))
  writeFileSync(path.join(dir, '.env.binary'), Buffer.from([0x41, 0x3d, 0x00, 0x01, 0x02]))
  writeFileSync(path.join(dir, '.env.huge'), '')
  truncateSync(path.join(dir, '.env.huge'), 50 * 1024 * 1024)
  writeFileSync(path.join(dir, 'schema.yml'), 'variables:\n  A: {type: int\n')

  it.each([
    ['.env.missing', '.env.missing: file not found'],
    ['.env.dir', '.env.dir: is a directory, expected a file'],
    ['.env.binary', '.env.binary: is a binary file, expected text'],
    [
      '.env.huge',
      '.env.huge: file is 50.0 MB, larger than the 1 MB limit for env files (raise it with the max-file-size input)'
    ]
  ])('%s → one line naming the file', async (file, message) => {
    const error = await failure(runEnv(dir, { 'env-files': file }))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toBe(message)
  })

  it('names the schema file and line when the schema is broken or missing', async () => {
    expect((await failure(runEnv(dir, { 'env-files': '.env.binary', schema: 'nope.yml' }))).message).toBe(
      'nope.yml: file not found'
    )
    const error = await failure(runEnv(dir, { 'env-files': '.env.binary', schema: 'schema.yml' }))
    expect(error.message).toMatch(/^schema\.yml:3:1: not valid YAML: /)
  })
})
