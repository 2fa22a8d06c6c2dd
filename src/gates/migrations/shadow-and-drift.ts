import type { Finding, GateIO } from '../../types.js'
import type { MigrationsConfig } from './config.js'
import type { DatabaseCheck } from './db/check.js'
import { DatabaseError } from './db/history.js'
import { checkDrift, type DriftCheck } from './drift/index.js'
import { finding } from './lint/lint-file.js'
import type { ReplayedMigration } from './shadow/attribute.js'
import type { ShadowTool } from './shadow/commands.js'
import { startShadowDatabase, type ShadowDatabase } from './shadow/database.js'
import { isShadowTool, resolveShadowCommand, shadowLint, type ShadowLint } from './shadow/index.js'
import type { HistoryTable, MigrationFile, ToolAdapter } from './tools/types.js'

export interface ReplayAndDrift {
  shadow?: ShadowLint
  drift?: DriftCheck
  /** Drift findings: reported with the database's. */
  driftFindings: Finding[]
}

/** The drift check on a started shadow; a replay that fails is a finding, never a pass. */
async function driftOnShadow(
  config: MigrationsConfig,
  shadowDb: ShadowDatabase,
  table: HistoryTable,
  database: DatabaseCheck,
  replayed: ReplayedMigration[] | undefined
): Promise<Pick<ReplayAndDrift, 'drift' | 'driftFindings'>> {
  try {
    const drift = await checkDrift({
      databaseUrl: config.databaseUrl,
      shadow: shadowDb,
      applied: database.applied!,
      replayed,
      // The replay ran every migration of the repository, and the database has them all.
      shadowIsApplied: Boolean(replayed && database.state?.pending.length === 0),
      ignoreTables: [table.name, `${table.name}_lock`, 'ar_internal_metadata'],
      connectTimeoutMs: config.connectTimeoutMs,
      statementTimeoutMs: config.statementTimeoutMs
    })
    return { drift, driftFindings: drift.findings }
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    return {
      driftFindings: [
        finding(
          'schema-drift',
          `Schema drift could not be checked: ${error.message}. Fix the replay, or set drift: false to skip the check.`
        )
      ]
    }
  }
}

/**
 * The shadow database's two uses, on one shadow: the replay of code migrations through the project's own
 * command (linted by the caller), then the drift check against the user's database. The shadow is closed
 * (PGlite stopped, or an external shadow emptied) whatever happens.
 */
export async function replayAndCompare(
  io: GateIO,
  config: MigrationsConfig,
  {
    tool,
    directory,
    files,
    inScope,
    table,
    database
  }: {
    tool: ToolAdapter
    directory: string
    files: MigrationFile[]
    inScope: MigrationFile[]
    table: HistoryTable
    database: DatabaseCheck | undefined
  }
): Promise<ReplayAndDrift> {
  const codeTool = isShadowTool(tool.name)
  const replaysCode = codeTool && config.shadow !== 'false'
  const wantsDrift = Boolean(config.drift && database?.applied && (!codeTool || replaysCode))
  const shadowTool = tool as ToolAdapter & { name: ShadowTool }
  // The command is found first: a tool that is not installed costs no database start.
  const command =
    replaysCode && (inScope.length > 0 || wantsDrift)
      ? await resolveShadowCommand({
          tool: shadowTool,
          directory,
          cwd: io.cwd,
          env: io.env,
          command: config.shadowCommand
        })
      : undefined
  const runnable = command !== undefined && !('missing' in command)
  const result: ReplayAndDrift = { driftFindings: [] }
  let shadowDb: ShadowDatabase | undefined
  try {
    if (runnable || (!codeTool && wantsDrift)) {
      shadowDb = await startShadowDatabase({
        shadowUrl: config.shadowDatabaseUrl,
        productionUrl: config.databaseUrl,
        connectTimeoutMs: config.connectTimeoutMs
      })
    }
    if (command) {
      result.shadow = await shadowLint(shadowDb, command, {
        config,
        tool: shadowTool,
        files,
        inScope,
        directory,
        cwd: io.cwd,
        env: io.env,
        historyTable: table.name
      })
    }
    const replay = result.shadow?.outcome.status === 'replayed' ? result.shadow.outcome : undefined
    if (shadowDb && wantsDrift && (!codeTool || replay))
      Object.assign(result, await driftOnShadow(config, shadowDb, table, database!, replay?.migrations))
  } finally {
    await shadowDb?.close()
  }
  return result
}
