// gate: freeze in-process, with the clock set through GateIO.now: date and cron windows, time zones and their
// daylight-saving changes, overrides, and every input error.
import { describe, expect, it } from '@jest/globals'
import { parseFreezeInputs } from '../../src/gates/freeze/config.js'
import { runFreeze } from '../../src/gates/freeze/index.js'
import { instantOf } from '../../src/gates/freeze/zoned-time.js'
import { actionInputSource } from '../../src/inputs.js'
import { testGateIO } from '../helpers/gate-io.js'

/** The inputs as the runner passes them (INPUT_*), so messages name them as a workflow user reads them. */
const source = (inputs: Record<string, string>) =>
  actionInputSource(
    Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
  )

function freezeAt(now: string, inputs: Record<string, string>) {
  const config = parseFreezeInputs(source(inputs))
  return runFreeze(config, testGateIO(process.cwd(), { now: () => Date.parse(now) }))
}

const parseError = (inputs: Record<string, string>) => {
  try {
    parseFreezeInputs(source(inputs))
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected an input error')
}

const wall = (text: string) => {
  const [date, time] = text.split('T') as [string, string]
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  return { year, month, day, hour, minute, second: 0, millisecond: 0 }
}
const utc = (instant: number) => new Date(instant).toISOString()

describe('wall-clock times in a time zone', () => {
  it('converts ordinary times with the offset in force on that date', () => {
    expect(utc(instantOf(wall('2026-01-15T09:00'), 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z')
    expect(utc(instantOf(wall('2026-07-15T09:00'), 'America/New_York'))).toBe('2026-07-15T13:00:00.000Z')
    expect(utc(instantOf(wall('2026-07-15T09:00'), 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z')
    expect(utc(instantOf(wall('2026-07-15T09:00'), 'Asia/Kolkata'))).toBe('2026-07-15T03:30:00.000Z')
    expect(utc(instantOf(wall('2026-07-15T09:00'), 'Australia/Sydney'))).toBe('2026-07-14T23:00:00.000Z')
  })

  it('moves a time the spring change skips forward by the gap, and takes the first of a repeated time', () => {
    // New York skips 02:00–03:00 on 8 March 2026 and repeats 01:00–02:00 on 1 November 2026.
    expect(utc(instantOf(wall('2026-03-08T02:30'), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z')
    expect(utc(instantOf(wall('2026-11-01T01:30'), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z')
    // Berlin skips 02:00–03:00 on 29 March 2026 and repeats 02:00–03:00 on 25 October 2026.
    expect(utc(instantOf(wall('2026-03-29T02:30'), 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z')
    expect(utc(instantOf(wall('2026-10-25T02:30'), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z')
  })
})

describe('date windows', () => {
  const blackFriday = `
- name: Black Friday
  from: 2026-11-27T00:00
  to: 2026-11-30T23:59
`
  const inputs = { 'freeze-windows': blackFriday, timezone: 'America/New_York' }

  it('fails inside the window, naming it and when it closes (in UTC)', () => {
    const result = freezeAt('2026-11-28T15:00:00Z', inputs)
    expect(result.outputs).toEqual({
      frozen: 'true',
      window: 'Black Friday',
      until: '2026-12-01T04:59:00Z',
      overridden: 'false'
    })
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'frozen',
        severity: 'error',
        message:
          "Deploy freeze 'Black Friday' is in force until 2026-12-01T04:59:00Z (2026-11-30 23:59 America/New_York): no deploys until then"
      })
    ])
  })

  it('reads wall-clock times in the time zone: the window opens at local midnight, not UTC midnight', () => {
    expect(freezeAt('2026-11-27T04:59:59Z', inputs).outputs.frozen).toBe('false')
    expect(freezeAt('2026-11-27T05:00:00Z', inputs).outputs.frozen).toBe('true')
    expect(freezeAt('2026-12-01T04:58:59Z', inputs).outputs.frozen).toBe('true')
    const after = freezeAt('2026-12-01T04:59:00Z', inputs)
    expect(after.outputs).toEqual({ frozen: 'false', window: '', until: '', overridden: 'false' })
    expect(after.findings).toEqual([])
  })

  it('takes an explicit offset or Z as the instant it names, whatever the time zone', () => {
    const windows = `
- name: release night
  from: 2026-06-10T18:00:00+02:00
  to: 2026-06-10T20:00:00Z
`
    const at = (now: string) => freezeAt(now, { 'freeze-windows': windows, timezone: 'Asia/Tokyo' }).outputs
    expect(at('2026-06-10T15:59:59Z').frozen).toBe('false')
    expect(at('2026-06-10T16:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-06-10T20:00:00Z' })
  })

  it('spans a daylight-saving change in New York with the right length (7 hours, not 8)', () => {
    // 22:00 EST (UTC-5) to 06:00 EDT (UTC-4): a fixed offset would end it an hour late.
    const windows = `
- name: overnight migration
  from: 2026-03-07T22:00
  to: 2026-03-08T06:00
`
    const at = (now: string) =>
      freezeAt(now, { 'freeze-windows': windows, timezone: 'America/New_York' }).outputs
    expect(at('2026-03-08T02:59:59Z').frozen).toBe('false')
    expect(at('2026-03-08T03:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-03-08T10:00:00Z' })
    expect(at('2026-03-08T09:59:59Z').frozen).toBe('true')
    expect(at('2026-03-08T10:00:00Z').frozen).toBe('false')
  })

  it('spans the autumn change in Berlin with the right length (9 hours, not 8)', () => {
    // 22:00 CEST (UTC+2) to 06:00 CET (UTC+1).
    const windows = `
- name: data-centre move
  from: 2026-10-24T22:00
  to: 2026-10-25T06:00
`
    const at = (now: string) =>
      freezeAt(now, { 'freeze-windows': windows, timezone: 'Europe/Berlin' }).outputs
    expect(at('2026-10-24T19:59:59Z').frozen).toBe('false')
    expect(at('2026-10-24T20:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-10-25T05:00:00Z' })
    expect(at('2026-10-25T04:30:00Z').frozen).toBe('true')
    expect(at('2026-10-25T05:00:00Z').frozen).toBe('false')
  })

  it('says when a window that opens as this one closes keeps the freeze going', () => {
    const windows = `
- name: Black Friday
  from: 2026-11-27T00:00
  to: 2026-11-30T00:00
- name: Cyber Monday
  from: 2026-11-30T00:00
  to: 2026-12-01T00:00
- name: Christmas
  from: 2026-12-20T00:00
  to: 2026-12-27T00:00
`
    const result = freezeAt('2026-11-28T12:00:00Z', { 'freeze-windows': windows })
    expect(result.outputs).toMatchObject({ window: 'Black Friday', until: '2026-11-30T00:00:00Z' })
    expect(result.findings[0]!.message).toBe(
      "Deploy freeze 'Black Friday' is in force until 2026-11-30T00:00:00Z (2026-11-30 00:00 UTC), then 'Cyber Monday' until 2026-12-01T00:00:00Z (2026-12-01 00:00 UTC): no deploys until then"
    )
    expect(result.data).toMatchObject({ lifts: '2026-12-01T00:00:00Z' })
  })

  it('names the window in force that closes last when windows overlap', () => {
    const windows = `
- name: Black Friday
  from: 2026-11-27T00:00
  to: 2026-11-28T00:00
- name: Cyber week
  from: 2026-11-26T00:00
  to: 2026-12-01T00:00
- name: Christmas
  from: 2026-12-20T00:00
  to: 2026-12-27T00:00
`
    const result = freezeAt('2026-11-27T12:00:00Z', { 'freeze-windows': windows })
    expect(result.outputs).toMatchObject({ window: 'Cyber week', until: '2026-12-01T00:00:00Z' })
    const table = result.sections.find(s => s.heading === 'Freeze windows')!.blocks[0]
    expect(table).toMatchObject({
      kind: 'table',
      rows: [
        expect.arrayContaining(['Black Friday', '❄️ in force']),
        expect.arrayContaining(['Cyber week', '❄️ in force']),
        expect.arrayContaining(['Christmas', 'upcoming'])
      ]
    })
  })
})

describe('cron windows (GitLab deploy freeze semantics)', () => {
  const weekend = `
- name: weekend
  start: 0 23 * * 5
  end: 0 7 * * 1
`

  it('opens at start and stays closed-for-deploys across the weekend until the next end', () => {
    const at = (now: string) => freezeAt(now, { 'freeze-windows': weekend }).outputs
    // Friday 4 December 2026, 22:59 UTC: not yet.
    expect(at('2026-12-04T22:59:59Z').frozen).toBe('false')
    expect(at('2026-12-04T23:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-12-07T07:00:00Z' })
    expect(at('2026-12-05T12:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-12-07T07:00:00Z' })
    expect(at('2026-12-06T23:59:00Z')).toMatchObject({ frozen: 'true', until: '2026-12-07T07:00:00Z' })
    expect(at('2026-12-07T06:59:59Z').frozen).toBe('true')
    expect(at('2026-12-07T07:00:00Z').frozen).toBe('false')
    expect(at('2026-12-09T12:00:00Z').frozen).toBe('false')
  })

  it('runs a nightly window across midnight in the time zone', () => {
    const nightly = `
- name: nightly batch
  start: 0 22 * * *
  end: 0 6 * * *
`
    const at = (now: string) => freezeAt(now, { 'freeze-windows': nightly, timezone: 'Asia/Tokyo' }).outputs
    // 22:00 JST is 13:00 UTC; 06:00 JST is 21:00 UTC.
    expect(at('2026-05-12T12:59:00Z').frozen).toBe('false')
    expect(at('2026-05-12T13:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-05-12T21:00:00Z' })
    expect(at('2026-05-12T18:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-05-12T21:00:00Z' })
    expect(at('2026-05-12T21:00:00Z').frozen).toBe('false')
  })

  it('follows the zone across a daylight-saving change (Berlin, night of 28–29 March 2026)', () => {
    const nightly = `
- name: nightly batch
  start: 0 22 * * *
  end: 0 6 * * *
`
    const at = (now: string) =>
      freezeAt(now, { 'freeze-windows': nightly, timezone: 'Europe/Berlin' }).outputs
    // Opens at 22:00 CET (21:00 UTC), closes at 06:00 CEST (04:00 UTC): one hour shorter than other nights.
    expect(at('2026-03-28T20:59:00Z').frozen).toBe('false')
    expect(at('2026-03-28T21:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-03-29T04:00:00Z' })
    expect(at('2026-03-29T03:59:00Z').frozen).toBe('true')
    expect(at('2026-03-29T04:00:00Z').frozen).toBe('false')
  })

  it('follows the zone across the autumn change in New York on a weekend window', () => {
    const windows = `
- name: weekend
  start: 0 23 * * 5
  end: 0 7 * * 1
`
    const at = (now: string) =>
      freezeAt(now, { 'freeze-windows': windows, timezone: 'America/New_York' }).outputs
    // Friday 30 October 23:00 EDT = Saturday 03:00 UTC; Monday 2 November 07:00 EST = 12:00 UTC.
    expect(at('2026-10-31T02:59:00Z').frozen).toBe('false')
    expect(at('2026-10-31T03:00:00Z')).toMatchObject({ frozen: 'true', until: '2026-11-02T12:00:00Z' })
    expect(at('2026-11-02T11:59:00Z').frozen).toBe('true')
    expect(at('2026-11-02T12:00:00Z').frozen).toBe('false')
  })

  it('closes a window whose end falls in the spring gap right after the gap (GitLab would stay frozen a week)', () => {
    const windows = `
- name: sunday early
  start: 0 1 * * 0
  end: 0 2 * * 0
`
    const at = (now: string) =>
      freezeAt(now, { 'freeze-windows': windows, timezone: 'Europe/Berlin' }).outputs
    // 29 March 2026: 01:00 CET is 00:00 UTC; 02:00 does not exist, so it closes at 03:00 CEST (01:00 UTC).
    expect(at('2026-03-29T00:30:00Z')).toMatchObject({ frozen: 'true', until: '2026-03-29T01:00:00Z' })
    expect(at('2026-03-29T01:00:00Z').frozen).toBe('false')
    expect(at('2026-03-31T12:00:00Z').frozen).toBe('false')
  })

  it('combines day-of-month and day-of-week with OR, as cron does', () => {
    // The 13th, or any Friday: 00:00 to 23:59.
    const windows = `
- name: superstition
  start: 0 0 13 * 5
  end: 59 23 * * *
`
    const at = (now: string) => freezeAt(now, { 'freeze-windows': windows }).outputs.frozen
    expect(at('2026-01-13T12:00:00Z')).toBe('true') // a Tuesday, the 13th
    expect(at('2026-01-16T12:00:00Z')).toBe('true') // a Friday, the 16th
    expect(at('2026-01-14T12:00:00Z')).toBe('false')
  })

  it('shows the next opening of a window not in force', () => {
    const result = freezeAt('2026-12-02T12:00:00Z', { 'freeze-windows': weekend })
    const table = result.sections.find(s => s.heading === 'Freeze windows')!.blocks[0]
    expect(table).toMatchObject({
      rows: [
        [
          'weekend',
          'cron 0 23 * * 5 → 0 7 * * 1',
          'upcoming',
          '2026-12-04 23:00 UTC (2026-12-04T23:00:00Z)',
          '2026-12-07 07:00 UTC (2026-12-07T07:00:00Z)'
        ]
      ]
    })
  })
})

describe('override', () => {
  const windows = `
- name: Black Friday
  from: 2026-11-27T00:00
  to: 2026-11-30T23:59
`
  it('lets a deploy through a freeze with a warning that carries the reason', () => {
    const result = freezeAt('2026-11-28T15:00:00Z', {
      'freeze-windows': windows,
      timezone: 'America/New_York',
      override: 'hotfix: checkout returns 500 for saved cards (INC-4711)'
    })
    expect(result.outputs).toEqual({
      frozen: 'true',
      window: 'Black Friday',
      until: '2026-12-01T04:59:00Z',
      overridden: 'true'
    })
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'freeze-overridden',
        severity: 'warning',
        message:
          "Deploy freeze 'Black Friday' (until 2026-12-01T04:59:00Z (2026-11-30 23:59 America/New_York)) overridden: hotfix: checkout returns 500 for saved cards (INC-4711)"
      })
    ])
    const verdict = result.sections.find(s => s.heading === 'Freeze verdict')!.blocks[0]
    expect(verdict).toMatchObject({
      pairs: expect.arrayContaining([
        ['Override reason', 'hotfix: checkout returns 500 for saved cards (INC-4711)']
      ])
    })
  })

  it('overrides nothing outside a freeze', () => {
    const result = freezeAt('2026-11-20T15:00:00Z', { 'freeze-windows': windows, override: 'hotfix' })
    expect(result.outputs).toMatchObject({ frozen: 'false', overridden: 'false' })
    expect(result.findings).toEqual([])
  })
})

describe('input errors: one line naming the input', () => {
  const one = (body: string) => `- name: w\n${body}`
  it.each([
    [
      'a window that ends before it starts',
      one('  from: 2026-11-30T00:00\n  to: 2026-11-27T00:00'),
      "input 'freeze-windows' line 1 (window 'w'): 'to' (2026-11-27T00:00) is before 'from' (2026-11-30T00:00): the window ends before it starts"
    ],
    [
      'a window that ends when it starts',
      one('  from: 2026-11-30T00:00\n  to: 2026-11-30T00:00'),
      "input 'freeze-windows' line 1 (window 'w'): 'to' (2026-11-30T00:00) is the same time as 'from' (2026-11-30T00:00): the window ends before it starts"
    ],
    [
      'an invalid cron expression',
      one('  start: 0 25 * * 5\n  end: 0 7 * * 1'),
      "input 'freeze-windows' line 1 (window 'w'): 'start' is not a valid five-field cron expression ('0 25 * * 5'): Invalid value for hour: 25"
    ],
    [
      'a six-field cron expression',
      one('  start: 0 0 23 * * 5\n  end: 0 7 * * 1'),
      "input 'freeze-windows' line 1 (window 'w'): 'start' is not a valid five-field cron expression ('0 0 23 * * 5'): mode '5-part' requires exactly 5 parts, but pattern '0 0 23 * * 5' has 6 parts."
    ],
    [
      'a cron expression that never matches',
      one('  start: 0 0 30 2 *\n  end: 0 7 * * 1'),
      "input 'freeze-windows' line 1 (window 'w'): 'start' ('0 0 30 2 *') never matches a date (e.g. 30 February)"
    ],
    [
      'the same start and end',
      one('  start: 0 7 * * 1\n  end: 0 7 * * 1'),
      "input 'freeze-windows' line 1 (window 'w'): 'start' and 'end' are the same expression, so the window never opens"
    ],
    [
      'unknown keys',
      one('  from: 2026-11-27T00:00\n  to: 2026-11-30T00:00\n  timezone: UTC\n  reason: sales'),
      "input 'freeze-windows' line 1: window 1 has unknown keys 'timezone', 'reason' (a window has name, from, to, start, end)"
    ],
    [
      'dates and cron at once',
      one('  from: 2026-11-27T00:00\n  to: 2026-11-30T00:00\n  start: 0 7 * * 1'),
      "input 'freeze-windows' line 1 (window 'w'): give either from/to (dates) or start/end (cron), not both"
    ],
    [
      'a missing end',
      one('  start: 0 23 * * 5'),
      "input 'freeze-windows' line 1 (window 'w'): 'end' is missing"
    ],
    [
      'a date without a time',
      one('  from: 2026-11-27\n  to: 2026-11-30T00:00'),
      "input 'freeze-windows' line 1 (window 'w'): 'from' is a date without a time of day (got '2026-11-27'); write an ISO 8601 date-time like 2026-11-27T00:00, 2026-11-27T00:00:00Z or 2026-11-27T00:00-05:00"
    ],
    [
      'an impossible date',
      one('  from: 2026-02-30T00:00\n  to: 2026-03-02T00:00'),
      "input 'freeze-windows' line 1 (window 'w'): 'from' is not a calendar date (got '2026-02-30T00:00'); write an ISO 8601 date-time like 2026-11-27T00:00, 2026-11-27T00:00:00Z or 2026-11-27T00:00-05:00"
    ],
    [
      'a window without a name',
      '- from: 2026-11-27T00:00\n  to: 2026-11-30T00:00',
      "input 'freeze-windows' line 1: window 1 needs a name"
    ],
    [
      'two windows with one name',
      `${one('  from: 2026-11-27T00:00\n  to: 2026-11-30T00:00')}\n${one('  start: 0 23 * * 5\n  end: 0 7 * * 1')}`,
      "input 'freeze-windows' line 4: a second window named 'w'"
    ],
    [
      'a mapping instead of a list',
      'name: w\nfrom: 2026-11-27T00:00',
      "input 'freeze-windows' must be a YAML list of windows ('- name: …'), got object"
    ],
    [
      'YAML that does not parse',
      '- name: w\n  from: [2026',
      "input 'freeze-windows' line 3: not valid YAML: unexpected end of the stream within a flow collection"
    ]
  ])('%s', (_, windows, message) => {
    expect(parseError({ 'freeze-windows': windows })).toBe(message)
  })

  it('rejects an unknown time zone, naming timezone', () => {
    expect(parseError({ 'freeze-windows': '[]', timezone: 'Mars/Olympus' })).toBe(
      "input 'timezone' must be an IANA time zone name like UTC, Europe/Berlin or America/New_York (got 'Mars/Olympus')"
    )
  })

  it('requires freeze-windows', () => {
    expect(parseError({})).toBe(
      "input 'freeze-windows' is required: a YAML list of windows, each with a name and from/to dates or start/end cron expressions"
    )
  })
})
