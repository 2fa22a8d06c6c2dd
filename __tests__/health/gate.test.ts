// The health gate against real loopback services on real time (short windows), and on a fake clock where
// only the schedule matters.
import { afterEach, describe, expect, it } from '@jest/globals'
import { healthGate, runHealth } from '../../src/gates/health/index.js'
import { InputError } from '../../src/errors.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import type { GateIO } from '../../src/types.js'
import { realIO, startPrometheus, startService, vector, type Service } from './loopback.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'

const open: Service[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(service => service.close()))
})
const track = <T extends Service>(service: T): T => {
  open.push(service)
  return service
}

function parse(inputs: Record<string, string>) {
  const source = mapInputSource({ gate: 'health', ...inputs })
  return healthGate.parseInputs(source, parseCommonInputs(source, process.cwd()), realIO()) as ReturnType<
    typeof import('../../src/gates/health/config.js').parseHealthInputs
  >
}

const fast = { interval: '100ms', window: '1s', 'readiness-timeout': '2s', 'request-timeout': '300ms' }
const healthy = (version = 'abc123') => ({ kind: 'json' as const, body: { status: 'ok', version } })

describe('health gate on real loopback services', () => {
  it('passes a service that becomes ready late and then stays healthy, probing the whole window', async () => {
    const started = Date.now()
    const service = track(
      await startService(() =>
        Date.now() - started < 400 ? { kind: 'json', status: 503, body: {} } : healthy()
      )
    )
    const result = await runHealth(
      parse({ ...fast, url: service.url, 'expect-body': '$.version == abc123' }),
      realIO()
    )
    expect(result.findings).toEqual([])
    expect(result.outputs.healthy).toBe('true')
    expect(result.outputs['error-rate']).toBe('0')
    const data = result.data as { probes: { phase: string; kind: string }[] }
    const window = data.probes.filter(p => p.phase === 'window')
    expect(window).toHaveLength(10)
    expect(window.every(p => p.kind === 'pass')).toBe(true)
    expect(Number(result.outputs.probes)).toBe(data.probes.length)
    expect(Number(result.outputs['latency-p95-ms'])).toBeLessThan(100)
    // Readiness was detected soon after the service turned healthy (backoff is capped at the interval).
    const firstPass = data.probes.find(p => p.kind === 'pass') as unknown as { at: number }
    expect(firstPass.at).toBeGreaterThanOrEqual(390)
    expect(firstPass.at).toBeLessThan(400 + 100 + 100)
  })

  it('fails a service that degrades mid-window within (failure-limit + 1) intervals', async () => {
    let degradedAt = 0
    const service = track(
      await startService(n => {
        if (n < 5) return healthy()
        if (!degradedAt) degradedAt = Date.now()
        return { kind: 'json', status: 500, body: { status: 'down' } }
      })
    )
    const result = await runHealth(
      parse({ ...fast, window: '3s', url: service.url, 'failure-limit': '2' }),
      realIO()
    )
    const finishedAt = Date.now()
    expect(result.findings.map(f => f.rule)).toEqual(['failure-limit'])
    expect(result.findings[0]!.message).toBe(
      `${service.url} failed 3 probe(s) in the verification window, more than failure-limit 2; last: status 500, expected 2xx`
    )
    expect(result.outputs.healthy).toBe('false')
    // JUnit test cases: the target became ready, then failed in the window.
    expect(result.checks!.map(c => `${c.group} ${c.name}: ${c.findings.map(f => f.rule).join(',')}`)).toEqual(
      [`readiness ${service.url} becomes ready: `, `window ${service.url} stays healthy: failure-limit`]
    )
    // The first bad answer was already a failing probe; two more intervals and it is over, not after 3 s.
    expect(finishedAt - degradedAt).toBeLessThan(3 * 100 + 150)
    expect(service.requests).toBe(8)
  })

  it('tolerates a flapping service up to failure-limit, and reports the error rate', async () => {
    // Every 4th answer after the first is a 502: 2 of the 10 window probes.
    const flapping = async () =>
      track(
        await startService(n => (n > 0 && n % 4 === 0 ? { kind: 'json', status: 502, body: {} } : healthy()))
      )
    const service = await flapping()
    const passing = await runHealth(parse({ ...fast, url: service.url, 'failure-limit': '3' }), realIO())
    expect(passing.findings).toEqual([])
    expect(passing.outputs['error-rate']).toBe('0.2')

    const again = await flapping()
    const strict = await runHealth(
      parse({ ...fast, url: again.url, 'failure-limit': '3', 'max-error-rate': '0.1' }),
      realIO()
    )
    expect(strict.findings.map(f => f.rule)).toEqual(['error-rate'])
    expect(strict.checks!.map(c => `${c.name}: ${c.findings.map(f => f.rule).join(',')}`)).toEqual([
      `${again.url} becomes ready: `,
      `${again.url} stays healthy: `,
      'error rate at most 0.1: error-rate'
    ])
    expect(strict.findings[0]!.message).toBe(
      '2 of 10 probes in the window did not pass (error rate 0.2), above max-error-rate 0.1'
    )
  })

  it('never calls a service ready that serves the wrong version, and says what it saw', async () => {
    const service = track(await startService(() => healthy('abc122')))
    const result = await runHealth(
      parse({
        ...fast,
        'readiness-timeout': '600ms',
        url: service.url,
        'expect-body': '$.version == abc123\n$.status == ok'
      }),
      realIO()
    )
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ rule: 'not-ready', severity: 'error' })
    expect(result.checks).toEqual([
      expect.objectContaining({ name: `${service.url} becomes ready`, findings: result.findings }),
      {
        name: `${service.url} stays healthy`,
        group: 'window',
        findings: [],
        skipped: 'the verification window did not run'
      }
    ])
    expect(result.findings[0]!.message).toMatch(
      new RegExp(
        `^${service.url} did not answer healthy within the readiness timeout of 600ms \\(\\d+ probes\\); last: \\$\\.version is "abc122", expected == "abc123"$`
      )
    )
    expect(result.outputs).toMatchObject({ healthy: 'false', 'error-rate': '' })
  })

  it('fails a non-JSON body where JSON was asserted, with a clear reason', async () => {
    const service = track(await startService(() => ({ kind: 'text', body: '<html>OK</html>' })))
    const result = await runHealth(
      parse({
        ...fast,
        'readiness-timeout': '300ms',
        url: service.url,
        'expect-body': '$.version == abc123'
      }),
      realIO()
    )
    expect(result.findings[0]!.message).toContain(
      'last: the body is not JSON (text/html, 15 bytes), so $.version == abc123 cannot be checked'
    )
  })

  it('checks expected headers', async () => {
    const service = track(await startService(() => ({ ...healthy(), headers: { 'x-release': 'v2' } })))
    const ok = await runHealth(
      parse({ ...fast, window: '200ms', url: service.url, 'expect-header': 'X-Release: v2\ncontent-type' }),
      realIO()
    )
    expect(ok.findings).toEqual([])
    const bad = await runHealth(
      parse({ ...fast, 'readiness-timeout': '200ms', url: service.url, 'expect-header': 'X-Release: v3' }),
      realIO()
    )
    expect(bad.findings[0]!.message).toContain("last: header X-Release is 'v2', expected 'v3'")
  })

  it('gives up on a hanging service at the readiness timeout, never later', async () => {
    const service = track(await startService(() => ({ kind: 'hang' })))
    const started = Date.now()
    const result = await runHealth(
      parse({ ...fast, 'readiness-timeout': '800ms', 'request-timeout': '300ms', url: service.url }),
      realIO()
    )
    const elapsed = Date.now() - started
    expect(result.findings[0]!.message).toMatch(/last: no answer within \d+ms$/)
    expect(elapsed).toBeGreaterThanOrEqual(800)
    expect(elapsed).toBeLessThan(800 + 100 + 200)
  })

  it('fails on consecutive connection resets past consecutive-error-limit', async () => {
    const service = track(await startService(n => (n < 3 ? healthy() : { kind: 'reset' })))
    const result = await runHealth(
      parse({ ...fast, url: service.url, 'consecutive-error-limit': '2' }),
      realIO()
    )
    expect(result.findings.map(f => f.rule)).toEqual(['consecutive-errors'])
    expect(result.findings[0]!.message).toBe(
      `${service.url} gave no answer 3 times in a row, more than consecutive-error-limit 2; last: connection failed (ECONNRESET)`
    )
    expect(service.requests).toBe(6)
  })

  it('fails when the p95 latency is above max-latency-p95', async () => {
    const service = track(await startService(() => healthy()))
    const result = await runHealth(
      parse({ ...fast, window: '300ms', url: service.url, 'max-latency-p95': '0' }),
      realIO()
    )
    expect(result.findings.map(f => f.rule)).toEqual(['latency-p95'])
    expect(result.findings[0]!.message).toMatch(
      /^95th-percentile probe latency was \d+ ms over 3 answers, above max-latency-p95 0 ms$/
    )
  })

  it('probes several targets and shows each over time in the summary', async () => {
    const a = track(await startService(() => healthy()))
    const b = track(await startService(() => healthy()))
    const result = await runHealth(parse({ ...fast, window: '300ms', url: `${a.url}\n${b.url}` }), realIO())
    expect(result.findings).toEqual([])
    expect(result.sections.map(s => s.heading)).toEqual(['Probes', `Latency: ${a.url}`, `Latency: ${b.url}`])
    expect(sectionMarkdown(result.sections[0]!)).toContain(
      '| Time | Target | Phase | Result | Status | Latency | Detail |'
    )
    expect(sectionMarkdown(result.sections[1]!)).toMatch(
      /^```mermaid\nxychart-beta\n {2}title ".*"\n {2}x-axis "seconds since start" \[("[\d.]+", ){3}"[\d.]+"\]\n/
    )
    expect(result.scope).toBe('2 target(s), 8 probes, 3 of 3 window rounds every 100ms')
  })
})

describe('canary analysis with Prometheus', () => {
  const query = 'sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))'

  it('evaluates success-condition at each interval over the window', async () => {
    const prometheus = track(await startPrometheus(() => ({ body: vector(0.002) })))
    const result = await runHealth(
      parse({
        ...fast,
        window: '500ms',
        'prometheus-url': prometheus.url,
        'prometheus-query': query,
        'success-condition': 'result < 0.01'
      }),
      realIO()
    )
    expect(result.findings).toEqual([])
    expect(prometheus.queries).toEqual(Array(5).fill(query))
  })

  it('fails when the condition stops holding, naming the value', async () => {
    const prometheus = track(await startPrometheus((_q, n) => ({ body: vector(n < 2 ? 0.002 : 0.2, 0.001) })))
    const result = await runHealth(
      parse({
        ...fast,
        'prometheus-url': prometheus.url,
        'prometheus-query': query,
        'success-condition': 'result < 0.01'
      }),
      realIO()
    )
    expect(result.findings.map(f => f.message)).toEqual([
      'prometheus failed 1 measurement(s) in the verification window, more than failure-limit 0; last: result is 0.2, expected < 0.01'
    ])
    expect(prometheus.queries).toHaveLength(3)
  })

  it('applies the on-no-data policy', async () => {
    const empty = track(await startPrometheus(() => ({ body: vector() })))
    const inputs = {
      ...fast,
      window: '300ms',
      'prometheus-url': empty.url,
      'prometheus-query': 'up{job="none"}',
      'success-condition': 'result[0] == 1'
    }
    const failing = await runHealth(parse(inputs), realIO())
    expect(failing.findings.map(f => f.message)).toEqual([
      'prometheus failed 1 measurement(s) in the verification window, more than failure-limit 0; last: no data'
    ])
    const passing = await runHealth(parse({ ...inputs, 'on-no-data': 'pass' }), realIO())
    expect(passing.findings).toEqual([])
    // Nothing was verified: inconclusive fails the step (Argo pauses), unless the user allows it.
    const inconclusive = await runHealth(parse({ ...inputs, 'on-no-data': 'inconclusive' }), realIO())
    expect(inconclusive.findings).toEqual([
      expect.objectContaining({
        rule: 'inconclusive',
        severity: 'error',
        message:
          'prometheus was inconclusive in 1 measurement(s), more than inconclusive-limit 0; last: no data'
      })
    ])
    expect(inconclusive.outputs).toMatchObject({ healthy: 'inconclusive', verdict: 'inconclusive' })
    const tolerated = await runHealth(
      parse({
        ...inputs,
        'on-no-data': 'inconclusive',
        'inconclusive-limit': '5',
        'allow-inconclusive': 'true'
      }),
      realIO()
    )
    expect(tolerated.findings.map(f => [f.rule, f.severity, f.message])).toEqual([
      [
        'inconclusive',
        'warning',
        'prometheus decided nothing in the verification window (3 inconclusive, 0 without an answer); last: no data'
      ]
    ])
    expect(tolerated.outputs.healthy).toBe('inconclusive')
  })

  it('fails at once on a PromQL error, naming the query', async () => {
    const prometheus = track(
      await startPrometheus(() => ({
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' }
      }))
    )
    const result = await runHealth(
      parse({
        ...fast,
        'prometheus-url': prometheus.url,
        'prometheus-query': 'sum(',
        'success-condition': 'result < 1'
      }),
      realIO()
    )
    expect(result.findings.map(f => [f.rule, f.message])).toEqual([
      [
        'prometheus-query',
        "prometheus: the query 'sum(' failed: bad_data: 1:5: parse error: unexpected end of input"
      ]
    ])
    expect(prometheus.queries).toHaveLength(1)
  })
})

describe('schedule on a fake clock', () => {
  function fakeIO(): GateIO & { sleeps: number[]; clock: { now: number } } {
    const clock = { now: 0 }
    const sleeps: number[] = []
    return {
      ...realIO(),
      now: () => clock.now,
      sleep: async ms => {
        sleeps.push(ms)
        clock.now += ms
      },
      sleeps,
      clock
    }
  }

  it('backs off exponentially up to the interval and never sleeps past the readiness deadline', async () => {
    const service = track(await startService(() => ({ kind: 'json', status: 503, body: {} })))
    const io = fakeIO()
    const result = await runHealth(
      parse({ url: service.url, interval: '1s', 'readiness-timeout': '5s', 'request-timeout': '1s' }),
      io
    )
    expect(io.sleeps).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 500])
    expect(result.findings[0]!.message).toContain('(9 probes); last: status 503, expected 2xx')
  })

  it('schedules window rounds from the window start', async () => {
    const service = track(await startService(() => healthy()))
    const io = fakeIO()
    const result = await runHealth(parse({ url: service.url, interval: '5s', window: '60s' }), io)
    expect(result.findings).toEqual([])
    expect(io.sleeps).toEqual(Array(12).fill(5000))
    expect(result.outputs.probes).toBe('13')
  })
})

describe('bad input', () => {
  it('rejects an invalid URL, naming the input', () => {
    expect(() => parse({ url: 'http//nope' })).toThrow(
      new InputError("--url is not a valid URL (got 'http//nope')")
    )
    expect(() => parse({ url: 'ftp://host/x' })).toThrow("--url must be an http or https URL (got 'ftp:')")
    expect(() => parse({})).toThrow('--url is required')
  })
  it('names the assertion, its line and the 1-based position when it cannot be parsed', () => {
    expect(() => parse({ url: 'http://127.0.0.1/', 'expect-body': '$.db == ok\n$.version ==' })).toThrow(
      new InputError(
        "--expect-body line 2: cannot parse '$.version ==': expected a value after '==' at position 13"
      )
    )
    expect(() =>
      parse({
        'prometheus-url': 'http://127.0.0.1:9090',
        'prometheus-query': 'up',
        'success-condition': 'value < 1'
      })
    ).toThrow(
      "--success-condition: cannot parse 'value < 1': expected a path starting with 'result' at position 1"
    )
  })
  it('requires the Prometheus inputs together', () => {
    expect(() => parse({ 'prometheus-url': 'http://127.0.0.1:9090' })).toThrow(
      '--prometheus-query is required with --prometheus-url'
    )
    expect(() => parse({ url: 'http://127.0.0.1/', 'success-condition': 'result < 1' })).toThrow(
      '--success-condition needs --prometheus-url'
    )
  })
})
