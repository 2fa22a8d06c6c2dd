import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { GateResult } from '../../src/types.js'
import { located, runEnv } from './gate-run.js'

// Token-shaped values are assembled at run time so that this repository never contains one.
const join = (...parts: string[]) => parts.join('')
const AWS_KEY = join('AKIA', 'Z7QX3M2KD9LPW4RT')
const GITHUB_TOKEN = join('ghp_', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A')
const STRIPE_KEY = join('sk_', 'live_', '51HqLyjWDarjtT1zdp7dcXBcd')
const PRIVATE_KEY = join(
  '-----BEGIN ',
  'RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA\\n-----END RSA ',
  'PRIVATE KEY-----'
)
const RANDOM_SECRET = 'f3a9c2e87b1d4f60a5e9c3b27d8f1e4a9b6c'

function workspace(files: Record<string, string>, { git = true, tracked = Object.keys(files) } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'env-gate-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  if (git) {
    execFileSync('git', ['init', '-q'], { cwd: dir })
    if (tracked.length > 0) execFileSync('git', ['add', '--', ...tracked], { cwd: dir })
  }
  return dir
}

describe('env gate: committed secrets', () => {
  const production = [
    `AWS_ACCESS_KEY_ID=${AWS_KEY}`,
    `GH_TOKEN=${GITHUB_TOKEN}`,
    `STRIPE_SECRET_KEY=${STRIPE_KEY}`,
    `TLS_KEY="${PRIVATE_KEY}"`,
    `SESSION_SECRET=${RANDOM_SECRET}`,
    'API_TOKEN=changeme',
    'BUILD_ID=f3a9c2e87b1d4f60a5e9c3b27d8f1e4a'
  ].join('\n')

  it('flags live-looking credentials in files git tracks, naming the kind and never the value', async () => {
    const dir = workspace(
      { '.env.production': production, '.env.staging': `AWS_ACCESS_KEY_ID=${AWS_KEY}\n` },
      { tracked: ['.env.production'] }
    )
    const result = await runEnv(dir, { 'env-files': '.env.production,.env.staging' })
    const committed = result.findings.filter(f => f.rule === 'committed-secret')
    expect(committed.map(f => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '.env.production:1:19 error AWS_ACCESS_KEY_ID holds what looks like an AWS access key ID, in a file tracked by git',
      '.env.production:2:10 error GH_TOKEN holds what looks like a GitHub token, in a file tracked by git',
      '.env.production:3:19 error STRIPE_SECRET_KEY holds what looks like a live Stripe secret key, in a file tracked by git',
      '.env.production:4:9 error TLS_KEY holds what looks like a private key, in a file tracked by git',
      '.env.production:5:16 error SESSION_SECRET holds what looks like a real secret (a long random value), in a file tracked by git'
    ])
    // The untracked staging file holds the same key: not committed, so not leaked.
    expect(committed.every(f => f.file === '.env.production')).toBe(true)
    for (const value of [AWS_KEY, GITHUB_TOKEN, STRIPE_KEY, RANDOM_SECRET]) {
      expect(JSON.stringify({ ...result, secrets: [] })).not.toContain(value)
      expect(result.secrets).toContain(value)
    }
  })

  it('grades a random value in a non-production file as a warning', async () => {
    const dir = workspace({ '.env.staging': `SESSION_SECRET=${RANDOM_SECRET}\n` })
    const result = await runEnv(dir, { 'env-files': '.env.staging' })
    expect(result.findings.map(f => `${f.rule} ${f.severity}`)).toEqual(['committed-secret warning'])
  })

  it('does not guess outside a git work tree', async () => {
    const dir = workspace({ '.env.production': production }, { git: false })
    const result = await runEnv(dir, { 'env-files': '.env.production' })
    expect(result.findings.filter(f => f.rule === 'committed-secret')).toEqual([])
  })
})

describe('env gate: the job environment (check-process-env)', () => {
  const schema = [
    'variables:',
    '  DATABASE_URL: { type: url, secret: true }',
    '  STRIPE_SECRET_KEY: { secret: true, pattern: "^sk_(live|test)_" }',
    '  WORKERS: { type: int }',
    '  SENTRY_DSN: { type: url, required: [production] }'
  ].join('\n')

  it('checks values without showing them, and reports required keys it lacks', async () => {
    const dir = workspace({ 'env.schema.yml': schema }, { git: false })
    const result = await runEnv(
      dir,
      { schema: 'env.schema.yml', 'check-process-env': 'true', environment: 'production' },
      {
        DATABASE_URL: 'not a url CANARY_db_7f3e',
        STRIPE_SECRET_KEY: 'CANARY_stripe_91ab',
        WORKERS: 'four',
        PATH: '/usr/bin'
      }
    )
    expect(result.findings.map(f => [f.rule, f.file, f.message])).toEqual([
      [
        'invalid-type',
        undefined,
        'DATABASE_URL in the process environment is not a URL with a scheme and host (e.g. https://host/path)'
      ],
      [
        'pattern-mismatch',
        undefined,
        'STRIPE_SECRET_KEY in the process environment does not match the pattern /^sk_(live|test)_/'
      ],
      ['invalid-type', undefined, 'WORKERS in the process environment is not a whole number'],
      [
        'missing-key',
        undefined,
        'SENTRY_DSN is required in production (env.schema.yml) but not set in the process environment'
      ]
    ])
    expect(result.secrets.sort()).toEqual(['CANARY_stripe_91ab', 'not a url CANARY_db_7f3e'])
  })
})

/** Every text a user can see, everything of the result except `secrets`. */
function visibleText(result: GateResult): string {
  return JSON.stringify({ ...result, secrets: undefined })
}

describe('env gate: secret canary', () => {
  it('never shows a secret value in findings, sections, scope, outputs or data', async () => {
    const schema = [
      'variables:',
      '  API_SIGNING_KEY: { secret: true, parity: true, pattern: "^key_" }',
      '  DATABASE_URL: { type: url, parity: true }',
      '  OPAQUE: { secret: true, type: int }',
      '  CI_ONLY_SECRET: { secret: true, type: url }'
    ].join('\n')
    const staging = [
      'API_SIGNING_KEY=CANARY_s3cr3t_9f8e7d_staging',
      'DATABASE_URL=postgres://app:CANARY_s3cr3t_9f8e7d_dbpw@localhost/app',
      'OPAQUE="CANARY_s3cr3t_9f8e7d_unterminated',
      'SERVICE_PASSWORD=CANARY_s3cr3t_9f8e7d#cut',
      'SERVICE_PASSWORD=CANARY_s3cr3t_9f8e7d_dup',
      'REF_TOKEN=${CANARY_s3cr3t_9f8e7d_missing}'
    ].join('\n')
    const production = [
      'API_SIGNING_KEY=CANARY_s3cr3t_9f8e7d_production',
      'DATABASE_URL=postgres://app:CANARY_s3cr3t_9f8e7d_dbpw2@127.0.0.1/app',
      "OPAQUE='CANARY_s3cr3t_9f8e7d' extra",
      'SERVICE_PASSWORD=changeme',
      'EXTRA_TOKEN=CANARY_s3cr3t_9f8e7d_extra'
    ].join('\n')
    const dir = workspace({
      'env.schema.yml': schema,
      '.env.staging': staging,
      '.env.production': production
    })
    const result = await runEnv(
      dir,
      {
        schema: 'env.schema.yml',
        'env-files': '.env.staging,.env.production',
        'check-process-env': 'true',
        environment: 'production'
      },
      { CI_ONLY_SECRET: 'CANARY_s3cr3t_9f8e7d_process' }
    )
    // The run found plenty to say about these values…
    expect(new Set(result.findings.map(f => f.rule))).toEqual(
      new Set([
        'pattern-mismatch',
        'parity-drift',
        'localhost-url',
        'unterminated-quote',
        'text-after-quote',
        'unquoted-hash',
        'duplicate-key',
        'unresolved-reference',
        'invalid-type',
        'placeholder-value',
        'missing-in-environment',
        'undeclared-key',
        'committed-secret',
        'missing-key'
      ])
    )
    // …without showing a single one of them, while handing every one to the reporter to mask.
    expect(visibleText(result)).not.toMatch(/s3cr3t_9f8e7d(_|\b)(?!missing)/)
    expect(result.secrets).toEqual(
      expect.arrayContaining([
        'CANARY_s3cr3t_9f8e7d_staging',
        'CANARY_s3cr3t_9f8e7d_production',
        'CANARY_s3cr3t_9f8e7d_dbpw',
        'CANARY_s3cr3t_9f8e7d_dbpw2',
        'CANARY_s3cr3t_9f8e7d_extra',
        'CANARY_s3cr3t_9f8e7d_dup',
        'CANARY_s3cr3t_9f8e7d_process'
      ])
    )
    expect(located(result.findings, 'localhost-url')).toEqual(['localhost-url .env.production:2:14'])
    expect(result.findings.find(f => f.rule === 'localhost-url')!.message).toBe(
      'DATABASE_URL in .env.production points at the local machine, which does not exist in production'
    )
  })
})

describe('looksRandom', () => {
  it('judges a URL by its credentials only', async () => {
    const { looksRandom } = await import('../../src/gates/env/secrets.js')
    expect(looksRandom('https://public-key@sentry.shop-internal.net/42')).toBe(false)
    expect(looksRandom('https://a1b2c3d4e5f60718293a4b5c6d7e8f90@o12345.ingest.sentry.io/42')).toBe(true)
    expect(looksRandom('https://cdn-7f3a9c2e87b1d4f60a5e9c3b.shop.com/assets')).toBe(false)
    expect(looksRandom(RANDOM_SECRET)).toBe(true)
    expect(looksRandom('production-session-secret-value')).toBe(false)
  })
})
