import * as path from 'node:path'
import type { MigrationFile, ToolAdapter } from '../tools/types.js'
import { attributeStatements, type ReplayedMigration, type ReplayedStatement } from './attribute.js'
import { defaultCommand, onPath, type ShadowTool } from './commands.js'
import type { ShadowDatabase } from './database.js'
import { runCommand, shadowEnv } from './run.js'
import { startWireRecorder } from './wire.js'

export type ShadowOutcome =
  | {
      status: 'replayed'
      command: string
      migrations: ReplayedMigration[]
      durationMs: number
      statements: number
    }
  | { status: 'missing'; missing: string }
  | {
      status: 'failed'
      command: string
      /** What went wrong, one sentence, then the tool's last output lines. */
      reason: string
      output: string
      /** The migration it stopped in: the first of the tool's order that it did not record as applied. */
      failedAt?: MigrationFile
      migrations: ReplayedMigration[]
      trailing: ReplayedStatement[]
    }

export interface ReplayOptions {
  tool: ToolAdapter & { name: ShadowTool }
  files: MigrationFile[]
  directory: string
  cwd: string
  env: Record<string, string | undefined>
  /** The user's command as argv; [] for the tool's default. */
  command: string[]
  historyTable: string
  timeoutMs: number
  productionUrl: string
}

/** The command as shown to users: paths relative to the workspace, no URL (sequelize-cli's --url). */
function display(argv: string[], cwd: string): string {
  return argv
    .map(word => (/^postgres(ql)?:\/\//.test(word) ? '$DATABASE_URL' : word))
    .map(word => (path.isAbsolute(word) && word.startsWith(cwd) ? path.relative(cwd, word) || '.' : word))
    .join(' ')
}

/** The last few lines of output without stack frames, for a one-paragraph message. */
function tail(output: string, lines = 6): string {
  return (
    output
      // eslint-disable-next-line no-control-regex -- terminal colour codes are exactly control characters
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n')
      .filter(line => !/^\s+at |^\s+File "|^\s*$/.test(line))
      .slice(-lines)
      .join('\n')
  )
}

/** Variables whose values are secrets by their name: never quoted from the tool's output into a finding. */
const SECRET_NAME = /TOKEN|SECRET|PASSW|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|_KEY$/i

function redactEnvSecrets(output: string, env: Record<string, string | undefined>): string {
  let text = output
  for (const [name, value] of Object.entries(env))
    if (value && value.length >= 6 && SECRET_NAME.test(name)) text = text.split(value).join('***')
  return text
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim()
  return text.length > 200 ? `${text.slice(0, 197)}...` : text
}

/** Stands for the shadow's URL in a command resolved before the shadow runs (sequelize-cli's `--url`). */
export const SHADOW_URL = '\u0000shadow-url\u0000'

export type ShadowCommand = { argv: string[]; cwd: string } | { missing: string }

/**
 * The command to run, found before any database starts: the user's `shadow-command` (its first word must be
 * on PATH or a file in the workspace), else the tool's default as the project has it installed.
 */
export async function resolveShadowCommand(
  options: Pick<ReplayOptions, 'tool' | 'directory' | 'cwd' | 'env' | 'command'>
): Promise<ShadowCommand> {
  if (options.command.length) {
    const first = options.command[0]!
    if (!(await onPath(first.includes('/') ? path.resolve(options.cwd, first) : first, options.env)))
      return { missing: `${first} (the first word of shadow-command) on PATH` }
    return { argv: options.command, cwd: options.cwd }
  }
  return defaultCommand(options.tool.name, options.directory, options.cwd, options.env, SHADOW_URL)
}

/**
 * Runs the project's own migrate command against the shadow through the recording proxy, then splits what it
 * sent into migrations. The whole history runs, in the tool's own order: the base's migrations first, so each
 * migration of the change meets the schema it will meet in production.
 */
export async function replayOnShadow(
  shadow: ShadowDatabase,
  resolved: { argv: string[]; cwd: string },
  options: ReplayOptions
): Promise<ShadowOutcome> {
  const recorder = await startWireRecorder({ host: shadow.host, port: shadow.port })
  try {
    const proxied = new URL(shadow.url)
    proxied.hostname = recorder.host
    proxied.port = String(recorder.port)
    const url = proxied.toString()
    const argv = resolved.argv.map(word => word.split(SHADOW_URL).join(url))
    const { cwd } = resolved
    const command = display(argv, options.cwd)
    const result = await runCommand(argv, {
      cwd,
      env: shadowEnv(options.env, url, options.productionUrl),
      timeoutMs: options.timeoutMs
    })
    const { migrations, trailing } = attributeStatements(
      recorder.statements,
      options.tool,
      options.files,
      options.historyTable
    )
    const seen = new Set(migrations.filter(m => m.own).map(m => m.id))
    const failedAt = options.files.find(file => !seen.has(file.id))
    // PostgreSQL's own answer says best why: the last error it sent, and the statement before it.
    // 25P02 ("current transaction is aborted") only echoes the error before it.
    const lastError = recorder.errors.filter(e => e.code !== '25P02').at(-1)
    const statement = lastError && recorder.statements.find(s => s.seq === lastError.afterSeq)
    const said = lastError
      ? `; PostgreSQL answered ${lastError.severity} ${lastError.code}: ${lastError.message}${statement ? ` (to: ${oneLine(statement.sql)})` : ''}`
      : ''
    const failed = (reason: string): ShadowOutcome => ({
      status: 'failed',
      command,
      reason: reason + (result.exitCode !== 0 ? said : ''),
      output: redactEnvSecrets(tail(result.output), options.env),
      ...(failedAt && { failedAt }),
      migrations,
      trailing
    })
    if (recorder.overflow) return failed(`the recording was cut short: ${recorder.overflow}`)
    if (result.spawnError) return failed(`it could not be started: ${result.spawnError}`)
    if (result.timedOut)
      return failed(`it did not finish within ${Math.round(options.timeoutMs / 1000)}s (shadow-timeout)`)
    if (result.exitCode !== 0) return failed(`it exited with code ${result.exitCode}`)
    if (!migrations.some(m => m.own))
      return failed(
        'it exited successfully but recorded no migration through the shadow: does its database configuration read DATABASE_URL (or PGHOST/PGPORT)?'
      )
    return {
      status: 'replayed',
      command,
      migrations,
      durationMs: result.durationMs,
      statements: recorder.statements.length
    }
  } finally {
    await recorder.close()
  }
}
