/** Writes the JSON report and, when asked, SARIF and JUnit files; every text passes the redactor first. */
import { mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { errorMessage, UserError } from '../errors.js'
import type { CommonInputs, GateResult } from '../types.js'
import { buildJsonReport } from './json-report.js'
import type { Redactor } from './redact.js'
import type { SarifOptions } from './sarif.js'

export interface WrittenFiles {
  /** Absolute paths; undefined when that file was not asked for. */
  report?: string
  sarif?: string
  junit?: string
}

/** `$RUNNER_TEMP/deploy-gates-<gate>.json`, else the same name in the OS temp directory. */
export function defaultReportPath(gate: string, env: Record<string, string | undefined>): string {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), `deploy-gates-${gate}.json`)
}

/** The workflow file of this run, repository-relative, from GITHUB_WORKFLOW_REF (`o/r/.github/workflows/x.yml@ref`). */
export function workflowFile(env: Record<string, string | undefined>): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF
  const repository = env.GITHUB_REPOSITORY
  if (!ref || !repository || !ref.startsWith(`${repository}/`)) return undefined
  return ref.slice(repository.length + 1).replace(/@.*$/, '') || undefined
}

/**
 * Synchronous: a few files, written once at the end of the run; node:fs/promises would cost ~1 ms of CPU
 * to load (it pulls in readline) on every run for nothing (bench/env.mjs).
 */
function writeText(file: string, text: string, what: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  } catch (error) {
    throw new UserError(`cannot write the ${what} to ${file}: ${errorMessage(error)}`)
  }
}

export async function writeReportFiles(
  result: GateResult,
  common: CommonInputs,
  redact: Redactor,
  options: SarifOptions & { defaultReportPath?: string }
): Promise<WrittenFiles> {
  const written: WrittenFiles = {}
  const resolve = (file: string) => path.resolve(common.workingDirectory, file)
  const reportPath = common.reportPath ? resolve(common.reportPath) : options.defaultReportPath
  if (reportPath) {
    const report = redact.deep(buildJsonReport(result, common.failOn))
    writeText(reportPath, redact(JSON.stringify(report, null, 2)) + '\n', 'JSON report')
    written.report = reportPath
  }
  if (common.sarifPath) {
    // SARIF and JUnit writers are loaded only when asked for: most runs write neither (bench/env.mjs measures
    // the start-up this keeps small).
    const { buildSarif } = await import('./sarif.js')
    const sarif = redact.deep(buildSarif(result, options))
    written.sarif = resolve(common.sarifPath)
    writeText(written.sarif, redact(JSON.stringify(sarif, null, 2)) + '\n', 'SARIF file')
  }
  if (common.junitPath) {
    written.junit = resolve(common.junitPath)
    const { buildJunit } = await import('./junit.js')
    writeText(written.junit, redact(buildJunit(result, common.failOn)), 'JUnit file')
  }
  return written
}
