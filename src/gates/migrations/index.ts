import { InputError } from '../../errors.js'
import type { Finding, Gate, GateIO, GateResult, Severity } from '../../types.js'
import { changedFiles, defaultBaseRef, resolveBase, type ChangedFiles } from './changed.js'
import { parseMigrationsInputs, urlSecrets, type MigrationsConfig } from './config.js'
import { compareHistory } from './db/compare.js'
import { DatabaseError, describeTarget, readHistoryTable } from './db/history.js'
import { lintMigrations, startLintWorkers } from './lint/lint-all.js'
import { finding, type AllowedStatement } from './lint/lint-file.js'
import { breaksPreviousVersion, isRuleId, RULES } from './lint/rules.js'
import { locateMigrations } from './locate.js'
import { renderSections } from './summary.js'
import { loadSqlParser } from './sql/parse.js'
import { checkDrift, type DriftCheck } from './drift/index.js'
import { startShadowDatabase, type ShadowDatabase } from './shadow/database.js'
import { isShadowTool, resolveShadowCommand, shadowLint, type ShadowLint } from './shadow/index.js'
import type { ShadowTool } from './shadow/commands.js'
import { countEntries } from './tools/common.js'
import type { HistoryTable, MigrationFile, ToolAdapter, ToolIssue } from './tools/types.js'

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

/** Two migrations the tool would give the same version: it refuses them, or runs only one. */
function duplicateVersions(toolName: string, files: MigrationFile[]): ToolIssue[] {
  const byId = new Map<string, MigrationFile>()
  const issues: ToolIssue[] = []
  for (const file of files) {
    if (file.repeatable) continue
    const first = byId.get(file.id)
    if (!first) {
      byId.set(file.id, file)
      continue
    }
    issues.push({
      rule: 'duplicate-version',
      message: `Migrations ${first.name} and ${file.name} have the same version ${file.id}: ${toolName} refuses to run (or runs only one of them).`,
      file: file.file,
      line: 1
    })
  }
  return issues
}

/** The history table as configured: the `history-table` input, else Prisma's `?schema=`, else the tool's. */
function historyTable(config: MigrationsConfig, tool: ToolAdapter): HistoryTable {
  const table = { ...tool.table }
  if (config.historyTable.name) table.name = config.historyTable.name
  if (config.historyTable.schema) table.schema = config.historyTable.schema
  else if (tool.name === 'prisma' && config.databaseUrl) {
    const schema = new URL(config.databaseUrl).searchParams.get('schema')
    if (schema) table.schema = schema
  }
  return table
}

export async function runMigrationsGate(config: MigrationsConfig, io: GateIO): Promise<GateResult> {
  const loading = loadSqlParser()
  const located = await locateMigrations(io.cwd, config.migrationsDir, config.tool, config.describeInput)
  const { tool } = located
  const foreign = await tool.foreignDialect?.(located.directory, io.cwd)
  if (foreign) {
    const message = `${tool.name} migrations in ${located.display} are written for ${foreign.dialect}: the migration gate checks PostgreSQL only, so nothing was linted.`
    return {
      gate: 'migrations',
      title: 'Migration check',
      findings: [finding('unsupported-dialect', message, { file: foreign.file, line: foreign.line })],
      outputs: { destructive: 'false', 'rollback-safe': 'false' },
      sections: [],
      scope: `${tool.name}: ${foreign.dialect} migrations in ${located.display}, not checked`,
      secrets: urlSecrets(config.databaseUrl, config.shadowDatabaseUrl)
    }
  }
  const workers = startLintWorkers(await countEntries(located.directory), io.env)
  const toolIssues: ToolIssue[] = []
  const files = await tool.list(located.directory, io.cwd, toolIssues)
  if (files.length === 0) {
    throw new InputError(
      `${located.display} contains no ${tool.name} migrations: check ${config.describeInput('migrations-dir')} and ${config.describeInput('tool')}`
    )
  }
  toolIssues.push(...duplicateVersions(tool.name, files), ...(tool.validate?.(files) ?? []))
  await loading
  const findings: Finding[] = toolIssues.map(issue =>
    finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: issue.line ?? 1 } : {})
  )

  // ── scope: changed since the base, or everything ──
  let base = config.baseRef || defaultBaseRef(io)
  let changes: ChangedFiles | undefined
  let inScope = files
  if (base) {
    const resolved = await resolveBase(io, base)
    if (resolved.unreachable) {
      findings.push(
        finding(
          'base-ref-unreachable',
          `Base ${resolved.unreachable} is not in this clone (rewritten by a force-push, or not fetched): compared with the merge base of ${resolved.base} instead.`
        )
      )
    }
    base = resolved.base
    changes = await changedFiles(io, resolved, located.display)
    const touched = (file: MigrationFile): boolean =>
      [file.file, ...(file.relatedFiles ?? [])].some(f => changes!.added.has(f) || changes!.modified.has(f))
    inScope = files.filter(touched)
    for (const file of files) {
      if (!changes.modified.has(file.file)) continue
      const line = await firstChangedLine(io, resolved.mergeBase, file.file)
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

  // ── database: before the lint, since without a base ref only what is pending is linted ──
  let database: DatabaseState | undefined
  const outputs: Record<string, string> = {}
  // Reported after the lint findings: what the files say first, then what the database says.
  const databaseFindings: Finding[] = []
  // The applied migrations in the tool's order, when the history could be read: what the drift check replays.
  let appliedFiles: MigrationFile[] | undefined
  const table = historyTable(config, tool)
  if (config.databaseUrl) {
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
        databaseFindings.push(
          finding(
            'history-table-shape',
            `History table ${read.table} has no column(s) ${read.missingColumns.join(', ')}: it is not a ${tool.name} history table.`
          )
        )
      } else {
        const applied = read.status === 'ok' ? tool.applied(read.rows, files) : []
        const addedInChange = new Set(files.filter(f => changes?.added.has(f.file)).map(f => f.id))
        const comparison = compareHistory(files, applied, { pointer: tool.pointer, addedInChange })
        if (read.status === 'ok') {
          const done = new Set(applied.filter(a => !a.failed).map(a => a.id))
          appliedFiles = files.filter(f => done.has(f.id) && !f.repeatable)
        }
        if (read.status === 'missing') {
          databaseFindings.push(
            finding(
              'history-table-missing',
              `No ${read.table} table in ${describeTarget(config.databaseUrl)}: all ${files.length} migrations are pending.`
            )
          )
        }
        for (const issue of comparison.issues)
          databaseFindings.push(
            finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: 1 } : {})
          )
        for (const file of comparison.pending) {
          databaseFindings.push(
            finding('pending-migration', `Migration ${file.name} will be applied by this deploy.`, {
              file: file.file,
              line: 1
            })
          )
        }
        if (!base) {
          // An up-to-date database must not fail on migrations it ran long ago: lint what this deploy runs.
          // Also what runs again: changed repeatables, and a failed migration once it is resolved.
          const rerun = new Set(
            comparison.issues
              .filter(i => i.rule === 'repeatable-migration-changed' || i.rule === 'failed-migration')
              .map(i => i.file)
          )
          const pending = new Set(comparison.pending)
          inScope = files.filter(file => pending.has(file) || rerun.has(file.file))
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
      databaseFindings.push(finding('database-unreachable', `Database check failed: ${error.message}.`))
    }
  }

  // ── shadow replay: the SQL code migrations really send; schema drift ──
  let shadowDb: ShadowDatabase | undefined
  let shadow: ShadowLint | undefined
  let drift: DriftCheck | undefined
  const codeTool = isShadowTool(tool.name)
  const wantsDrift = Boolean(config.drift && appliedFiles && (!codeTool || config.shadow !== 'false'))
  try {
    // The command is found first: a tool that is not installed costs no database start.
    const replays = codeTool && config.shadow !== 'false' && (inScope.length > 0 || wantsDrift)
    const command = replays
      ? await resolveShadowCommand({
          tool: tool as ToolAdapter & { name: ShadowTool },
          directory: located.directory,
          cwd: io.cwd,
          env: io.env,
          command: config.shadowCommand
        })
      : undefined
    const runnable = command !== undefined && !('missing' in command)
    if ((codeTool && runnable) || (!codeTool && wantsDrift)) {
      shadowDb = await startShadowDatabase({
        shadowUrl: config.shadowDatabaseUrl,
        productionUrl: config.databaseUrl,
        connectTimeoutMs: config.connectTimeoutMs
      })
    }
    if (command) {
      shadow = await shadowLint(shadowDb, command, {
        config,
        tool: tool as ToolAdapter & { name: ShadowTool },
        files,
        inScope,
        directory: located.directory,
        cwd: io.cwd,
        env: io.env,
        historyTable: table.name
      })
      findings.push(...shadow.findings)
    }
    if (shadowDb && wantsDrift && (!codeTool || shadow?.outcome.status === 'replayed')) {
      const replay = shadow?.outcome.status === 'replayed' ? shadow.outcome : undefined
      try {
        drift = await checkDrift({
          databaseUrl: config.databaseUrl,
          shadow: shadowDb,
          applied: appliedFiles!,
          replayed: replay?.migrations,
          // The replay ran every migration of the repository, and the database has them all.
          shadowIsApplied: Boolean(replay && database?.pending.length === 0),
          ignoreTables: [table.name, `${table.name}_lock`, 'ar_internal_metadata'],
          connectTimeoutMs: config.connectTimeoutMs,
          statementTimeoutMs: config.statementTimeoutMs
        })
        databaseFindings.push(...drift.findings)
      } catch (error) {
        if (!(error instanceof DatabaseError)) throw error
        databaseFindings.push(
          finding(
            'schema-drift',
            `Schema drift could not be checked: ${error.message}. Fix the replay, or set drift: false to skip the check.`
          )
        )
      }
    }
  } finally {
    await shadowDb?.close()
  }

  // ── lint ──
  const allowed: AllowedStatement[] = []
  let destructive = false
  let rollbackSafe = true
  let statements = 0
  const readStatically = inScope.filter(m => !shadow?.lints.has(m))
  const { lints: staticLints, threads } = await lintMigrations(
    readStatically,
    config.lockTimeoutRules,
    workers
  )
  const lintOf = new Map(readStatically.map((m, i) => [m, staticLints[i]!]))
  // A code migration nobody saw run: its raw SQL strings were read, but not what the tool generates.
  const unseenCode =
    isShadowTool(tool.name) && config.shadow !== 'false' ? new Set(shadow?.unseen ?? inScope) : new Set()
  if (unseenCode.size) rollbackSafe = false
  for (const migration of inScope) {
    const lint = shadow?.lints.get(migration) ?? lintOf.get(migration)!
    statements += lint.statements
    findings.push(...lint.findings)
    allowed.push(...lint.allowed)
    if (lint.violations.some(v => RULES[v.rule].category === 'destructive')) destructive = true
    if (lint.findings.some(f => isRuleId(f.rule) && breaksPreviousVersion(f.rule))) rollbackSafe = false
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

  findings.push(...databaseFindings)
  outputs.destructive = String(destructive)
  outputs['rollback-safe'] = String(rollbackSafe)

  for (const f of findings)
    if ((config.allow as string[]).includes(f.rule)) f.severity = DOWNGRADE[f.severity]

  const scopeParts = [
    `${tool.name}: ${files.length} migration${files.length === 1 ? '' : 's'} in ${located.display}`,
    base
      ? `${inScope.length} changed since ${base.length === 40 ? base.slice(0, 7) : base} linted`
      : database
        ? `${inScope.length} pending linted`
        : `${inScope.length} linted`,
    `${statements} SQL statement${statements === 1 ? '' : 's'}`
  ]
  if (shadow?.outcome.status === 'replayed')
    scopeParts.push(
      `shadow: ${shadow.outcome.migrations.filter(m => m.own).length} migrations replayed by \`${shadow.outcome.command}\` in ${(shadow.outcome.durationMs / 1000).toFixed(1)}s`
    )
  if (database) scopeParts.push(`database: ${database.applied} applied, ${database.pending.length} pending`)
  if (drift)
    scopeParts.push(
      drift.drifts
        ? `schema drift: ${drift.drifts} difference${drift.drifts === 1 ? '' : 's'}`
        : `no schema drift (${drift.compared} objects compared)`
    )
  return {
    gate: 'migrations',
    title: 'Migration check',
    findings,
    outputs,
    sections: renderSections({ database, allowed, tool: tool.name }),
    scope: scopeParts.join(', '),
    secrets: urlSecrets(config.databaseUrl, config.shadowDatabaseUrl),
    data: {
      tool: tool.name,
      directory: located.display,
      migrations: files.map(f => ({ id: f.id, name: f.name, file: f.file })),
      linted: inScope.map(f => f.file),
      lintThreads: threads,
      allowed,
      shadow: shadow && {
        status: shadow.outcome.status,
        replayed: shadow.lints.size,
        unseen: shadow.unseen.map(f => f.file),
        ...(shadow.outcome.status === 'replayed' && {
          command: shadow.outcome.command,
          durationMs: shadow.outcome.durationMs,
          statements: shadow.outcome.statements
        })
      },
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
