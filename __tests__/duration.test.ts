import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../src/duration.js'

describe('formatDuration', () => {
  it('rounds before choosing the unit, so no unit overflows', () => {
    expect(formatDuration(119_999)).toBe('2m0s')
    expect(formatDuration(999.6)).toBe('1s')
    expect(formatDuration(59_960)).toBe('1m0s')
    expect(formatDuration(3_599_600)).toBe('1h0m')
  })

  it('shows each range in its unit', () => {
    expect(formatDuration(0)).toBe('0ms')
    expect(formatDuration(999.4)).toBe('999ms')
    expect(formatDuration(1000)).toBe('1s')
    expect(formatDuration(1540)).toBe('1.5s')
    expect(formatDuration(59_940)).toBe('59.9s')
    expect(formatDuration(125_000)).toBe('2m5s')
    expect(formatDuration(3_725_000)).toBe('1h2m')
    expect(formatDuration(-5)).toBe('0ms')
  })

  it('reads back what parseDuration accepts', () => {
    for (const text of ['850ms', '1.5s', '2m5s']) expect(formatDuration(parseDuration(text, 'x'))).toBe(text)
  })
})
