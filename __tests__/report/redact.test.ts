import { describe, expect, it } from '@jest/globals'
import { createRedactor } from '../../src/report/redact.js'

describe('createRedactor', () => {
  it('replaces every occurrence, longest secret first', () => {
    const redact = createRedactor(['hunter2-secret', 'hunter2-secret-extended'])
    expect(redact('a=hunter2-secret-extended b=hunter2-secret')).toBe('a=*** b=***')
  })

  it('catches the JSON-escaped, URL-encoded and per-line forms of a secret', () => {
    const secret = 'p"a\\ss w/rd\nsecond-line'
    const redact = createRedactor([secret])
    expect(redact(JSON.stringify({ value: secret }))).toBe('{"value":"***"}')
    expect(redact(`https://x/?q=${encodeURIComponent(secret)}`)).toBe('https://x/?q=***')
    expect(redact('log: second-line')).toBe('log: ***')
    expect(redact.maskable).toContain('second-line')
    expect(redact.maskable.some(value => value.includes('\n'))).toBe(false)
  })

  it('redacts short secrets only as whole tokens and never registers them with the masker', () => {
    const redact = createRedactor(['on', '', ' ', 'x'])
    expect(redact('turn on the lights; ontology; on')).toBe('turn *** the lights; ontology; ***')
    expect(redact('x marks')).toBe('x marks')
    expect(redact.maskable).toEqual([])
  })

  it('redacts strings deep inside objects, keys included', () => {
    const redact = createRedactor(['s3cr3t-value'])
    expect(redact.deep({ a: ['s3cr3t-value!'], 's3cr3t-value': 1, n: 2, b: null })).toEqual({
      a: ['***!'],
      '***': 1,
      n: 2,
      b: null
    })
  })

  it('does nothing without secrets', () => {
    const redact = createRedactor([])
    expect(redact('a|b')).toBe('a|b')
    const value = { a: 1 }
    expect(redact.deep(value)).toBe(value)
  })
})
