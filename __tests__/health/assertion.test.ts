import { describe, expect, it } from '@jest/globals'
import { AssertionSyntaxError, evaluate, parseAssertion } from '../../src/gates/health/assertion.js'
import { parseStatusMatcher } from '../../src/gates/health/config.js'

const check = (assertion: string, document: unknown) => evaluate(parseAssertion(assertion, '$'), document)
const syntaxError = (assertion: string, root: '$' | 'result' = '$') => {
  try {
    parseAssertion(assertion, root)
  } catch (error) {
    if (error instanceof AssertionSyntaxError) return `${error.reason} @${error.position}`
    throw error
  }
  throw new Error(`'${assertion}' parsed`)
}

describe('expect-body assertions', () => {
  const body = {
    version: 'abc123',
    db: 'ok',
    queue: { lag: 42 },
    tags: ['blue', 'canary'],
    ready: true,
    gone: null,
    build: 7
  }

  it('compares strings written bare or quoted', () => {
    expect(check('$.version == abc123', body)).toEqual({ ok: true })
    expect(check('$.db == "ok"', body)).toEqual({ ok: true })
    expect(check("$.db == 'ok'", body)).toEqual({ ok: true })
    expect(check('$.version == abc124', body)).toEqual({
      ok: false,
      reason: '$.version is "abc123", expected == "abc124"'
    })
    expect(check('$.db != "ok"', body)).toEqual({ ok: false, reason: '$.db is "ok", expected != "ok"' })
  })

  it('compares numbers, booleans and null by type', () => {
    expect(check('$.queue.lag < 100', body)).toEqual({ ok: true })
    expect(check('$.queue.lag >= 42', body)).toEqual({ ok: true })
    expect(check('$.queue.lag > 42', body)).toEqual({ ok: false, reason: '$.queue.lag is 42, expected > 42' })
    expect(check('$.db < 3', body)).toEqual({ ok: false, reason: '$.db is "ok", not a number' })
    expect(check('$.ready == true', body)).toEqual({ ok: true })
    expect(check('$.ready == "true"', body).ok).toBe(false)
    expect(check('$.gone == null', body)).toEqual({ ok: true })
    // A numeric-looking bare value also matches the same digits as a string (versions often are).
    expect(check('$.build == 7', body)).toEqual({ ok: true })
    expect(check('$.build == 7', { build: '7' })).toEqual({ ok: true })
    expect(check('$.build == "7"', body).ok).toBe(false)
  })

  it('indexes arrays and quoted keys, and reports what is missing', () => {
    expect(check('$.tags[1] == canary', body)).toEqual({ ok: true })
    expect(check('$["queue"].lag == 42', body)).toEqual({ ok: true })
    expect(check('$.tags[5] == x', body)).toEqual({ ok: false, reason: '$.tags[5] is missing' })
    expect(check('$.queue.depth < 1', body)).toEqual({ ok: false, reason: '$.queue.depth is missing' })
  })

  it('supports contains and matches', () => {
    expect(check('$.tags contains canary', body)).toEqual({ ok: true })
    expect(check('$.version contains "c12"', body)).toEqual({ ok: true })
    expect(check('$.tags contains red', body)).toEqual({
      ok: false,
      reason: '$.tags is an array of 2, expected contains "red"'
    })
    expect(check('$.version matches /^abc\\d+$/', body)).toEqual({ ok: true })
    expect(check('$.version matches /^ABC/i', body)).toEqual({ ok: true })
    expect(check('$.version matches "^v"', body)).toEqual({
      ok: false,
      reason: '$.version is "abc123", expected matches "^v"'
    })
  })

  it('reports the 1-based position of a syntax error', () => {
    expect(syntaxError('version == 1')).toBe("expected a path starting with '$' @1")
    expect(syntaxError('$.version ==')).toBe("expected a value after '==' @13")
    expect(syntaxError('$.version = 1')).toBe(
      "unknown operator '=' (use ==, !=, <, <=, >, >=, contains, matches) @11"
    )
    expect(syntaxError('$.version === 1')).toBe(
      "unknown operator '===' (use ==, !=, <, <=, >, >=, contains, matches) @11"
    )
    expect(syntaxError('$.version is 1')).toBe(
      "expected an operator (==, !=, <, <=, >, >=, contains, matches), got 'is' @11"
    )
    expect(syntaxError('$.version == all good')).toBe(
      "unexpected 'good' after the value (quote strings that contain spaces) @18"
    )
    expect(syntaxError('$.lag < fast')).toBe("'<' compares numbers; expected a number @9")
    expect(syntaxError('$.a[x] == 1')).toBe("expected an array index or a quoted property name after '[' @5")
    expect(syntaxError('$.v == "open')).toBe('unterminated string starting @8')
    expect(syntaxError('$.v matches /[a-/')).toMatch(/^invalid regular expression \(.+\) @13$/)
    expect(syntaxError('$.v matches abc')).toBe(
      '\'matches\' expects a regular expression: /pattern/ or "pattern" @13'
    )
    expect(syntaxError('$ == 1', 'result')).toBe("expected a path starting with 'result' @1")
  })
})

describe('expect-status', () => {
  it('accepts families, lists and ranges', () => {
    const matcher = parseStatusMatcher('2xx, 304, 400-404', "input 'expect-status'")
    expect([200, 299, 304, 401, 404].every(matcher.accepts)).toBe(true)
    expect([199, 300, 405, 500].some(matcher.accepts)).toBe(false)
  })
  it('names the input on a bad value', () => {
    expect(() => parseStatusMatcher('2xx,ok', "input 'expect-status'")).toThrow(
      "input 'expect-status' must be status codes like 2xx, 200, 200,204 or 200-299 (got 'ok')"
    )
  })
})
