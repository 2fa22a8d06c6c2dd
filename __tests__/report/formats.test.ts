import { describe, expect, it } from '@jest/globals'
import { buildJunit, escapeXml } from '../../src/report/junit.js'
import { buildSarif } from '../../src/report/sarif.js'
import { finding, gateResult } from './fixtures.js'

const result = gateResult([
  finding({
    file: 'app/.env.production',
    line: 4,
    column: 3,
    endColumn: 9,
    severity: 'warning',
    rule: 'placeholder-value',
    message: 'API_KEY is a placeholder',
    help: 'Set a real value'
  }),
  finding({
    file: 'app/.env.production',
    line: 2,
    rule: 'missing-key',
    message: 'DATABASE_URL is missing',
    help: 'Add it'
  }),
  finding({ rule: 'missing-key', message: 'SENTRY_DSN is not set' })
])

describe('SARIF', () => {
  it('is SARIF 2.1.0 with rules, levels and physical locations code scanning accepts', () => {
    const sarif = buildSarif(result, {
      locate: file => `services/${file}`,
      fallbackFile: '.github/workflows/deploy.yml'
    })
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    const run = sarif.runs[0]!
    expect(run.tool.driver.name).toBe('deploy-gates')
    expect(run.automationDetails.id).toBe('deploy-gates/env/')
    expect(run.tool.driver.rules.map(r => r.id)).toEqual(['missing-key', 'placeholder-value'])
    expect(run.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: 'Missing key' },
      help: { text: 'Add it' },
      defaultConfiguration: { level: 'error' }
    })
    expect(run.results).toHaveLength(3)
    const [fileless, missing, placeholder] = run.results
    expect(fileless!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: '.github/workflows/deploy.yml', uriBaseId: '%SRCROOT%' }
    })
    expect(missing).toMatchObject({ ruleId: 'missing-key', ruleIndex: 0, level: 'error' })
    expect(placeholder).toMatchObject({
      ruleId: 'placeholder-value',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'API_KEY is a placeholder\nSet a real value' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/app/.env.production', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 3, endColumn: 9 }
          }
        }
      ]
    })
    // every result has a location and a stable fingerprint
    for (const r of run.results) {
      expect(r.locations).toHaveLength(1)
      expect(r.partialFingerprints['deployGatesFinding/v1']).toMatch(/^[0-9a-f]{32}$/)
    }
  })

  it('leaves out findings without a file when there is no fallback (code scanning would reject them)', () => {
    const sarif = buildSarif(result, { locate: file => file })
    expect(sarif.runs[0]!.results).toHaveLength(2)
  })
})

describe('JUnit', () => {
  it('has one test case per finding, failing those that fail the step', () => {
    const xml = buildJunit(result, 'error')
    expect(xml).toContain('<testsuites name="deploy-gates" tests="3" failures="2" errors="0">')
    expect(xml).toContain(
      '<testcase classname="deploy-gates.env" name="missing-key app/.env.production:2" file="app/.env.production" line="2"><failure message="DATABASE_URL is missing" type="missing-key">error app/.env.production:2 missing-key: DATABASE_URL is missing\nAdd it</failure></testcase>'
    )
    expect(xml).toContain(
      'name="placeholder-value app/.env.production:4:3" file="app/.env.production" line="4"><system-out>warning'
    )
    expect(buildJunit(result, 'warning')).toContain('failures="3"')
    expect(buildJunit(result, 'never')).toContain('failures="0"')
  })

  it('has a passing case when there are no findings, and escapes XML', () => {
    const xml = buildJunit(gateResult([], { title: 'A & <B>' }), 'error')
    expect(xml).toContain('tests="1" failures="0"')
    expect(xml).toContain('name="A &amp; &lt;B&gt;"')
    expect(escapeXml('a\u0000b"\'')).toBe('ab&quot;&apos;')
  })
})
