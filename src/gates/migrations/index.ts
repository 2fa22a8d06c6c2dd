import { InputError } from '../../errors.js'
import type { Finding, Gate, GateIO, GateResult, Severity } from '../../types.js'
import { parseMigrationsInputs, urlSecrets, type MigrationsConfig } from './config.js'
import { checkDatabase, historyTable, type DatabaseCheck } from './db/check.js'
import { startLintWorkers } from './lint/lint-all.js'
import { finding } from './lint/lint-file.js'
import { locateMigrations, type Located } from './locate.js'
import { changeScope, duplicateVersions } from './scope.js'
import { replayAndCompare, type ReplayAndDrift } from './shadow-and-drift.js'
import { isShadowTool } from './shadow/index.js'
import { loadSqlParser } from './sql/parse.js'
import { renderSections } from './summary.js'
import { countEntries } from './tools/common.js'
import type { MigrationFile, ToolIssue } from './tools/types.js'
import { lintScope, type ScopeLint } from './verdict.js'

export type { MigrationsConfig } from './config.js'
export type { DatabaseState } from './db/check.js'

const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'notice', notice: 'notice' }

/** Migrations written for another database: one clear error, nothing linted. */
function foreignDialectResult(
  located: Located,
  foreign: { dialect: string; file: string; line: number },
  config: MigrationsConfig
): GateResult {
  const { tool, display } = located
  const message = `${tool.name} migrations in ${display} are written for ${foreign.dialect}: the migration gate checks PostgreSQL only, so nothing was linted.`
  return {
    gate: 'migrations',
    title: 'Migration check',
    findings: [finding('unsupported-dialect', message, { file: foreign.file, line: foreign.line })],
    outputs: { destructive: 'false', 'rollback-safe': 'false' },
    sections: [],
    scope: `${tool.name}: ${foreign.dialect} migrations in ${display}, not checked`,
    secrets: urlSecrets(config.databaseUrl, config.shadowDatabaseUrl)
  }
}

/** One line for people: what was checked, and against what. */
function describeScope(
  located: Located,
  files: MigrationFile[],
  {
    base,
    inScope,
    lint,
    database,
    replay
  }: {
    base: string
    inScope: MigrationFile[]
    lint: ScopeLint
    database: DatabaseCheck | undefined
    replay: ReplayAndDrift
  }
): string {
  const parts = [
    `${located.tool.name}: ${files.length} migration${files.length === 1 ? '' : 's'} in ${located.display}`,
    base
      ? `${inScope.length} changed since ${base.length === 40 ? base.slice(0, 7) : base} linted`
      : database?.state
        ? `${inScope.length} pending linted`
        : `${inScope.length} linted`,
    `${lint.statements} SQL statement${lint.statements === 1 ? '' : 's'}`
  ]
  const outcome = replay.shadow?.outcome
  if (outcome?.status === 'replayed')
    parts.push(
      `shadow: ${outcome.migrations.filter(m => m.own).length} migrations replayed by \`${outcome.command}\` in ${(outcome.durationMs / 1000).toFixed(1)}s`
    )
  const state = database?.state
  if (state) parts.push(`database: ${state.applied} applied, ${state.pending.length} pending`)
  const { drift } = replay
  if (drift)
    parts.push(
      drift.drifts
        ? `schema drift: ${drift.drifts} difference${drift.drifts === 1 ? '' : 's'}`
        : `no schema drift (${drift.compared} objects compared)`
    )
  return parts.join(', ')
}

/**
 * The migration check, in order: list the migrations as the tool sees them; scope them to the change; read
 * the database's history (read only); replay the code migrations on the shadow and compare the database with
 * its applied migrations; lint what is in scope from the best source; then the verdict.
 */
export async function runMigrationsGate(config: MigrationsConfig, io: GateIO): Promise<GateResult> {
  const loading = loadSqlParser()
  const located = await locateMigrations(io.cwd, config.migrationsDir, config.tool, config.describeInput)
  const { tool } = located
  const foreign = await tool.foreignDialect?.(located.directory, io.cwd)
  if (foreign) return foreignDialectResult(located, foreign, config)

  // ── the migrations, as the tool sees them ──
  const workers = startLintWorkers(await countEntries(located.directory), io.env)
  const toolIssues: ToolIssue[] = []
  const files = await tool.list(located.directory, io.cwd, toolIssues)
  if (files.length === 0) {
    throw new InputError(
      `${located.display} contains no ${tool.name} migrations: check ${config.describeInput('migrations-dir')} and ${config.describeInput('tool')}`
    )
  }
  await loading
  const findings: Finding[] = [
    ...toolIssues.map(issue =>
      finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: issue.line ?? 1 } : {})
    ),
    ...duplicateVersions(tool.name, files),
    ...(tool.validate?.(files) ?? []).map(issue =>
      finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: issue.line ?? 1 } : {})
    )
  ]

  // ── scope: changed since the base; with a database and no base, what this deploy runs ──
  const scope = await changeScope(io, config.baseRef, files, located.display)
  findings.push(...scope.findings)
  const table = historyTable(config, tool)
  const database = config.databaseUrl
    ? await checkDatabase(config, tool, files, table, scope.changes, {
        git: io.git,
        directory: located.display
      })
    : undefined
  // An up-to-date database must not fail on migrations it ran long ago.
  const inScope = !scope.base && database?.deploys ? database.deploys : scope.inScope

  // ── the shadow: the SQL code migrations really send, and schema drift ──
  const replay = await replayAndCompare(io, config, {
    tool,
    directory: located.directory,
    files,
    inScope,
    table,
    database
  })
  if (replay.shadow) findings.push(...replay.shadow.findings)

  // ── lint and verdict ──
  const lint = await lintScope(inScope, {
    replayed: replay.shadow?.lints,
    unseenCode:
      isShadowTool(tool.name) && config.shadow !== 'false' && (replay.shadow?.unseen ?? inScope).length > 0,
    lockTimeoutRules: config.lockTimeoutRules,
    workers
  })
  // What the files say first, then what the database says.
  findings.push(...lint.findings, ...(database?.findings ?? []), ...replay.driftFindings)
  for (const f of findings)
    if ((config.allow as string[]).includes(f.rule)) f.severity = DOWNGRADE[f.severity]

  const shadow = replay.shadow
  const state = database?.state
  return {
    gate: 'migrations',
    title: 'Migration check',
    findings,
    outputs: {
      ...database?.outputs,
      destructive: String(lint.destructive),
      'rollback-safe': String(lint.rollbackSafe)
    },
    sections: renderSections({
      database: state,
      allowed: lint.allowed,
      tool: tool.name,
      shadow,
      drift: replay.drift,
      inScope
    }),
    scope: describeScope(located, files, { base: scope.base, inScope, lint, database, replay }),
    secrets: urlSecrets(config.databaseUrl, config.shadowDatabaseUrl),
    data: {
      tool: tool.name,
      directory: located.display,
      migrations: files.map(f => ({ id: f.id, name: f.name, file: f.file })),
      linted: inScope.map(f => f.file),
      lintThreads: lint.threads,
      allowed: lint.allowed,
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
      database: state && {
        table: state.table,
        applied: state.applied,
        pending: state.pending.map(f => f.name)
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
