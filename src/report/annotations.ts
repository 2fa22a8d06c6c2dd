import type { Finding, Severity } from '../types.js'
import { compareFindings } from './order.js'
import type { Counts } from './status.js'

/**
 * GitHub keeps at most 10 error and 10 warning annotations per step (and 50 per job); we hold notices to 10
 * as well. Beyond that the runner silently drops them, so we choose which ones the user sees.
 */
export const ANNOTATION_LIMITS: Readonly<Record<Severity, number>> = { error: 10, warning: 10, notice: 10 }

export interface AnnotationPlan {
  /** The findings to annotate, most important first. */
  shown: Finding[]
  /** What did not fit, by severity. */
  omitted: Counts
}

export function planAnnotations(
  findings: readonly Finding[],
  limits: Readonly<Record<Severity, number>> = ANNOTATION_LIMITS
): AnnotationPlan {
  const sorted = [...findings].sort(compareFindings)
  const bySeverity = (severity: Severity) => sorted.filter(finding => finding.severity === severity)
  const errors = bySeverity('error')
  const warnings = bySeverity('warning')
  const notices = bySeverity('notice')
  const overflow =
    errors.length > limits.error || warnings.length > limits.warning || notices.length > limits.notice
  // One notice slot is kept for the line that says how many more there are.
  const noticeLimit = overflow ? Math.max(limits.notice - 1, 0) : limits.notice
  const shown = [
    ...errors.slice(0, limits.error),
    ...warnings.slice(0, limits.warning),
    ...notices.slice(0, noticeLimit)
  ]
  return {
    shown,
    omitted: {
      errors: Math.max(errors.length - limits.error, 0),
      warnings: Math.max(warnings.length - limits.warning, 0),
      notices: Math.max(notices.length - noticeLimit, 0)
    }
  }
}

export function omittedTotal(omitted: Counts): number {
  return omitted.errors + omitted.warnings + omitted.notices
}

/** Annotation properties as @actions/core takes them; columns only where GitHub honours them (one line). */
export function annotationProperties(
  finding: Finding,
  file: string | undefined
): {
  title: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
} {
  const properties: ReturnType<typeof annotationProperties> = { title: finding.rule }
  if (file === undefined) return properties
  properties.file = file
  if (finding.line === undefined) return properties
  properties.startLine = finding.line
  const endLine = finding.endLine ?? finding.line
  if (endLine !== finding.line) properties.endLine = endLine
  else if (finding.column !== undefined) {
    properties.startColumn = finding.column
    if (finding.endColumn !== undefined && finding.endColumn >= finding.column)
      properties.endColumn = finding.endColumn
  }
  return properties
}
