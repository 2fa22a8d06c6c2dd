import { describe, expect, it } from '@jest/globals'
import { parseDuration } from '../src/duration.js'
import { InputError } from '../src/errors.js'
import { actionInputSource, getList, parseCommonInputs, redactUrl } from '../src/inputs.js'

describe('parseDuration', () => {
  it('reads every unit, and combinations', () => {
    expect(parseDuration('500ms', 'x')).toBe(500)
    expect(parseDuration('30s', 'x')).toBe(30_000)
    expect(parseDuration('2m', 'x')).toBe(120_000)
    expect(parseDuration('1m30s', 'x')).toBe(90_000)
    expect(parseDuration('90d', 'x')).toBe(90 * 86_400_000)
  })
  it('rejects a bare number, naming the input', () => {
    expect(() => parseDuration('30', "input 'window'")).toThrow(
      "input 'window' must be a duration with units"
    )
    expect(() => parseDuration('5 minutes', "input 'window'")).toThrow(InputError)
  })
})

describe('common inputs', () => {
  it('reads INPUT_* the way the runner sets them, with defaults', () => {
    const common = parseCommonInputs(actionInputSource({ INPUT_GATE: 'env' }), '/repo')
    expect(common).toMatchObject({ gate: 'env', failOn: 'error', comment: true, workingDirectory: '/repo' })
  })
  it('names the input and the accepted values on a bad value', () => {
    const source = actionInputSource({ INPUT_GATE: 'env', 'INPUT_FAIL-ON': 'fatal' })
    expect(() => parseCommonInputs(source, '/repo')).toThrow(
      "input 'fail-on' must be one of error, warning, never (got 'fatal')"
    )
    expect(() => parseCommonInputs(actionInputSource({ INPUT_GATE: 'deploy' }), '/')).toThrow(
      "input 'gate' must be one of env"
    )
    expect(() =>
      parseCommonInputs(actionInputSource({ INPUT_GATE: 'env', INPUT_COMMENT: 'maybe' }), '/')
    ).toThrow("input 'comment' must be true or false")
  })
  it('splits lists on newlines and commas, dropping blanks and comments', () => {
    const source = actionInputSource({
      'INPUT_ENV-FILES': '.env.staging\n\n# note\n.env.production, .env.dev'
    })
    expect(getList(source, 'env-files')).toEqual(['.env.staging', '.env.production', '.env.dev'])
  })
  it('redacts URL passwords', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/app')).toBe('postgres://app:***@db:5432/app')
    // Unencoded `/` and `:` in a password make the URL invalid, and exactly then it is echoed in an error.
    expect(redactUrl('https://app:pa/ss:wd@host/x')).toBe('https://app:***@host/x')
    expect(redactUrl('https://host/path?q=a:b@c')).toBe('https://host/path?q=a:b@c')
    // A valid URL with a port and an `@` in its path (an image digest) has no password to hide.
    const digest = 'http://127.0.0.1:5000/v2/app/manifests/registry/app@sha256:0000'
    expect(redactUrl(digest)).toBe(digest)
  })
})
