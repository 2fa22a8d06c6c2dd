// Secrets known before a result exists (the token) are redacted from the one-line failure.
import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/errors.js'
import { rememberSecret } from '../../src/kernel/known-secrets.js'
import { failureMessage } from '../../src/report/failure.js'

describe('failure line', () => {
  it('redacts a remembered token that an API echoed, raw and URL-encoded', () => {
    rememberSecret('ghs_tokenABC/123')
    expect(failureMessage(new UserError('401 Bad credentials ghs_tokenABC/123 (ghs_tokenABC%2F123)'))).toBe(
      '401 Bad credentials *** (***)'
    )
  })
  it('cuts a 100 KB message to one readable line', () => {
    const line = failureMessage(new UserError(`bad value ${'x'.repeat(100_000)}`))
    expect(line.length).toBeLessThan(600)
    expect(line).toMatch(/… \(99510 more characters\)$/)
  })
})
