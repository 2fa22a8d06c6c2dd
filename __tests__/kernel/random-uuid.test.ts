// The UUID @actions/core puts in every output's heredoc delimiter (scripts/build.mjs gives it this one): if two
// were equal or guessable, a value could contain the delimiter and forge outputs.
import { describe, expect, it, jest } from '@jest/globals'
import fs from 'node:fs'
import { randomUUID } from '../../src/kernel/random-uuid.js'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('randomUUID (from /dev/urandom)', () => {
  it('gives RFC 9562 version-4 UUIDs, all different', () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID())
    for (const id of ids) expect(id).toMatch(V4)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('spreads its bits: each of the 122 random bits is set in about half of 2,000 UUIDs', () => {
    const counts = new Array<number>(128).fill(0)
    const runs = 2000
    for (let run = 0; run < runs; run++) {
      const bytes = Buffer.from(randomUUID().replace(/-/g, ''), 'hex')
      for (let bit = 0; bit < 128; bit++) if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) counts[bit]!++
    }
    // Bits 48–51 hold the version (0100) and 64–65 the variant (10): fixed. The rest are random: 2,000
    // fair coin flips land within 1,000 ± 200 far beyond any chance of a false failure (≈ 9 standard deviations).
    const fixed = new Set([48, 49, 50, 51, 64, 65])
    for (let bit = 0; bit < 128; bit++) {
      if (fixed.has(bit)) continue
      expect(counts[bit]).toBeGreaterThan(800)
      expect(counts[bit]).toBeLessThan(1200)
    }
  })

  it('falls back to node:crypto where /dev/urandom cannot be read, and closes what it opened', () => {
    const open = jest.spyOn(fs, 'openSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' })
    })
    try {
      expect(randomUUID()).toMatch(V4)
      expect(open).toHaveBeenCalledWith('/dev/urandom', 'r')
    } finally {
      open.mockRestore()
    }
    const read = jest.spyOn(fs, 'readSync').mockReturnValue(3)
    const close = jest.spyOn(fs, 'closeSync')
    try {
      expect(randomUUID()).toMatch(V4)
      expect(close).toHaveBeenCalledTimes(1)
    } finally {
      read.mockRestore()
      close.mockRestore()
    }
  })
})
