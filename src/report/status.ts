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

/** Whether a finding of this severity fails the step: `fail-on: error` fails on errors, `warning` on errors or warnings, `never` only reports. */
export function failsStep(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never' || severity === 'notice') return false
  return severity === 'error' || failOn === 'warning'
}

export function computeStatus(counts: Counts, failOn: FailOn): Status {
  const failing =
    (failsStep('error', failOn) ? counts.errors : 0) + (failsStep('warning', failOn) ? counts.warnings : 0)
  return failing > 0 ? 'failed' : 'passed'
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }
