import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { writeReportFiles } from '../../src/report/files.js'
import { buildJunit, escapeXml } from '../../src/report/junit.js'
import { createRedactor } from '../../src/report/redact.js'
import type { CommonInputs, GateResult } from '../../src/types.js'
import { buildSarif } from '../../src/report/sarif.js'
import { defineCatalog } from '../../src/rules/catalog.js'
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

  it('lists the whole catalog in the driver, fired or not, with help and helpUri; results index into it', () => {
    const catalog = defineCatalog('env', {
      'missing-key': {
        severity: 'error',
        category: 'presence',
        title: 'Required key missing',
        help: 'Add the key.',
        docs: 'A key the schema requires is absent.'
      },
      'unused-rule': { severity: 'notice', category: 'style', title: 'Never fires here', help: 'Nothing.' },
      'placeholder-value': { severity: 'warning', category: 'values', title: 'Placeholder', help: 'Set it.' }
    })
    const run = buildSarif(result, { locate: file => file, catalog }).runs[0]!
    expect(run.tool.driver.rules.map(r => r.id)).toEqual(['missing-key', 'unused-rule', 'placeholder-value'])
    expect(run.tool.driver.rules[1]).toEqual({
      id: 'unused-rule',
      name: 'UnusedRule',
      shortDescription: { text: 'Never fires here' },
      fullDescription: { text: 'Nothing.' },
      help: { text: 'Nothing.' },
      helpUri: 'https://github.com/deploy-gates/deploy-gates/blob/main/docs/rules/env.md#unused-rule',
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['deploy-gates', 'env', 'style'] }
    })
    expect(run.tool.driver.rules[0]!.help.markdown).toBe(
      'Add the key.\n\nA key the schema requires is absent.'
    )
    const placeholder = run.results.find(r => r.ruleId === 'placeholder-value')!
    expect(placeholder.ruleIndex).toBe(2)
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

  describe('with checks: one test case per check', () => {
    const violation = finding({
      rule: 'response-schema-mismatch',
      message: 'GET /users/{id}: /id must be integer (got string)',
      file: 'openapi.yaml',
      line: 40
    })
    const missingHeader = finding({
      rule: 'missing-response-header',
      message: 'GET /users/{id}: required header X-Request-Id is missing',
      file: 'openapi.yaml',
      line: 52
    })
    const slow = finding({ rule: 'slow', severity: 'warning', message: 'GET /orders took 900 ms' })
    const unclaimed = finding({
      rule: 'unproven-check',
      severity: 'warning',
      message: '3 of 4 responses were 404',
      file: 'openapi.yaml',
      line: 7
    })
    const checked = gateResult([violation, missingHeader, slow, unclaimed], {
      gate: 'contract',
      title: 'API contract',
      checks: [
        { name: 'GET /users (listUsers)', group: 'live', durationMs: 12, findings: [] },
        {
          name: 'GET /users/{id} (getUser)',
          group: 'live',
          durationMs: 1500,
          findings: [violation, missingHeader]
        },
        { name: 'GET /orders (listOrders)', group: 'live', findings: [slow] },
        {
          name: 'POST /users (createUser)',
          group: 'live',
          findings: [],
          skipped: 'POST is not sent unless unsafe-methods is true'
        },
        { name: 'openapi.yaml parses', group: 'spec', findings: [] }
      ]
    })
    const cases = (xml: string) => xml.match(/ {4}<testcase [\s\S]*?<\/testcase>/g)

    it('lists passing checks as passing cases and failing ones with all their findings', () => {
      const xml = buildJunit(checked, 'error')
      expect(xml).toContain('<testsuites name="deploy-gates" tests="6" failures="1" errors="0">')
      expect(xml).toContain('tests="6" failures="1" errors="0" skipped="1">')
      expect(cases(xml)).toEqual([
        '    <testcase classname="deploy-gates.contract.live" name="GET /users (listUsers)" time="0.012"></testcase>',
        '    <testcase classname="deploy-gates.contract.live" name="GET /users/{id} (getUser)" file="openapi.yaml" line="40" time="1.500">' +
          '<failure message="2 failures; first: GET /users/{id}: /id must be integer (got string)" type="response-schema-mismatch">' +
          'error openapi.yaml:40 response-schema-mismatch: GET /users/{id}: /id must be integer (got string)\n' +
          'error openapi.yaml:52 missing-response-header: GET /users/{id}: required header X-Request-Id is missing' +
          '</failure></testcase>',
        '    <testcase classname="deploy-gates.contract.live" name="GET /orders (listOrders)"><system-out>warning slow: GET /orders took 900 ms</system-out></testcase>',
        '    <testcase classname="deploy-gates.contract.live" name="POST /users (createUser)"><skipped message="POST is not sent unless unsafe-methods is true"/></testcase>',
        '    <testcase classname="deploy-gates.contract.spec" name="openapi.yaml parses"></testcase>',
        // a finding no check claims is still reported, as its own case
        '    <testcase classname="deploy-gates.contract" name="unproven-check openapi.yaml:7" file="openapi.yaml" line="7"><system-out>warning openapi.yaml:7 unproven-check: 3 of 4 responses were 404</system-out></testcase>'
      ])
    })

    it('fails warning checks under fail-on: warning, none under never', () => {
      expect(buildJunit(checked, 'warning')).toContain('tests="6" failures="3"')
      expect(buildJunit(checked, 'never')).toContain('tests="6" failures="0"')
    })

    it('redacts secrets in check names and findings in the written file', async () => {
      const secret = 'tok-7f3a9c'
      const leaky = finding({ rule: 'server-error', message: `GET /echo → 500: body was "Bearer ${secret}"` })
      const result: GateResult = gateResult([leaky], {
        gate: 'contract',
        secrets: [secret],
        checks: [{ name: `GET /echo?token=${secret}`, group: 'live', findings: [leaky] }]
      })
      const dir = mkdtempSync(path.join(os.tmpdir(), 'junit-'))
      const common = {
        failOn: 'error',
        workingDirectory: dir,
        reportPath: '',
        sarifPath: '',
        junitPath: 'out.xml'
      }
      const redact = createRedactor(result.secrets)
      await writeReportFiles(redact.deep({ ...result, secrets: [] }), common as CommonInputs, redact, {
        locate: file => file
      })
      const xml = readFileSync(path.join(dir, 'out.xml'), 'utf8')
      expect(xml).not.toContain(secret)
      expect(cases(xml)).toEqual([
        '    <testcase classname="deploy-gates.contract.live" name="GET /echo?token=***"><failure message="GET /echo → 500: body was &quot;Bearer ***&quot;" type="server-error">error server-error: GET /echo → 500: body was &quot;Bearer ***&quot;</failure></testcase>'
      ])
    })
  })
})
