import { describe, expect, it } from '@jest/globals'
import { annotationProperties, planAnnotations } from '../../src/report/annotations.js'
import { finding } from './fixtures.js'

describe('planAnnotations', () => {
  it('shows errors, then warnings, then notices, each by file and line', () => {
    const plan = planAnnotations([
      finding({ severity: 'notice', file: 'a', line: 1, rule: 'n' }),
      finding({ severity: 'warning', file: 'b', line: 2, rule: 'w' }),
      finding({ severity: 'error', file: 'b', line: 9, rule: 'e2' }),
      finding({ severity: 'error', file: 'b', line: 3, rule: 'e1' }),
      finding({ severity: 'error', rule: 'e0' })
    ])
    expect(plan.shown.map(f => f.rule)).toEqual(['e0', 'e1', 'e2', 'w', 'n'])
    expect(plan.omitted).toEqual({ errors: 0, warnings: 0, notices: 0 })
  })

  it('keeps 10 errors and 10 warnings, and a notice slot for the overflow line', () => {
    const many = (severity: 'error' | 'warning' | 'notice', count: number) =>
      Array.from({ length: count }, (_, i) =>
        finding({ severity, file: 'f.env', line: count - i, rule: `${severity}-${i}` })
      )
    const plan = planAnnotations([...many('warning', 12), ...many('error', 25), ...many('notice', 10)])
    const shownErrors = plan.shown.filter(f => f.severity === 'error')
    expect(shownErrors).toHaveLength(10)
    // the ten on the first lines, in line order
    expect(shownErrors.map(f => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(plan.shown.filter(f => f.severity === 'warning')).toHaveLength(10)
    expect(plan.shown.filter(f => f.severity === 'notice')).toHaveLength(9)
    expect(plan.omitted).toEqual({ errors: 15, warnings: 2, notices: 1 })
  })
})

describe('annotationProperties', () => {
  it('uses the rule id as title and passes columns for a single-line range', () => {
    expect(annotationProperties(finding({ line: 3, column: 5, endColumn: 9 }), '.env')).toEqual({
      title: 'missing-key',
      file: '.env',
      startLine: 3,
      startColumn: 5,
      endColumn: 9
    })
  })
  it('drops columns for a multi-line range (GitHub ignores them there)', () => {
    expect(annotationProperties(finding({ line: 3, column: 5, endLine: 6, endColumn: 2 }), 'm.sql')).toEqual({
      title: 'missing-key',
      file: 'm.sql',
      startLine: 3,
      endLine: 6
    })
  })
  it('has no position without a file', () => {
    expect(annotationProperties(finding({ line: 3 }), undefined)).toEqual({ title: 'missing-key' })
  })
})
