// The analysis engine in-process against loopback Prometheus and web stand-ins: strict samples, Argo's
// success/failure/inconclusive rules, ranges, limits, initial delay, dry run and the analysis file.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { healthGate, runHealth } from '../../src/gates/health/index.js'
import type { HealthConfig } from '../../src/gates/health/config.js'
import { parseSampleValue } from '../../src/gates/health/samples.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import { realIO, startPrometheus, startService, vector, type Service } from './loopback.js'

const open: Service[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(service => service.close()))
})
const track = <T extends Service>(service: T): T => {
  open.push(service)
  return service
}

function parse(
  inputs: Record<string, string>,
  cwd = process.cwd(),
  env: Record<string, string> = {}
): HealthConfig {
  const source = mapInputSource({ gate: 'health', ...inputs })
  const io = realIO({ cwd, env })
  return healthGate.parseInputs(source, parseCommonInputs(source, cwd), io) as HealthConfig
}
const fast = { interval: '100ms', window: '300ms', 'readiness-timeout': '2s', 'request-timeout': '300ms' }
const rawVector = (...values: unknown[]) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: values.map((value, i) => ({ metric: { i: String(i) }, value: [1_700_000_000, value] }))
  }
})

describe('Prometheus samples are read exactly as Prometheus writes them', () => {
  it('accepts decimal strings, NaN, +Inf and -Inf only', () => {
    expect(['0', '0.5', '-12', '1e-05', '+3.5', 'NaN', '+Inf', '-Inf'].map(parseSampleValue)).toEqual([
      0,
      0.5,
      -12,
      0.00001,
      3.5,
      NaN,
      Infinity,
      -Infinity
    ])
    for (const bad of [null, '', ' ', [], false, '0x0', 0, 'Infinity', 'inf', '1,5', '1 ', undefined, {}])
      expect(parseSampleValue(bad)).toBeUndefined()
  })

  it.each([
    ['null', rawVector(null)],
    ['an empty string', rawVector('')],
    ['a blank string', rawVector(' ')],
    ['an empty array', rawVector([])],
    ['false', rawVector(false)],
    ['hex', rawVector('0x0')],
    ['a bare number', rawVector(0)],
    ['one null series among good ones', rawVector('0.001', null, '0.002')],
    [
      'a series without value',
      { status: 'success', data: { resultType: 'vector', result: [{ metric: {} }] } }
    ],
    ['a null scalar', { status: 'success', data: { resultType: 'scalar', result: [1, null] } }],
    ['a null body', null]
  ])('never passes result < 0.01 on %s', async (_label, body) => {
    const prometheus = track(await startPrometheus(() => ({ body })))
    const result = await runHealth(
      parse({
        ...fast,
        'prometheus-url': prometheus.url,
        'prometheus-query': 'q',
        'success-condition': 'result < 0.01'
      }),
      realIO()
    )
    expect(result.outputs.healthy).toBe('false')
    expect(result.findings.map(f => f.rule)).toEqual(['consecutive-errors'])
    expect(result.findings[0]!.message).toMatch(/gave no answer in any of the 3 probe/)
  })

  it('compares +Inf as infinity and NaN as failing a success condition', async () => {
    const inf = track(await startPrometheus(() => ({ body: rawVector('+Inf') })))
    const base = { ...fast, 'prometheus-url': inf.url, 'prometheus-query': 'q' }
    expect(
      (await runHealth(parse({ ...base, 'success-condition': 'result > 1e300' }), realIO())).findings
    ).toEqual([])
    const low = await runHealth(parse({ ...base, 'success-condition': 'result < 0.01' }), realIO())
    expect(low.findings[0]!.message).toContain('last: result is Infinity, expected < 0.01')
    const nan = track(await startPrometheus(() => ({ body: rawVector('NaN') })))
    const result = await runHealth(
      parse({
        ...fast,
        'prometheus-url': nan.url,
        'prometheus-query': 'q',
        'success-condition': 'result < 0.01'
      }),
      realIO()
    )
    expect(result.findings.map(f => f.rule)).toEqual(['failure-limit'])
  })
})

describe("Argo Rollouts' measurement rules", () => {
  const run = async (
    values: number[],
    conditions: Record<string, string>,
    extra: Record<string, string> = {}
  ) => {
    const prometheus = track(
      await startPrometheus((_q, n) => ({ body: vector(values[Math.min(n, values.length - 1)]!) }))
    )
    const result = await runHealth(
      parse({ ...fast, 'prometheus-url': prometheus.url, 'prometheus-query': 'q', ...conditions, ...extra }),
      realIO()
    )
    return { result, queries: prometheus.queries.length }
  }

  it('with a failure condition only, a value that does not meet it passes', async () => {
    expect((await run([0.03], { 'failure-condition': 'result > 0.05' })).result.findings).toEqual([])
    const { result } = await run([0.07], { 'failure-condition': 'result > 0.05' })
    expect(result.findings.map(f => f.message)).toEqual([
      'prometheus failed 1 measurement(s) in the verification window, more than failure-limit 0; last: meets failure-condition result > 0.05'
    ])
  })

  it('with both conditions, meeting neither is inconclusive and fails the step unless allowed', async () => {
    const both = { 'success-condition': 'result < 0.01', 'failure-condition': 'result > 0.05' }
    const { result } = await run([0.03], both)
    expect(result.outputs).toMatchObject({ healthy: 'inconclusive', verdict: 'inconclusive' })
    expect(result.findings.map(f => [f.rule, f.severity])).toEqual([['inconclusive', 'error']])
    const allowed = await run([0.03], both, { 'allow-inconclusive': 'true' })
    expect(allowed.result.findings.map(f => [f.rule, f.severity])).toEqual([['inconclusive', 'warning']])
    const tolerated = await run([0.03, 0.001, 0.001], both, { 'inconclusive-limit': '1' })
    expect(tolerated.result.findings).toEqual([])
    expect(tolerated.result.outputs.healthy).toBe('true')
  })

  it('judges ranges, over every series', async () => {
    const range = { 'success-condition': '0.9 <= result <= 1.1' }
    expect((await run([1.0], range)).result.findings).toEqual([])
    expect((await run([1.2], range)).result.findings[0]!.message).toContain('result is 1.2, expected <= 1.1')
    expect((await run([0.8], range)).result.findings[0]!.message).toContain('result is 0.8, expected >= 0.9')
    expect(() =>
      parse({
        ...fast,
        'prometheus-url': 'http://127.0.0.1:1',
        'prometheus-query': 'q',
        'success-condition': '2 <= result <= 1'
      })
    ).toThrow(
      "--success-condition: cannot parse '2 <= result <= 1': the range is empty (2 is above 1) at position 1"
    )
  })

  it('stops measuring once consecutive-success-limit is reached, and fails a metric that never gets there', async () => {
    const proved = await run(
      [0.001],
      { 'success-condition': 'result < 0.01' },
      { window: '1s', 'consecutive-success-limit': '2' }
    )
    expect(proved.result.findings).toEqual([])
    expect(proved.queries).toBe(2)
    const flapping = await run(
      [0.001, 0.5, 0.001, 0.5, 0.001],
      { 'success-condition': 'result < 0.01' },
      {
        window: '500ms',
        'failure-limit': '5',
        'consecutive-success-limit': '2'
      }
    )
    expect(flapping.result.findings.map(f => f.message)).toEqual([
      'prometheus passed at most 1 time(s) in a row in the window, fewer than consecutive-success-limit 2'
    ])
  })

  it('waits initial-delay before the first measurement', async () => {
    const started = Date.now()
    const prometheus = track(await startPrometheus(() => ({ body: vector(0) })))
    const result = await runHealth(
      parse({
        ...fast,
        window: '700ms',
        'initial-delay': '400ms',
        'prometheus-url': prometheus.url,
        'prometheus-query': 'q',
        'success-condition': 'result < 1'
      }),
      realIO()
    )
    expect(result.findings).toEqual([])
    expect(prometheus.queries).toHaveLength(3)
    expect(prometheus.arrivals[0]! - started).toBeGreaterThanOrEqual(480)
  })

  it('dry-run reports what would fail as warnings and passes', async () => {
    const { result } = await run([0.5], { 'success-condition': 'result < 0.01' }, { 'dry-run': 'true' })
    expect(result.findings.map(f => [f.rule, f.severity, f.message.slice(0, 22)])).toEqual([
      ['failure-limit', 'warning', 'dry-run: prometheus fa']
    ])
    expect(result.outputs).toMatchObject({ healthy: 'false', verdict: 'unhealthy', 'dry-run': 'true' })
  })

  it('sends the bearer token and custom headers to Prometheus, and masks them', async () => {
    let seen: Record<string, string | string[] | undefined> = {}
    const prometheus = track(
      await startService((_n, request) => {
        seen = request.headers
        return { kind: 'json', body: vector(0) }
      })
    )
    const result = await runHealth(
      parse({
        ...fast,
        'prometheus-url': prometheus.url.replace(/\/healthz$/, ''),
        'prometheus-query': 'q',
        'success-condition': 'result < 1',
        'prometheus-token': 'prom-secret-token',
        'prometheus-headers': 'X-Scope-OrgID: tenant-7'
      }),
      realIO()
    )
    expect(seen.authorization).toBe('Bearer prom-secret-token')
    expect(seen['x-scope-orgid']).toBe('tenant-7')
    expect(result.secrets).toEqual(expect.arrayContaining(['prom-secret-token', 'tenant-7']))
  })
})

describe('analysis file', () => {
  it('runs several named metrics, each on its own schedule, Prometheus and web', async () => {
    const prometheus = track(
      await startPrometheus(query => ({ body: vector(query === 'errors' ? 0.001 : 250) }))
    )
    let webAuth: string | undefined
    const web = track(
      await startService((_n, request) => {
        webAuth = request.headers.authorization
        return { kind: 'json', body: { data: { apdex: 0.97, pods: [{ ready: 1 }, { ready: 1 }] } } }
      })
    )
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-analysis-'))
    writeFileSync(
      path.join(dir, 'analysis.yml'),
      [
        'metrics:',
        '  - name: error-rate',
        '    successCondition: result < 0.01',
        '    provider:',
        '      prometheus:',
        `        address: ${prometheus.url}`,
        '        query: errors',
        '  - name: latency-ms',
        '    interval: 150ms',
        '    failureCondition: result > 400',
        '    provider:',
        '      prometheus:',
        `        address: ${prometheus.url}`,
        '        query: latency',
        '  - name: apdex',
        '    successCondition: 0.9 <= result <= 1',
        '    provider:',
        '      web:',
        `        url: ${web.url}`,
        '        jsonPath: $.data.apdex',
        '        headers:',
        '          - key: Authorization',
        '            value: Bearer ${APDEX_TOKEN}',
        ''
      ].join('\n')
    )
    const config = parse({ ...fast, window: '600ms', 'analysis-file': 'analysis.yml' }, dir, {
      APDEX_TOKEN: 'apdex-secret'
    })
    const result = await runHealth(config, realIO({ cwd: dir }))
    expect(result.findings).toEqual([])
    expect(webAuth).toBe('Bearer apdex-secret')
    expect(result.secrets).toContain('apdex-secret')
    expect(prometheus.queries.filter(q => q === 'errors')).toHaveLength(6)
    expect(prometheus.queries.filter(q => q === 'latency')).toHaveLength(4)
    expect(result.sections.map(s => s.heading)).toEqual([
      'Metrics',
      'Metric: error-rate',
      'Metric: latency-ms',
      'Metric: apdex'
    ])
    expect(result.sections[1]!.blocks[0]).toMatchObject({
      kind: 'chart',
      series: [{ name: 'not passed' }, { name: 'error-rate', values: Array(6).fill(0.001) }]
    })
  })

  it('POSTs a JSON body to a web metric (a GraphQL query API), with its own timeout', async () => {
    let seen: { method?: string; type?: string; body: string } = { body: '' }
    const graphql = track(
      await startService((_n, request) => {
        seen = { method: request.method, type: request.headers['content-type'], body: '' }
        request.on('data', chunk => (seen.body += String(chunk)))
        return {
          kind: 'json',
          body: { data: { actor: { account: { nrql: { results: [{ errorRate: 0.002 }] } } } } }
        }
      })
    )
    const hanging = track(await startService(() => ({ kind: 'hang' })))
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-analysis-'))
    writeFileSync(
      path.join(dir, 'analysis.yml'),
      [
        'metrics:',
        '  - name: nrql-errors',
        '    successCondition: result < 0.01',
        '    provider:',
        '      web:',
        `        url: ${graphql.url}`,
        '        method: POST',
        '        body: { query: "{ actor { account(id: 1) { nrql(query: \\"SELECT 1\\") { results } } } }" }',
        '        jsonPath: $.data.actor.account.nrql.results[0].errorRate',
        '  - name: slow',
        '    successCondition: result < 1',
        '    consecutiveErrorLimit: 9',
        '    provider:',
        '      web:',
        `        url: ${hanging.url}`,
        '        timeout: 150ms',
        ''
      ].join('\n')
    )
    const started = Date.now()
    const result = await runHealth(
      parse({ ...fast, 'request-timeout': '5s', 'analysis-file': 'analysis.yml' }, dir),
      realIO({ cwd: dir })
    )
    expect(seen.method).toBe('POST')
    expect(seen.type).toBe('application/json')
    expect(JSON.parse(seen.body)).toEqual({
      query: '{ actor { account(id: 1) { nrql(query: "SELECT 1") { results } } } }'
    })
    expect(result.findings.map(f => [f.rule, f.message.split(';')[0]])).toEqual([
      ['consecutive-errors', 'slow gave no answer in any of the 3 probe(s) of the verification window']
    ])
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('reports a bad field at its line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-analysis-'))
    const write = (text: string) => writeFileSync(path.join(dir, 'a.yml'), text)
    const load = () => parse({ ...fast, window: '1s', 'analysis-file': 'a.yml' }, dir)
    write(
      'metrics:\n  - name: x\n    successCondition: result < 1\n    failureLimit: two\n    provider:\n      web: { url: http://127.0.0.1:1, jsonPath: $.a }\n'
    )
    expect(load).toThrow("a.yml:4: metric 'x': failureLimit must be a whole number, 0 or more")
    write(
      'metrics:\n  - name: x\n    successCondition: result <\n    provider:\n      web: { url: http://127.0.0.1:1, jsonPath: $.a }\n'
    )
    expect(load).toThrow("a.yml:3: metric 'x': successCondition: expected a value after '<'")
    write(
      'metrics:\n  - name: x\n    successCondition: result < 1\n    provider:\n      web: { url: http://127.0.0.1:1, jsonPath: "$[?match(@.a, \'(a+)+$\')]" }\n'
    )
    expect(load).toThrow(
      "a.yml:5: metric 'x': provider.web.jsonPath: the match() and search() functions are not supported"
    )
    write(
      'metrics:\n  - name: x\n    successCondition: result < 1\n    provider:\n      web:\n        url: http://127.0.0.1:1\n        jsonPath: $.a\n        headers: [{ key: Authorization, value: "Bearer ${NOPE}" }]\n'
    )
    expect(load).toThrow(
      "a.yml:8: metric 'x': provider.web.headers[0].value uses ${NOPE}, which is not set in the environment"
    )
  })
})

describe('the rollout seam', () => {
  it('skips readiness when readiness-timeout is 0, and stops at once when its signal aborts', async () => {
    const service = track(await startService(() => ({ kind: 'json', body: {} })))
    const config = parse({ url: service.url, interval: '100ms', window: '10s', 'readiness-timeout': '0s' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 350)
    const started = Date.now()
    const result = await runHealth(config, realIO(), controller.signal)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(result.findings.map(f => [f.rule, f.message])).toEqual([
      ['deadline', 'the health check was stopped before it finished']
    ])
    expect(result.outputs.healthy).toBe('false')
    // No readiness phase: the first request is a window probe, one interval after the start.
    expect(service.arrivals[0]! - started).toBeGreaterThanOrEqual(90)
  })
})
