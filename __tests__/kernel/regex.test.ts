// Patterns from inputs and specs run in linear time, or are refused before use (src/kernel/regex.ts).
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { ajvRegExpEngine, compileSafeRegExp, UnsafePatternError } from '../../src/kernel/regex.js'

describe('compileSafeRegExp', () => {
  it('matches like JavaScript on ordinary patterns', () => {
    const cases: [string, string, string[], string[]][] = [
      ['^\\d{3}-\\d{4}$', '', ['555-1234'], ['555-12345', 'x555-1234']],
      ['^[a-z][a-z0-9_]*$', '', ['user_1'], ['1user', '']],
      ['(?<year>\\d{4})-(?<month>\\d\\d)', '', ['in 2026-12'], ['26-12']],
      ['^https?://', 'i', ['HTTPS://x'], ['ftp://x']],
      ['^b$', 'm', ['a\nb\nc'], ['abc']],
      ['a.b', 's', ['a\nb'], ['ab']],
      ['^\\p{Lu}', '', ['Élan'], ['élan']]
    ]
    for (const [pattern, flags, yes, no] of cases) {
      const safe = compileSafeRegExp(pattern, flags)
      const native = new RegExp(pattern, `${flags}u`)
      for (const input of [...yes, ...no])
        expect([pattern, input, safe.test(input)]).toEqual([pattern, input, native.test(input)])
      for (const input of yes) expect(safe.test(input)).toBe(true)
      for (const input of no) expect(safe.test(input)).toBe(false)
    }
  })

  it('runs a catastrophic pattern in linear time', () => {
    const safe = compileSafeRegExp('^(a+)+$')
    const started = performance.now()
    expect(safe.test(`${'a'.repeat(37)}!`)).toBe(false)
    expect(safe.test(`${'a'.repeat(200_000)}!`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it.each([
    ['(?=a)b', /lookahead/],
    ['(?<!a)b', /lookbehind/],
    ['(a)\\1', /backreference/],
    ['a{1001}', /cannot run on the linear-time engine/],
    ['(unclosed', /is not a valid regular expression/],
    ['x'.repeat(5000), /longer than 4096 characters/]
  ])('refuses %s before use, with a short quote', (pattern, reason) => {
    expect(() => compileSafeRegExp(pattern)).toThrow(UnsafePatternError)
    expect(() => compileSafeRegExp(pattern)).toThrow(reason)
    try {
      compileSafeRegExp(pattern)
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(250)
    }
  })
})

describe("ajv's code.regExp", () => {
  it('validates `pattern` with the linear-time engine and refuses unusable patterns at compile', () => {
    const ajv = new Ajv({ code: { regExp: ajvRegExpEngine } })
    const validate = ajv.compile({ type: 'string', pattern: '^(a+)+$' })
    const started = performance.now()
    expect(validate(`${'a'.repeat(40)}!`)).toBe(false)
    expect(validate('aaaa')).toBe(true)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(() => ajv.compile({ type: 'string', pattern: '(?=x)' })).toThrow(/lookahead/)
  })
})
