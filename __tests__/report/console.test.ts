import { describe, expect, it } from '@jest/globals'
import { formatConsoleReport, shouldUseColor } from '../../src/report/console.js'
import { countFindings } from '../../src/report/status.js'
import { finding, gateResult } from './fixtures.js'

describe('shouldUseColor', () => {
  it('follows the terminal, NO_COLOR and FORCE_COLOR', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true)
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false)
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true)
    expect(shouldUseColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false)
    expect(shouldUseColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false)
  })
})

describe('formatConsoleReport', () => {
  const result = gateResult([
    finding({
      file: '.env.staging',
      line: 3,
      column: 1,
      severity: 'warning',
      rule: 'empty-value',
      message: 'LOG_LEVEL is empty'
    }),
    finding({
      file: '.env.production',
      line: 2,
      rule: 'missing-key',
      message: 'DATABASE_URL is missing',
      help: 'Add it'
    })
  ])
  const counts = countFindings(result.findings)

  it('groups by file with file:line:col severity rule message, and ends with the verdict', () => {
    expect(formatConsoleReport({ result, status: 'failed', counts, failOn: 'error' }, false)).toBe(
      [
        '.env.production',
        '  .env.production:2  error   missing-key  DATABASE_URL is missing',
        '    ↳ Add it',
        '',
        '.env.staging',
        '  .env.staging:3:1  warning empty-value  LOG_LEVEL is empty',
        '',
        '✖ Environment validation failed: 1 error, 1 warning (fail-on: error)',
        '  checked: 2 env files, 3 keys',
        ''
      ].join('\n')
    )
  })

  it("shows the summary's sections and then the gate's outputs, as the job summary and the step would", () => {
    const withExtras = {
      ...result,
      sections: [{ heading: 'Parity', blocks: [{ kind: 'list' as const, items: ['PORT matches'] }] }],
      outputs: { pending: '2', destructive: 'true' }
    }
    const text = formatConsoleReport({ result: withExtras, status: 'failed', counts, failOn: 'error' }, false)
    const parity = text.indexOf('Parity')
    const outputs = text.indexOf('Outputs')
    expect(parity).toBeGreaterThan(text.indexOf('LOG_LEVEL is empty'))
    expect(outputs).toBeGreaterThan(parity)
    expect(text.slice(outputs)).toMatch(/pending\s+2\n\s+destructive\s+true/)
    expect(outputs).toBeLessThan(text.indexOf('✖ Environment validation failed'))
  })

  it('colours only when asked', () => {
    const text = formatConsoleReport({ result, status: 'failed', counts, failOn: 'error' }, true)
    expect(text).toContain('\u001b[31merror  \u001b[0m')
    expect(formatConsoleReport({ result, status: 'failed', counts, failOn: 'error' }, false)).not.toContain(
      '\u001b['
    )
  })
})
