// The env gate on the inputs that once failed open or blew up (issue 10) and its edge cases (issue 13), run
// in-process on real files: each case checks the finding a user sees, at its line, or the one-line error.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { FileError } from '../../src/errors.js'
import { catalog } from '../../src/gates/env/catalog.js'
import { configureFileAccess } from '../../src/kernel/files.js'
import type { GateResult } from '../../src/types.js'
import { located, runEnv } from './gate-run.js'

const dirs: string[] = []
afterEach(() => {
  configureFileAccess({ allowPaths: [] })
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'env-edge-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

async function check(
  files: Record<string, string>,
  inputs: Record<string, string> = {}
): Promise<GateResult> {
  const envFiles = Object.keys(files).filter(name => name.startsWith('.env'))
  return runEnv(workspace(files), {
    'env-files': envFiles.join(','),
    ...(files['env.schema.yml'] ? { schema: 'env.schema.yml' } : {}),
    ...inputs
  })
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a failure')
}

const messages = (result: GateResult, rule: string) =>
  result.findings.filter(finding => finding.rule === rule).map(finding => finding.message)

describe('bounded parsing and expansion', () => {
  it('parses a 7 MB quoted value without overflowing the stack', async () => {
    configureFileAccess({ allowPaths: [], maxBytes: 8 * 1024 * 1024 })
    const result = await check({ '.env.production': `CERT="${'A'.repeat(7 * 1024 * 1024)}"\nPORT=1\n` })
    expect(result.scope).toBe('1 env file (production), 2 keys')
  })

  it('reads 100,000 lines of escaped quotes in linear time', async () => {
    const started = performance.now()
    const result = await check({ '.env.production': 'A="\\"x\n'.repeat(100_000) })
    expect(performance.now() - started).toBeLessThan(15_000)
    // 99,999 duplicates: 100 listed, the rest summed up in one finding.
    expect(messages(result, 'duplicate-key').length).toBe(101)
    expect(messages(result, 'duplicate-key').at(-1)).toBe(
      '99899 more duplicate-key findings in .env.production are not listed (the first is here)'
    )
  })

  it('stops an exponential expansion at its limit and says so (A=${A}x, B=${A}x, C=${B}x)', async () => {
    const lines = ['A=${A}x', 'B=${A}x${A}x', 'C=${B}${B}${B}${B}']
    for (let i = 0; i < 30; i++)
      lines.push(`D${i}=\${${i === 0 ? 'C' : `D${i - 1}`}}\${${i === 0 ? 'C' : `D${i - 1}`}}`)
    const started = performance.now()
    const before = process.memoryUsage().rss
    const result = await check({ '.env.production': `${lines.join('\n')}\n` })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
    // dotenv-expand re-expands B's own written value while expanding it: B grows without end.
    expect(messages(result, 'expansion-too-large')[0]).toBe(
      'B expands past the limit (64 KB or 2,000 replacements a value): its references repeat other references'
    )
    expect(messages(result, 'unresolved-reference')).toContain(
      'A refers to itself, so dotenv-expand replaces the reference with an empty string'
    )
  })

  it('reports a reference cycle once, at the reference that closes it', async () => {
    const result = await check({ '.env.production': 'A=$B\nB=${C}\nC=x$A\nD=$D2\nD2=ok\n' })
    expect(located(result.findings, 'reference-cycle')).toEqual(['reference-cycle .env.production:1:3'])
    expect(messages(result, 'reference-cycle')).toEqual([
      'A, B, C refer to each other (A → B → C → A), so dotenv-expand cannot give them the values written'
    ])
  })

  it('reports ${A:-$B} with both unset, and an unclosed ${QUX', async () => {
    const result = await check({
      '.env.production': 'URL=${A:-$B}\nOK=${A:-$HOME_SET}\nHOME_SET=1\nBAD=pre${QUX\n'
    })
    expect(messages(result, 'unresolved-reference')).toEqual([
      'URL refers to A, which is not set in .env.production, and its fallback B is not set either, so it expands to an empty string'
    ])
    expect(located(result.findings, 'unclosed-reference')).toEqual(['unclosed-reference .env.production:4:8'])
  })

  it('never quotes a secret value, not even its unsupported ${…} part', async () => {
    const result = await check({ '.env.production': 'API_SECRET="pre${UNSET:?PART}"\nPLAIN=${X:?why}\n' })
    const texts = result.findings.map(finding => `${finding.message} ${finding.help}`).join('\n')
    expect(texts).not.toMatch(/PART|pre\$/)
    expect(messages(result, 'unresolved-reference')).toEqual([
      'API_SECRET uses a reference form dotenv-expand does not understand, so it expands to an empty string',
      "PLAIN uses '${X:?why}', which dotenv-expand does not understand, so it expands to an empty string"
    ])
    expect(result.secrets).toContain('pre${UNSET:?PART}')
  })
})

describe('confinement and file kinds', () => {
  it('refuses an env file symlinked outside the workspace, without its value', async () => {
    const outside = workspace({ 'secret.env': 'TOKEN=canary_outside_42\n' })
    const dir = workspace({})
    symlinkSync(path.join(outside, 'secret.env'), path.join(dir, '.env.production'))
    const error = await failure(runEnv(dir, { 'env-files': '.env.production' }))
    expect(error).toBeInstanceOf(FileError)
    expect(error.message).toBe(
      '.env.production: is outside the workspace (through a symbolic link); list its directory in the allow-paths input to read it'
    )
  })
})

describe('schema fields accept only their documented types and values', () => {
  // Each field is written on line 3 (`    field: value`); the error points at the value, or at the key for an unknown key.
  it.each([
    [
      'required: yes',
      '\'required\' must be true, false or a list of environment names (got the string "yes"; write true)'
    ],
    [
      'required: production',
      '\'required\' must be true, false or a list of environment names (got the string "production"; write [production] for one environment)'
    ],
    [
      'parity: on',
      '\'parity\' must be true, false or a list of environment names (got the string "on"; write true)'
    ],
    ['secret: "true"', '\'secret\' must be true or false (got string "true")'],
    ['allow-empty: 1', "'allow-empty' must be true or false (got number 1)"],
    ['min: "1"', '\'min\' must be a number (got string "1")'],
    [
      'required-when: [1]',
      "'required-when' must be a variable name, a list of names, or a mapping of names to values (got number 1)"
    ],
    ['dev-default: [a]', "'dev-default' must be a single value"],
    ['dev-default: "x"', 'the dev-default is not a port number from 1 to 65535'],
    [
      'pattern: "^(a+)+(?=b)"',
      "'pattern' uses a lookahead ((?=…) or (?!…)), which needs a backtracking engine: refused"
    ],
    ['requried: true', "unknown key 'requried' (did you mean 'required'?)"]
  ])('%s is a schema error at its line', async (field, message) => {
    const dir = workspace({
      'env.schema.yml': `variables:\n  PORT:\n    ${field}\n    type: port\n`,
      '.env.production': 'PORT=80\n'
    })
    const column = field.startsWith('requried') ? 5 : 5 + field.indexOf(': ') + 2
    const error = await failure(runEnv(dir, { 'env-files': '.env.production', schema: 'env.schema.yml' }))
    expect(error).toBeInstanceOf(FileError)
    expect(error.message).toBe(`env.schema.yml:3:${column}: variable PORT: ${message}`)
  })

  it('refuses an alias bomb in the schema before expanding it', async () => {
    let bomb = 'x0: &x0 [a, a, a, a, a, a, a, a, a]\n'
    for (let i = 1; i < 9; i++)
      bomb += `x${i}: &x${i} [${Array(9)
        .fill(`*x${i - 1}`)
        .join(', ')}]\n`
    const dir = workspace({ 'env.schema.yml': `${bomb}variables: {}\n`, '.env.production': 'A=1\n' })
    const error = await failure(runEnv(dir, { 'env-files': '.env.production', schema: 'env.schema.yml' }))
    expect(error.message).toMatch(/^env\.schema\.yml:1: the document expands to more than 200,000 nodes/)
  })
})

describe('envalid and dotenv-safe features', () => {
  const schema = [
    'production-environments: [production]',
    'variables:',
    '  LOG_LEVEL: { values: [debug, info], dev-default: debug }',
    '  REDIS_URL: { type: url, required-when: CACHE_ENABLED }',
    '  CLUSTER_PEERS: { required-when: { MODE: [cluster, ha] } }',
    '  CACHE_ENABLED: { required: false }',
    '  MODE: { values: [single, cluster, ha], default: single }',
    '  SENTRY_DSN: { allow-empty: true }',
    ''
  ].join('\n')

  it('dev-default: not required outside production, required in production', async () => {
    const result = await check({
      'env.schema.yml': schema,
      '.env.staging': 'SENTRY_DSN=\n',
      '.env.production': 'SENTRY_DSN=\n'
    })
    expect(messages(result, 'missing-key')).toEqual([
      'LOG_LEVEL is required in production because its dev-default does not apply in production (env.schema.yml) but not set in .env.production'
    ])
    expect(messages(result, 'empty-value')).toEqual([])
  })

  it('required-when: by presence and by value', async () => {
    const result = await check({
      'env.schema.yml': schema,
      '.env.production': 'LOG_LEVEL=info\nSENTRY_DSN=\nCACHE_ENABLED=true\nMODE=ha\n'
    })
    expect(messages(result, 'missing-key')).toEqual([
      'REDIS_URL is required in production because CACHE_ENABLED is set (env.schema.yml) but not set in .env.production',
      'CLUSTER_PEERS is required in production because MODE is one of cluster, ha (env.schema.yml) but not set in .env.production'
    ])
    const quiet = await check({
      'env.schema.yml': schema,
      '.env.production': 'LOG_LEVEL=info\nSENTRY_DSN=\nMODE=single\n'
    })
    expect(messages(quiet, 'missing-key')).toEqual([])
  })

  it('allow-empty: an empty value counts as set; without it an empty required value is an error', async () => {
    const result = await check({
      'env.schema.yml': 'variables:\n  SENTRY_DSN: { allow-empty: true }\n  API_URL: {}\n',
      '.env.production': 'SENTRY_DSN=\nAPI_URL=\n'
    })
    expect(located(result.findings, 'empty-value')).toEqual(['empty-value .env.production:2:9'])
  })
})

describe('hosts', () => {
  it('0.0.0.0 and :: are listen-on-every-interface values, not localhost', async () => {
    const result = await check({ '.env.production': 'HOST=0.0.0.0\nBIND_ADDRESS=::\nLISTEN_HOST=[::]\n' })
    expect(result.findings.filter(finding => finding.severity !== 'notice')).toEqual([])
  })

  it.each([
    'http://[::ffff:127.0.0.1]:3000',
    'http://[::1]:3000',
    'http://127.1.2.3/',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://0.0.0.0:8080/',
    'http://localhost./'
  ])('%s in production is a loopback URL', async url => {
    const result = await check({ '.env.production': `API_URL=${url}\n` })
    expect(located(result.findings, 'localhost-url')).toEqual(['localhost-url .env.production:1:9'])
  })

  it('a private IPv4-mapped IPv6 address is private', async () => {
    const result = await check({ '.env.production': 'API_URL=http://[::ffff:10.1.2.3]/\n' })
    expect(located(result.findings, 'private-network-url')).toEqual([
      'private-network-url .env.production:1:9'
    ])
  })
})

describe('multi-line values', () => {
  it('a PEM block in a quoted value is no swallowed assignment', async () => {
    const pem = [
      'PUBLIC_KEY="-----BEGIN PUBLIC KEY-----',
      'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnNl1tL3QjKp3DZWM0T3u',
      'LgGJQwu9WqyzHKZ6WIA5T+7zPjO1L8l3S8k8YzBrfH4mqWOD1GBI8Yjq2L1ac3Y/',
      'u4QuUoobAgMBAAE=',
      'AB==',
      '-----END PUBLIC KEY-----"',
      'NEXT=1',
      'SPLIT="first',
      'LOST_KEY=value"',
      ''
    ].join('\n')
    const result = await check({ '.env.production': pem })
    expect(located(result.findings, 'swallowed-assignment')).toEqual([
      'swallowed-assignment .env.production:9:1'
    ])
  })
})

describe('catalog', () => {
  it('every rule the gate reports is in its catalog', async () => {
    const result = await check({
      'env.schema.yml': 'variables:\n  PORT: { type: port }\n',
      '.env.production': 'PORT=x\nA=$B\nB=$A\nC=${D\nbad line\n'
    })
    expect(result.findings.length).toBeGreaterThan(3)
    for (const finding of result.findings) expect(catalog.has(finding.rule)).toBe(true)
  })
})
