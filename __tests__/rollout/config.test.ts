// The rollout gate's inputs, parsed in-process: the forms `steps` accepts, what it rejects, and the health
// gate's inputs passing through with `step-pause` as the analysis window.
import { describe, expect, it } from '@jest/globals'
import { parseRolloutInputs, parseSteps } from '../../src/gates/rollout/config.js'
import { actionInputSource } from '../../src/inputs.js'

const source = (inputs: Record<string, string>) =>
  actionInputSource(
    Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
  )
const base = { 'traffic-command': 'true', url: 'http://127.0.0.1:9/healthz', interval: '1s' }
const parseError = (inputs: Record<string, string>) => {
  try {
    parseRolloutInputs(source(inputs))
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected an input error')
}

describe('steps', () => {
  it.each([
    ['10,50,100', [10, 50, 100]],
    [' 1, 5 ,25, 100 ', [1, 5, 25, 100]],
    ['10\n50\n100\n', [10, 50, 100]],
    ['10%, 50%, 100%', [10, 50, 100]],
    ['100', [100]],
    // An empty item between separators is skipped, as a blank line is.
    ['10,,100', [10, 100]]
  ])('reads %j', (text, steps) => {
    expect(parseSteps(text, "input 'steps'")).toEqual(steps)
  })

  it.each([
    ['50,10,100', '10 does not come after 50'],
    ['10,10,100', '10 does not come after 10'],
    ['10,50,101', '101 is not from 1 to 100'],
    ['10,50,99', 'the last step is 99, not 100'],
    ['12.5,100', "'12.5' is not a whole percentage"],
    ['-5,100', "'-5' is not a whole percentage"],
    [',', 'no steps']
  ])('rejects %j', (text, why) => {
    expect(() => parseSteps(text, "input 'steps'")).toThrow(
      `input 'steps' must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. 10,50,100 (got '${text}': ${why})`
    )
  })

  it('defaults to 10,50,100', () => {
    expect(parseRolloutInputs(source(base)).steps).toEqual([10, 50, 100])
  })
})

describe('the analysis of each step', () => {
  it("is the health gate's, with step-pause as its window (default 2m) and all its other inputs", () => {
    const config = parseRolloutInputs(
      source({
        ...base,
        'step-pause': '30s',
        'failure-limit': '2',
        'max-error-rate': '0.05',
        'expect-body': '$.ok == true'
      })
    )
    expect(config.stepPauseMs).toBe(30_000)
    expect(config.health).toMatchObject({
      windowMs: 30_000,
      intervalMs: 1000,
      failureLimit: 2,
      maxErrorRate: 0.05
    })
    expect(config.health.expectBody).toHaveLength(1)
    expect(parseRolloutInputs(source(base)).health.windowMs).toBe(120_000)
  })

  it('passes the Prometheus analysis through, evaluated in each step', () => {
    const config = parseRolloutInputs(
      source({
        'traffic-command': 'true',
        'prometheus-url': 'http://127.0.0.1:9090',
        'prometheus-query': 'sum(rate(http_requests_total{version="canary",code=~"5.."}[1m]))',
        'success-condition': 'result < 0.01',
        interval: '10s'
      })
    )
    expect(config.health.targets).toEqual([])
    expect(config.health.metrics).toHaveLength(1)
    expect(config.health.metrics[0]).toMatchObject({ name: 'prometheus' })
  })

  it("names step-pause in the health gate's own messages about its window", () => {
    expect(parseError({ ...base, 'step-pause': '500ms', interval: '1s' })).toMatch(
      /^input 'step-pause' \(500ms\) is shorter than input 'interval' \(1s\)/
    )
  })

  it('rejects window (the health gate input) and a zero step-pause', () => {
    expect(parseError({ ...base, window: '1m' })).toBe(
      "input 'window' is the health gate's; a rollout analyses each step for input 'step-pause'"
    )
    expect(parseError({ ...base, 'step-pause': '0s' })).toBe(
      "input 'step-pause' must be longer than 0: each step is analysed during its pause"
    )
  })

  it('has a deadline of readiness-timeout plus step-pause and 5 minutes per step, unless given', () => {
    const config = parseRolloutInputs(source({ ...base, 'readiness-timeout': '60s', 'step-pause': '1m' }))
    expect(config.deadlineMs).toBe(60_000 + 3 * (60_000 + 300_000))
    expect(parseRolloutInputs(source({ ...base, deadline: '45m' })).deadlineMs).toBe(45 * 60_000)
  })

  it('needs a target to analyse', () => {
    expect(parseError({ 'traffic-command': 'true' })).toMatch(/^input 'url' is required/)
  })
})
