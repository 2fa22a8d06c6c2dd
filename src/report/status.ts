import type { FailOn, Finding, Severity } from '../types.js'

export interface Counts {
  errors: number
  warnings: number
  notices: number
}

export type Status = 'passed' | 'failed'

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, notices: 0 }
  for (const finding of findings) {
    if (finding.severity === 'error') counts.errors++
    else if (finding.severity === 'warning') counts.warnings++
    else counts.notices++
  }
  return counts
}

/** `fail-on: error` fails on errors, `warning` on errors or warnings, `never` only reports. */
export function computeStatus(counts: Counts, failOn: FailOn): Status {
  if (failOn === 'never') return 'passed'
  if (counts.errors > 0) return 'failed'
  if (failOn === 'warning' && counts.warnings > 0) return 'failed'
  return 'passed'
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }
