import type { Finding } from '../types.js'
import { SEVERITY_RANK } from './status.js'

/** Most important first: errors, then warnings, then notices; within a severity by file, line and column. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareLocation(a, b) ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  )
}

/** By file (findings without a file first), then line and column. */
export function compareLocation(a: Finding, b: Finding): number {
  if (a.file !== b.file) {
    if (a.file === undefined) return -1
    if (b.file === undefined) return 1
    return a.file < b.file ? -1 : 1
  }
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
}

export interface FileGroup {
  /** undefined: findings not tied to a file. */
  file: string | undefined
  findings: Finding[]
}

/** Findings grouped by file (file-less group first, then files in order), each group by line then severity. */
export function groupByFile(findings: readonly Finding[]): FileGroup[] {
  const groups = new Map<string | undefined, Finding[]>()
  for (const finding of [...findings].sort(
    (a, b) => compareLocation(a, b) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  )) {
    const list = groups.get(finding.file)
    if (list) list.push(finding)
    else groups.set(finding.file, [finding])
  }
  return [...groups].map(([file, list]) => ({ file, findings: list }))
}

/** `12:5`, `12` or '' — the position as people write it. */
export function formatPosition(finding: Finding): string {
  if (finding.line === undefined) return ''
  return finding.column === undefined ? `${finding.line}` : `${finding.line}:${finding.column}`
}
