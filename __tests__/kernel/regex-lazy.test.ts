// The lazy door to linear-time patterns (src/kernel/regex-lazy.ts): the native path takes only patterns V8
// matches in linear time, answers as RE2 does, and everything else still reaches RE2 or its refusal.
import { describe, expect, it } from '@jest/globals'
import { compileSafeRegExp } from '../../src/kernel/regex.js'
import {
  compileSafeRegExpLazily,
  provablyLinearRegExp,
  UnsafePatternError
} from '../../src/kernel/regex-lazy.js'

const INPUTS = [
  '',
  'a',
  'abc',
  'production-region',
  'ABC',
  '555-1234',
  'x\ny',
  'sk_live_1',
  '  ',
  'é',
  '😀',
  '-a-',
  '1a'
]

describe('provablyLinearRegExp', () => {
  it.each([
    ['^[a-z-]+$', ''],
    ['^[A-Z]{3}$', ''],
    ['^\\d{3}-\\d{4}$', ''],
    ['^sk_', ''],
    ['abc', ''],
    ['^[a-z0-9_]*$', 'u'],
    ['^\\w+$', 'u'],
    ['^😀?$', ''],
    ['', '']
  ])('takes %s and answers as RE2 does', (pattern, flags) => {
    const native = provablyLinearRegExp(pattern, flags)
    expect(native).toBeDefined()
    const re2 = compileSafeRegExp(pattern, flags)
    for (const input of INPUTS) expect([input, native!.test(input)]).toEqual([input, re2.test(input)])
    expect(native!.toString()).toBe(re2.toString())
  })

  it.each([
    ['^(a+)+$', 'a group'],
    ['^a*a*b', 'two variable repeats'],
    ['[a-z]+x', 'an unanchored variable repeat'],
    ['^a|b', 'alternation'],
    ['^.+$', 'the dot (newline rules differ)'],
    ['^\\s+$', '\\s (Unicode spaces differ)'],
    ['^[^a]+$', 'a negated class'],
    ['^a+?b', 'a lazy repeat'],
    ['^a{1001}$', 'a repeat count RE2 refuses'],
    ['^(?=a)', 'a lookahead'],
    ['^([a-z]+$', 'an invalid pattern']
  ])('leaves %s to RE2 (%s)', pattern => {
    expect(provablyLinearRegExp(pattern)).toBeUndefined()
  })

  it('leaves the i and m flags to RE2', () => {
    expect(provablyLinearRegExp('^[a-z]+$', 'i')).toBeUndefined()
    expect(provablyLinearRegExp('^[a-z]+$', 'm')).toBeUndefined()
  })

  it('matches a long hostile input in linear time', () => {
    const native = provablyLinearRegExp('^[a-z-]+$')!
    const started = performance.now()
    expect(native.test(`${'a'.repeat(1_000_000)}!`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('compileSafeRegExpLazily', () => {
  it('compiles a pattern the native path leaves on RE2, which matches it in linear time', async () => {
    const safe = await compileSafeRegExpLazily('^(a+)+$')
    const started = performance.now()
    expect(safe.test(`${'a'.repeat(37)}!`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(500)
    expect(safe.test('aaa')).toBe(true)
  })

  it.each([
    ['^(a)\\1$', 'uses a backreference (\\1), which needs a backtracking engine: refused'],
    ['^a{1001}$', 'cannot run on the linear-time engine'],
    ['([a-z]+', 'is not a valid regular expression']
  ])('refuses %s as regex.ts does', async (pattern, reason) => {
    const lazily = await compileSafeRegExpLazily(pattern).catch((error: unknown) => error)
    expect(lazily).toBeInstanceOf(UnsafePatternError)
    expect((lazily as UnsafePatternError).reason).toContain(reason)
    expect(() => compileSafeRegExp(pattern)).toThrow((lazily as Error).message)
  })
})
