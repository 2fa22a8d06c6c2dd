import { FileError } from '../../errors.js'
import { readTextFile } from '../../files.js'
import type { Finding, GateIO } from '../../types.js'
import { catalog } from './catalog.js'

interface MigrationsReport {
  outputs?: Record<string, string>
  findings?: { rule?: string; severity?: string; file?: string; line?: number }[]
}

/** Reads the migration gate's JSON report (its GateResult, at the top level or under `result`). */
export async function checkMigrations(file: string, io: GateIO): Promise<Finding[]> {
  const { text, display } = await readTextFile(io.cwd, file)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new FileError(`not a JSON report: ${(error as Error).message}`, display)
  }
  const report = ((parsed as { result?: MigrationsReport })?.result ?? parsed) as MigrationsReport
  const safe = report?.outputs?.['rollback-safe']
  if (safe === undefined) {
    throw new FileError(`has no outputs['rollback-safe']: is it the report of the migrations gate?`, display)
  }
  if (safe !== 'false') return []
  const causes = (Array.isArray(report.findings) ? report.findings : [])
    .filter(f => f?.severity === 'error' || f?.severity === 'warning')
    .slice(0, 5)
    .map(f => `${f.rule}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`)
  return [
    catalog.finding('migrations-not-rollback-safe', {
      message: `the migrations applied with this release are not rollback-safe${causes.length ? `: ${causes.join(', ')}` : ''}; the previous version may not run against the migrated schema`,
      file: display
    })
  ]
}
