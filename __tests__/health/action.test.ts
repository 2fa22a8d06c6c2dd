// gate: health through the bundled dist/index.js, as the runner runs it, against loopback services.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'
import { startService, type Service } from './loopback.js'

describe.each(NODE_BINARIES)('gate: health on $label', ({ path: node }) => {
  let healthy: Service
  let degrading: Service
  beforeAll(async () => {
    ensureBuilt()
    healthy = await startService(() => ({ kind: 'json', body: { status: 'ok', version: 'abc123' } }))
    degrading = await startService(n =>
      n < 3
        ? { kind: 'json', body: { version: 'abc123' } }
        : { kind: 'json', status: 503, body: { version: 'abc123' } }
    )
  })
  afterAll(async () => {
    await healthy.close()
    await degrading.close()
  })
  const inputs = {
    gate: 'health',
    interval: '100ms',
    window: '500ms',
    'readiness-timeout': '2s',
    comment: 'false'
  }

  it('passes a healthy release and publishes outputs and the probe chart', async () => {
    const run = await runAction({
      node,
      inputs: { ...inputs, url: healthy.url, 'expect-body': '$.version == abc123' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ healthy: 'true', 'error-rate': '0', probes: '6', status: 'passed' })
    expect(Number(run.outputs['latency-p95-ms'])).toBeGreaterThanOrEqual(0)
    expect(run.summary).toContain('```mermaid\nxychart-beta')
  })

  it('fails a release that degrades in the window, with the reason as an annotation', async () => {
    const run = await runAction({ node, inputs: { ...inputs, url: degrading.url } })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ healthy: 'false', status: 'failed' })
    const errors = run.annotations.filter(a => a.level === 'error').map(a => a.message)
    expect(errors).toContainEqual(
      expect.stringContaining(
        `${degrading.url} failed 1 probe(s) in the verification window, more than failure-limit 0; last: status 503, expected 2xx`
      )
    )
  })

  it('rejects an unparsable assertion with its position, without running', async () => {
    const run = await runAction({
      node,
      inputs: { ...inputs, url: healthy.url, 'expect-body': '$.version === abc' }
    })
    expect(run.code).toBe(1)
    expect(run.annotations.map(a => a.message)).toContainEqual(
      "input 'expect-body' line 1: cannot parse '$.version === abc': unknown operator '===' (use ==, !=, <, <=, >, >=, contains, matches) at position 11"
    )
  })
})
