import { InputError } from '../../errors.js'
import type { Finding, Gate, GateIO, GateResult, Severity } from '../../types.js'
import { changedFiles, defaultBaseRef, type ChangedFiles } from './changed.js'
import { parseMigrationsInputs, urlSecrets, type MigrationsConfig } from './config.js'
import { compareHistory } from './db/compare.js'
import { DatabaseError, describeTarget, readHistoryTable } from './db/history.js'
import { lintMigrations, startLintWorkers } from './lint/lint-all.js'
import { finding, type AllowedStatement } from './lint/lint-file.js'
import { breaksPreviousVersion, RULES } from './lint/rules.js'
import { locateMigrations } from './locate.js'
import { renderSections } from './summary.js'
import { loadSqlParser } from './sql/parse.js'
import { countEntries } from './tools/common.js'
import type { MigrationFile } from './tools/types.js'

export type { MigrationsConfig } from './config.js'

const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'notice', notice: 'notice' }

export interface DatabaseState {
  table: string
  applied: number
  pending: MigrationFile[]
  missingTable: boolean
}

async function firstChangedLine(io: GateIO, base: string, file: string): Promise<number | undefined> {
  try {
    const diff = await io.git(['diff', '-U0', base, '--', file])
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/m.exec(diff)
    return hunk ? Math.max(1, Number(hunk[1])) : undefined
  } catch {
    return undefined
  }
}

export async function runMigrationsGate(config: MigrationsConfig, io: GateIO): Promise<GateResult> {
  const loading = loadSqlParser()
  const located = await locateMigrations(io.cwd, config.migrationsDir, config.tool, config.source)
  const { tool } = located
  const workers = startLintWorkers(await countEntries(located.directory), io.env)
  const files = await tool.list(located.directory, io.cwd)
  if (files.length === 0) {
    throw new InputError(
      `${located.display} contains no ${tool.name} migrations: check ${config.source.describe('migrations-dir')} and ${config.source.describe('tool')}`
    )
  }
  await loading
  const findings: Finding[] = []

  // ── scope: changed since the base, or everything ──
  const base = config.baseRef || defaultBaseRef(io)
  let changes: ChangedFiles | undefined
  let inScope = files
  if (base) {
    changes = await changedFiles(io, base, located.display)
    const touched = (file: MigrationFile): boolean =>
      [file.file, ...(file.relatedFiles ?? [])].some(f => changes!.added.has(f) || changes!.modified.has(f))
    inScope = files.filter(touched)
    const mergeBase = (await io.git(['merge-base', base, 'HEAD'])).trim()
    for (const file of files) {
      if (!changes.modified.has(file.file)) continue
      const line = await firstChangedLine(io, mergeBase, file.file)
      findings.push(
        finding(
          'edited-migration',
          `Migration ${file.name} exists on ${base} and was modified in this change.`,
          { file: file.file, line: line ?? 1 }
        )
      )
    }
    for (const removed of changes.deleted) {
      findings.push(
        finding(
          'removed-migration',
          `Migration file ${removed} exists on ${base} and was deleted in this change.`,
          { file: removed }
        )
      )
    }
  }

  // ── lint ──
  const allowed: AllowedStatement[] = []
  let destructive = false
  let rollbackSafe = true
  let statements = 0
  const { lints, threads } = await lintMigrations(inScope, config.lockTimeoutRules, workers)
  for (const [index, migration] of inScope.entries()) {
    const lint = lints[index]!
    statements += lint.statements
    findings.push(...lint.findings)
    allowed.push(...lint.allowed)
    if (lint.violations.some(v => RULES[v.rule].category === 'destructive')) destructive = true
    if (lint.findings.some(f => f.rule in RULES && breaksPreviousVersion(f.rule as keyof typeof RULES)))
      rollbackSafe = false
    const irreversible = lint.violations.find(v =>
      ['destructive', 'incompatible'].includes(RULES[v.rule].category)
    )
    if (migration.hasDown === false && irreversible) {
      findings.push(
        finding(
          'missing-down-migration',
          `Migration ${migration.name} has no down migration, yet it cannot be undone without one (${irreversible.rule} at line ${irreversible.line}).`,
          { file: migration.file, line: irreversible.line }
        )
      )
    }
  }

  // ── database ──
  let database: DatabaseState | undefined
  const outputs: Record<string, string> = {
    destructive: String(destructive),
    'rollback-safe': String(rollbackSafe)
  }
  if (config.databaseUrl) {
    try {
      const read = await readHistoryTable(
        {
          url: config.databaseUrl,
          connectTimeoutMs: config.connectTimeoutMs,
          statementTimeoutMs: config.statementTimeoutMs
        },
        tool.table,
        tool.select
      )
      if (read.status === 'shape') {
        findings.push(
          finding(
            'history-table-shape',
            `History table ${read.table} has no column(s) ${read.missingColumns.join(', ')}: it is not a ${tool.name} history table.`
          )
        )
      } else {
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
        database = {
          table: read.table,
          applied: comparison.appliedCount,
          pending: comparison.pending,
          missingTable: read.status === 'missing'
        }
        outputs.pending = String(comparison.pending.length)
        outputs['pending-migrations'] = JSON.stringify(comparison.pending.map(file => file.name))
      }
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error
      findings.push(finding('database-unreachable', `Database check failed: ${error.message}.`))
    }
  }

  for (const f of findings)
    if ((config.allow as string[]).includes(f.rule)) f.severity = DOWNGRADE[f.severity]

  const scopeParts = [
    `${tool.name}: ${files.length} migration${files.length === 1 ? '' : 's'} in ${located.display}`,
    base
      ? `${inScope.length} changed since ${base.length === 40 ? base.slice(0, 7) : base} linted`
      : `${inScope.length} linted`,
    `${statements} SQL statement${statements === 1 ? '' : 's'}`
  ]
  if (database) scopeParts.push(`database: ${database.applied} applied, ${database.pending.length} pending`)
  return {
    gate: 'migrations',
    title: 'Migration check',
    findings,
    outputs,
    sections: renderSections({ database, allowed, tool: tool.name }),
    scope: scopeParts.join(', '),
    secrets: urlSecrets(config.databaseUrl),
    data: {
      tool: tool.name,
      directory: located.display,
      migrations: files.map(f => ({ id: f.id, name: f.name, file: f.file })),
      linted: inScope.map(f => f.file),
      lintThreads: threads,
      allowed,
      database: database && {
        table: database.table,
        applied: database.applied,
        pending: database.pending.map(f => f.name)
      }
    }
  }
}

export const migrationsGate: Gate<MigrationsConfig> = {
  name: 'migrations',
  title: 'Migration check',
  parseInputs: source => parseMigrationsInputs(source),
  run: runMigrationsGate
}
