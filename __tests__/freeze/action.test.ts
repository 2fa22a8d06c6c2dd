// gate: freeze through the bundled dist/index.js, as the runner runs it, with the process clock set by
// libfaketime (Debian package `faketime`): the whole action runs on the chosen date, as it would on that day.
import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'

const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1'
].find(existsSync)

/** The environment that starts the action's clock at `utc` (`2026-11-28 15:00:00`); timers keep real time. */
function clockAt(utc: string): Record<string, string> {
  if (!LIBFAKETIME) throw new Error('libfaketime is not installed: apt-get install -y faketime (see .ci/run)')
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${utc}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' }
}

const WINDOWS = `
- name: Black Friday
  from: 2026-11-27T00:00
  to: 2026-12-01T00:00
- name: Weekend
  start: 0 23 * * 5
  end: 0 7 * * 1
`

describe.each(NODE_BINARIES)('gate: freeze on $label', ({ path: node }) => {
  beforeAll(() => ensureBuilt())
  const freeze = (utc: string, inputs: Record<string, string>) =>
    runAction({ node, env: clockAt(utc), inputs: { gate: 'freeze', comment: 'false', ...inputs } })
  const annotations = (run: Awaited<ReturnType<typeof freeze>>, level: string) =>
    run.annotations
      .filter(a => a.level === level && !a.message.startsWith('Deploy freeze failed:'))
      .map(a => a.message.split('\n')[0])

  it('blocks a deploy on Black Friday (New York wall-clock), naming the window and when it ends', async () => {
    const run = await freeze('2026-11-27 15:00:00', {
      'freeze-windows': WINDOWS,
      timezone: 'America/New_York'
    })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({
      frozen: 'true',
      window: 'Black Friday',
      until: '2026-12-01T05:00:00Z',
      overridden: 'false',
      status: 'failed'
    })
    expect(annotations(run, 'error')).toEqual([
      "Deploy freeze 'Black Friday' is in force until 2026-12-01T05:00:00Z (2026-12-01 00:00 America/New_York): no deploys until then"
    ])
    expect(run.summary).toContain('Freeze windows')
  })

  it('lets the deploy through with an override reason: a warning, in the summary and the outputs', async () => {
    const reason = 'hotfix: checkout rejects saved cards (INC-4711), approved by the on-call SRE'
    const run = await freeze('2026-11-27 15:00:00', {
      'freeze-windows': WINDOWS,
      timezone: 'America/New_York',
      override: reason
    })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({
      frozen: 'true',
      window: 'Black Friday',
      overridden: 'true',
      status: 'passed'
    })
    expect(annotations(run, 'warning')).toEqual([
      `Deploy freeze 'Black Friday' (until 2026-12-01T05:00:00Z (2026-12-01 00:00 America/New_York)) overridden: ${reason}`
    ])
    // In the finding and in the verdict's own row.
    expect(run.summary.split(reason).length - 1).toBe(2)
    expect(run.summary).toMatch(/Override reason/)
  })

  it('freezes the weekend by cron from Friday 23:00 to Monday 07:00 in Berlin, across the DST change', async () => {
    const weekend = `
- name: Weekend
  start: 0 23 * * 5
  end: 0 7 * * 1
`
    // Friday 27 March 2026 23:00 CET = 22:00 UTC; Monday 30 March 07:00 CEST = 05:00 UTC (clocks changed Sunday).
    const saturday = await freeze('2026-03-28 12:00:00', {
      'freeze-windows': weekend,
      timezone: 'Europe/Berlin'
    })
    expect(saturday.outputs).toMatchObject({
      frozen: 'true',
      window: 'Weekend',
      until: '2026-03-30T05:00:00Z'
    })
    expect(saturday.code).toBe(1)
    const fridayEvening = await freeze('2026-03-27 21:59:00', {
      'freeze-windows': weekend,
      timezone: 'Europe/Berlin'
    })
    expect(fridayEvening.outputs).toMatchObject({ frozen: 'false', window: '', until: '', status: 'passed' })
    const mondayMorning = await freeze('2026-03-30 05:00:00', {
      'freeze-windows': weekend,
      timezone: 'Europe/Berlin'
    })
    expect(mondayMorning.outputs).toMatchObject({ frozen: 'false', status: 'passed' })
    expect(mondayMorning.code).toBe(0)
  })

  it('ends a date window across the New York spring change at its wall-clock end, not an hour late', async () => {
    const overnight = `
- name: overnight migration
  from: 2026-03-07T22:00
  to: 2026-03-08T06:00
`
    // 06:00 EDT is 10:00 UTC; a fixed EST offset would keep the freeze until 11:00 UTC.
    const inside = await freeze('2026-03-08 09:59:00', {
      'freeze-windows': overnight,
      timezone: 'America/New_York'
    })
    expect(inside.outputs).toMatchObject({ frozen: 'true', until: '2026-03-08T10:00:00Z' })
    const after = await freeze('2026-03-08 10:30:00', {
      'freeze-windows': overnight,
      timezone: 'America/New_York'
    })
    expect(after.outputs).toMatchObject({ frozen: 'false', status: 'passed' })
  })

  it('freezes a nightly window across midnight in Tokyo', async () => {
    const nightly = `
- name: nightly batch
  start: 30 23 * * *
  end: 30 1 * * *
`
    // 00:10 JST on 2 December is 15:10 UTC on 1 December.
    const run = await freeze('2026-12-01 15:10:00', { 'freeze-windows': nightly, timezone: 'Asia/Tokyo' })
    expect(run.outputs).toMatchObject({
      frozen: 'true',
      window: 'nightly batch',
      until: '2026-12-01T16:30:00Z'
    })
  })

  it.each([
    [
      { 'freeze-windows': WINDOWS, timezone: 'America/NewYork' },
      "input 'timezone' must be an IANA time zone name like UTC, Europe/Berlin or America/New_York (got 'America/NewYork')"
    ],
    [
      { 'freeze-windows': '- name: Weekend\n  start: 0 23 * * FRY\n  end: 0 7 * * 1' },
      expect.stringMatching(
        /^input 'freeze-windows' line 1 \(window 'Weekend'\): 'start' is not a valid five-field cron expression \('0 23 \* \* FRY'\): /
      )
    ],
    [
      { 'freeze-windows': '- name: Sale\n  from: 2026-11-30T00:00\n  to: 2026-11-27T00:00' },
      "input 'freeze-windows' line 1 (window 'Sale'): 'to' (2026-11-27T00:00) is before 'from' (2026-11-30T00:00): the window ends before it starts"
    ],
    [
      { 'freeze-windows': '- name: Sale\n  from: 2026-11-27T00:00\n  until: 2026-11-30T00:00' },
      "input 'freeze-windows' line 1: window 1 has unknown key 'until' (a window has name, from, to, start, end)"
    ]
  ])('rejects bad input with one line: %j', async (inputs, message) => {
    const run = await freeze('2026-11-27 15:00:00', inputs)
    expect(run.code).toBe(1)
    expect(annotations(run, 'error')).toEqual([message])
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})
