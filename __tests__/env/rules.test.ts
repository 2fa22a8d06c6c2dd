import { afterEach, describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import { FIXTURES, located, runEnv } from './gate-run.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'
import { configureFileAccess } from '../../src/kernel/files.js'

afterEach(() => configureFileAccess({ allowPaths: [] }))

const fixture = (name: string) => path.join(FIXTURES, name)

describe('env gate: values against a YAML schema', () => {
  it('reports each broken value at the column where the value starts', async () => {
    const result = await runEnv(fixture('rules'), {
      schema: 'schema.yml',
      'env-files': '.env.staging\n.env.production'
    })
    expect(located(result.findings)).toEqual([
      'missing-in-environment .env.staging',
      'placeholder-value .env.staging:10:18',
      'undeclared-key .env.staging:11:1',
      'missing-key .env.production',
      'invalid-type .env.production:1:6',
      'out-of-range .env.production:2:9',
      'invalid-type .env.production:3:7',
      'invalid-enum .env.production:4:11',
      'pattern-mismatch .env.production:5:12',
      'localhost-url .env.production:6:9',
      'invalid-type .env.production:7:9',
      'invalid-type .env.production:8:13',
      'private-network-url .env.production:9:9',
      'placeholder-value .env.production:10:18',
      'invalid-type .env.production:11:15',
      'placeholder-value .env.production:12:19',
      'undeclared-key .env.production:14:1',
      'undeclared-key .env.production:15:1'
    ])
    const message = (rule: string, file: string) =>
      result.findings.find(f => f.rule === rule && f.file === file)!
    expect(message('missing-key', '.env.production').message).toBe(
      'SENTRY_DSN is required in production (schema.yml) but not set in .env.production'
    )
    expect(message('out-of-range', '.env.production').message).toBe(
      "WORKERS in .env.production is above the maximum 16 (got '32')"
    )
    expect(message('invalid-enum', '.env.production').message).toBe(
      "LOG_LEVEL in .env.production is not one of debug, info, warn, error (got 'verbose')"
    )
    expect(message('localhost-url', '.env.production').message).toBe(
      'API_URL in .env.production points at localhost, which does not exist in production'
    )
    // A secret's placeholder is reported without quoting it.
    expect(message('placeholder-value', '.env.production').message).toBe(
      'PAYMENTS_API_KEY in .env.production is a placeholder, not a real value'
    )
    expect(result.findings.find(f => f.line === 15)!.message).toBe(
      'ADMIN_EMAL is not declared in schema.yml (did you mean ADMIN_EMAIL?)'
    )
  })

  it('grades by environment: a placeholder is an error in production and a warning in staging', async () => {
    const result = await runEnv(fixture('rules'), {
      schema: 'schema.yml',
      'env-files': '.env.staging,.env.production'
    })
    const severities = result.findings
      .filter(f => f.rule === 'placeholder-value')
      .map(f => `${f.file}:${f.line} ${f.severity}`)
    expect(severities).toEqual([
      '.env.staging:10 warning',
      '.env.production:10 error',
      '.env.production:12 error'
    ])
    // localhost in staging is normal; only production is checked for it.
    expect(located(result.findings, 'localhost-url')).toEqual(['localhost-url .env.production:6:9'])
  })
})

describe('env gate: across environments', () => {
  it('reports a key set in staging but missing in production on the production file', async () => {
    // As on a runner: the workspace is the repository, the schema sits outside the working directory.
    configureFileAccess({ root: path.resolve(FIXTURES, '..', '..'), allowPaths: [] })
    const result = await runEnv(
      path.resolve(FIXTURES, '..', '..', 'examples', 'breakages', 'env-missing-in-production'),
      {
        schema: '../../service/env.schema.yml',
        'env-files': '.env.staging,.env.production'
      }
    )
    expect(result.findings.filter(f => f.severity === 'error').map(f => [f.rule, f.file, f.message])).toEqual(
      [
        [
          'missing-in-environment',
          '.env.production',
          'SEARCH_API_URL is set in .env.staging (line 16) but missing from .env.production'
        ],
        [
          'missing-in-environment',
          '.env.production',
          'SEARCH_API_KEY is set in .env.staging (line 17) but missing from .env.production'
        ]
      ]
    )
  })

  it('passes the example service as it is', async () => {
    const good = await runEnv(path.resolve(FIXTURES, '..', '..', 'examples', 'service'), {
      schema: 'env.schema.yml',
      'env-files': '.env.staging,.env.production'
    })
    expect(good.findings).toEqual([])
    expect(good.scope).toBe(
      '2 env files (staging, production), 17 keys; schema env.schema.yml (17 variables)'
    )
  })

  it('treats plain .env as a base layer shared by every environment', async () => {
    const result = await runEnv(fixture('layers'), { 'env-files': '.env,.env.staging,.env.production' })
    expect(located(result.findings)).toEqual([
      'missing-in-environment .env.production',
      'localhost-url .env.production:2:12'
    ])
    expect(result.findings[0]!.message).toBe(
      'STAGING_ONLY is set in .env.staging (line 2) but missing from .env and .env.production'
    )
    expect(result.data!.environments).toEqual([
      { name: 'staging', production: false, files: ['.env', '.env.staging'], keys: 5, processEnv: false },
      { name: 'production', production: true, files: ['.env', '.env.production'], keys: 4, processEnv: false }
    ])
  })

  it('shows parity drift side by side, redacting secrets but showing which values are equal', async () => {
    const result = await runEnv(fixture('parity'), {
      schema: 'schema.yml',
      'env-files': '.env.development,.env.staging,.env.production'
    })
    expect(result.findings.map(f => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'parity-drift .env.staging:4:13 SIGNING_KEY must be equal across environments but differs: development (.env.development:4) vs staging (.env.staging:4)',
      "parity-drift .env.production:3:11 CACHE_TTL must be equal across environments but differs: development (.env.development:2): '60' vs production (.env.production:3): '300'",
      'parity-drift .env.production:5:13 SIGNING_KEY must be equal across environments but differs: development (.env.development:4) vs production (.env.production:5)'
    ])
    const [section] = result.sections
    expect(section!.heading).toBe('Parity across environments')
    expect(sectionMarkdown(section!).split('\n')).toEqual([
      '|  | Variable | development | staging | production |',
      '| --- | --- | --- | --- | --- |',
      '| ❌ | <code>CACHE_TTL</code> | 60<br>.env.development:2 | 60<br>.env.staging:2 | 300<br>.env.production:3 |',
      '| ✅ | <code>REQUEST_TIMEOUT</code> | 5s<br>.env.development:3 | 5s<br>.env.staging:3 | 5s<br>.env.production:4 |',
      '| ❌ | <code>SIGNING_KEY (secret)</code> | ••• A<br>.env.development:4 | ••• B<br>.env.staging:4 | ••• B<br>.env.production:5 |',
      '| ✅ | <code>FEATURE_X</code> | · | false<br>.env.staging:5 | false<br>.env.production:6 |',
      '',
      'Secret values are never shown: the same letter means the same value.'
    ])
    expect(JSON.stringify(result.data)).not.toContain('signing-key-value')
    expect(result.secrets).toEqual(
      expect.arrayContaining(['dev-signing-key-value', 'shared-signing-key-value'])
    )
  })
})

describe('env gate: references', () => {
  it('reports each reference that expands to nothing at the column of its $', async () => {
    const result = await runEnv(fixture('references'), { 'env-files': '.env.staging' })
    expect(located(result.findings)).toEqual([
      'unresolved-reference .env.staging:3:23',
      'unresolved-reference .env.staging:5:13',
      'unresolved-reference .env.staging:6:17',
      'unresolved-reference .env.staging:8:5',
      'unresolved-reference .env.staging:11:6',
      'unresolved-reference .env.staging:13:8'
    ])
    expect(result.findings.map(f => f.message)).toEqual([
      'CALLBACK_URL refers to APP_HOSTNAME, which is not set in .env.staging, so it expands to an empty string',
      'DB_PASSWORD refers to MISSING_SECRET, which is not set in .env.staging, so it expands to an empty string',
      // dotenv-expand expands inside single quotes too (dotenv has already removed them).
      'GREETING refers to USER_NAME, which is not set in .env.staging, so it expands to an empty string',
      "BAD uses '${VAR:?must be set}', which dotenv-expand does not understand, so it expands to an empty string",
      'SELF refers to itself, so dotenv-expand replaces the reference with an empty string',
      'MULTI refers to NOPE, which is not set in .env.staging, so it expands to an empty string'
    ])
  })

  it('resolves references from the job environment when it is checked', async () => {
    const result = await runEnv(
      fixture('references'),
      { 'env-files': '.env.staging', schema: 'schema.yml', 'check-process-env': 'true' },
      {
        APP_HOSTNAME: 'orders.shop.com',
        MISSING_SECRET: 'from-the-secret-store',
        USER_NAME: 'ci',
        NOPE: 'y',
        DEPLOY_REGION: 'eu'
      }
    )
    expect(located(result.findings, 'unresolved-reference')).toEqual([
      'unresolved-reference .env.staging:8:5',
      'unresolved-reference .env.staging:11:6'
    ])
    expect(result.findings.filter(f => f.rule === 'missing-key')).toEqual([])
    expect(result.scope).toBe(
      '1 env file (staging), 12 keys; schema schema.yml (3 variables); process environment as staging'
    )
  })
})

describe('env gate: .env.example as the schema', () => {
  it('requires every key of the example and checks the example file itself', async () => {
    const result = await runEnv(fixture('example-schema'), {
      schema: '.env.example',
      'env-files': '.env.staging,.env.production'
    })
    expect(located(result.findings)).toEqual([
      'missing-key .env.production',
      'localhost-url .env.production:1:14',
      'empty-value .env.production:2:19',
      'malformed-line .env.example:5:1'
    ])
    expect(result.findings[0]!.message).toBe(
      'REDIS_URL is required (.env.example) but not set in .env.production'
    )
  })
})

describe('env gate: syntax problems surface as findings', () => {
  it('reports the parser’s problems with file, line and column', async () => {
    const result = await runEnv(fixture('syntax'), { 'env-files': '.env.broken' })
    expect(located(result.findings).slice(0, 4)).toEqual([
      'malformed-line .env.broken:3:1',
      'malformed-line .env.broken:4:1',
      'invalid-key-name .env.broken:5:3',
      'non-portable-key-name .env.broken:6:1'
    ])
    expect(result.findings.filter(f => f.severity === 'error')).toHaveLength(6)
  })
})
