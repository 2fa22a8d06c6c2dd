import type { Finding } from '../../../types.js'
import type { ChangedFiles } from '../changed.js'
import type { MigrationsConfig } from '../config.js'
import { finding } from '../lint/lint-file.js'
import type { HistoryTable, MigrationFile, ToolAdapter } from '../tools/types.js'
import { compareHistory } from './compare.js'
import { DatabaseError, describeTarget, readHistoryTable } from './history.js'

export interface DatabaseState {
  table: string
  applied: number
  pending: MigrationFile[]
  missingTable: boolean
}

export interface DatabaseCheck {
  state?: DatabaseState
  /** The applied migrations in the tool's order (failed ones left out), when the history could be read. */
  applied?: MigrationFile[]
  /** What this deploy runs: pending, changed repeatables, failed ones (they run again once resolved). */
  deploys?: MigrationFile[]
  findings: Finding[]
  outputs: Record<string, string>
}

/** The history table as configured: the `history-table` input, else Prisma's `?schema=`, else the tool's. */
export function historyTable(config: MigrationsConfig, tool: ToolAdapter): HistoryTable {
  const table = { ...tool.table }
  if (config.historyTable.name) table.name = config.historyTable.name
  if (config.historyTable.schema) table.schema = config.historyTable.schema
  else if (tool.name === 'prisma' && config.databaseUrl) {
    const schema = new URL(config.databaseUrl).searchParams.get('schema')
    if (schema) table.schema = schema
  }
  return table
}

/**
 * Reads the tool's history table (read only) and compares it with the files: pending, failed, edited,
 * missing, out of order. An unreachable database is a finding (an error), never a pass.
 */
export async function checkDatabase(
  config: MigrationsConfig,
  tool: ToolAdapter,
  files: MigrationFile[],
  table: HistoryTable,
  changes: ChangedFiles | undefined
): Promise<DatabaseCheck> {
  const findings: Finding[] = []
  const outputs: Record<string, string> = {}
  try {
    const read = await readHistoryTable(
      {
        url: config.databaseUrl,
        connectTimeoutMs: config.connectTimeoutMs,
        statementTimeoutMs: config.statementTimeoutMs
      },
      table,
      tool.select
    )
    if (read.status === 'shape') {
      findings.push(
        finding(
          'history-table-shape',
          `History table ${read.table} has no column(s) ${read.missingColumns.join(', ')}: it is not a ${tool.name} history table.`
        )
      )
      return { findings, outputs }
    }
    const applied = read.status === 'ok' ? tool.applied(read.rows, files) : []
    const addedInChange = new Set(files.filter(f => changes?.added.has(f.file)).map(f => f.id))
    const comparison = compareHistory(files, applied, { pointer: tool.pointer, addedInChange })
    if (read.status === 'missing') {
      findings.push(
        finding(
          'history-table-missing',
          `No ${read.table} table in ${describeTarget(config.databaseUrl)}: all ${files.length} migrations are pending.`
        )
      )
    }
    for (const issue of comparison.issues)
      findings.push(finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: 1 } : {}))
    for (const file of comparison.pending) {
      findings.push(
        finding('pending-migration', `Migration ${file.name} will be applied by this deploy.`, {
          file: file.file,
          line: 1
        })
      )
    }
    const rerun = new Set(
      comparison.issues
        .filter(i => i.rule === 'repeatable-migration-changed' || i.rule === 'failed-migration')
        .map(i => i.file)
    )
    const pending = new Set(comparison.pending)
    const done = new Set(applied.filter(a => !a.failed).map(a => a.id))
    outputs.pending = String(comparison.pending.length)
    outputs['pending-migrations'] = JSON.stringify(comparison.pending.map(file => file.name))
    return {
      state: {
        table: read.table,
        applied: comparison.appliedCount,
        pending: comparison.pending,
        missingTable: read.status === 'missing'
      },
      ...(read.status === 'ok' && { applied: files.filter(f => done.has(f.id) && !f.repeatable) }),
      deploys: files.filter(file => pending.has(file) || rerun.has(file.file)),
      findings,
      outputs
    }
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    findings.push(finding('database-unreachable', `Database check failed: ${error.message}.`))
    return { findings, outputs }
  }
}
