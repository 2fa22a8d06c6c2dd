import type { GitRunner } from '../../../kernel/git.js'
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
 * The order in which files under `directory` arrived on the current branch: a higher number is later. Read along
 * first parents, so a file merged from a branch counts from the merge, whatever its own commit's date.
 * Untracked files are not in the map.
 */
async function arrivalOrder(git: GitRunner, directory: string): Promise<Map<string, number>> {
  // Newest first: a commit's hash line, then the files it added.
  const log = await git([
    'log',
    '--first-parent',
    '--diff-filter=A',
    '--name-only',
    '--relative',
    '--format=%H',
    '--',
    directory
  ])
  const lines = log.split('\n').filter(Boolean)
  const added = new Map<string, number>()
  let commit = lines.length
  for (const line of lines) {
    if (/^[0-9a-f]{40,64}$/.test(line)) commit--
    else added.set(line, commit)
  }
  return added
}

/**
 * golang-migrate records only the current version, so a file numbered below it is taken as applied, and
 * golang-migrate will never run it. Without a base ref the change is not known; git's history tells: a file
 * committed after the file of the current version (or not committed at all) most likely never ran here.
 */
async function belowCurrentVersion(
  git: GitRunner,
  directory: string,
  files: MigrationFile[],
  current: string
): Promise<Finding[]> {
  const currentFile = files.find(f => f.id === current)
  if (!currentFile) return []
  let added: Map<string, number>
  try {
    added = await arrivalOrder(git, directory)
  } catch {
    return []
  }
  const since = added.get(currentFile.file)
  if (since === undefined) return []
  return files
    .filter(f => BigInt(f.id) < BigInt(current) && (added.get(f.file) ?? Infinity) > since)
    .map(f => {
      const result = finding(
        'out-of-order',
        `Migration ${f.name} sorts below the database's current version ${current} but ${added.has(f.file) ? 'arrived on this branch' : 'is not committed yet, so came'} after ${currentFile.name}: golang-migrate takes it as applied and will never run it (unless this database was created after it).`,
        { file: f.file, line: 1 }
      )
      // Inferred from commit order, not from a base ref: likely, not certain.
      result.severity = 'warning'
      return result
    })
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
  changes: ChangedFiles | undefined,
  { git, directory }: { git: GitRunner; directory: string }
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
    if (tool.name === 'golang-migrate' && !changes && read.status === 'ok' && read.rows[0])
      findings.push(
        ...(await belowCurrentVersion(git, directory, files, String(BigInt(String(read.rows[0].version)))))
      )
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
