import type { FailOn, Finding, GateResult } from '../types.js'
import { compareFindings } from './order.js'
import { computeStatus, countFindings, type Counts, type Status } from './status.js'
import { TOOL_NAME, TOOL_VERSION } from './version.js'

/** The JSON report: every finding, the verdict and the gate's outputs. The same object for the action and `--json`. */
export interface JsonReport {
  tool: { name: string; version: string }
  gate: string
  title: string
  status: Status
  failOn: FailOn
  counts: Counts
  scope: string
  findings: Finding[]
  outputs: Record<string, string>
  data: Record<string, unknown>
}

export function buildJsonReport(result: GateResult, failOn: FailOn): JsonReport {
  const counts = countFindings(result.findings)
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    gate: result.gate,
    title: result.title,
    status: computeStatus(counts, failOn),
    failOn,
    counts,
    scope: result.scope,
    findings: [...result.findings].sort(compareFindings),
    outputs: result.outputs,
    data: result.data ?? {}
  }
}
