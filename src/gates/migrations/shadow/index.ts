import type { Finding } from '../../../types.js'
import type { MigrationsConfig } from '../config.js'
import { finding, type FileLint } from '../lint/lint-file.js'
import type { MigrationFile, ToolAdapter } from '../tools/types.js'
import { DEFAULT_COMMANDS, type ShadowTool } from './commands.js'
import type { ShadowDatabase } from './database.js'
import { lintReplayed } from './lint.js'
import { replayOnShadow, type ShadowCommand, type ShadowOutcome } from './replay.js'

export { resolveShadowCommand, type ShadowCommand } from './replay.js'

export { isShadowTool } from './commands.js'

export interface ShadowLint {
  outcome: ShadowOutcome
  /** Lint of what each in-scope migration really sent, for those the replay saw. */
  lints: Map<MigrationFile, FileLint>
  /** In-scope migrations the replay did not see: read statically, and never called rollback-safe. */
  unseen: MigrationFile[]
  findings: Finding[]
}

/**
 * The shadow replay's part of the gate: replays the whole history on the shadow, lints each in-scope
 * migration's recorded statements (tables created earlier in the change count as new), and says plainly what
 * it could not see.
 */
export async function shadowLint(
  shadow: ShadowDatabase | undefined,
  command: ShadowCommand,
  {
    config,
    tool,
    files,
    inScope,
    directory,
    cwd,
    env,
    historyTable
  }: {
    config: MigrationsConfig
    tool: ToolAdapter & { name: ShadowTool }
    files: MigrationFile[]
    inScope: MigrationFile[]
    directory: string
    cwd: string
    env: Record<string, string | undefined>
    historyTable: string
  }
): Promise<ShadowLint> {
  const outcome: ShadowOutcome =
    'missing' in command || !shadow
      ? { status: 'missing', missing: 'missing' in command ? command.missing : 'a shadow database' }
      : await replayOnShadow(shadow, command, {
          tool,
          files,
          directory,
          cwd,
          env,
          command: config.shadowCommand,
          historyTable,
          timeoutMs: config.shadowTimeoutMs,
          productionUrl: config.databaseUrl
        })
  const findings: Finding[] = []
  const lints = new Map<MigrationFile, FileLint>()
  if (outcome.status === 'missing') {
    const consequence = inScope.length
      ? `${inScope.length} migration${inScope.length === 1 ? ' was' : 's were'} read statically only, so rollback-safe is false`
      : 'schema drift was not checked'
    const rule = finding(
      'shadow-runtime-missing',
      `The shadow replay of ${tool.name} migrations (\`${config.shadowCommand.join(' ') || DEFAULT_COMMANDS[tool.name]}\`) needs ${outcome.missing}: ${consequence}.`
    )
    // shadow: true means the user relies on it: not seeing the SQL is then a failure, not a caveat.
    if (config.shadow === 'true') rule.severity = 'error'
    findings.push(rule)
    return { outcome, lints, unseen: inScope, findings }
  }
  const replayed = new Map(outcome.migrations.filter(m => m.own).map(m => [m.id, m]))
  const scoped = new Set(inScope.map(m => m.id))
  // Tables the change itself created (in an earlier migration of it): new, whatever a later one does to them.
  const newTables = new Set<string>()
  for (const migration of outcome.migrations) {
    const file = inScope.find(f => f.id === migration.id)
    if (!file) continue
    lints.set(file, lintReplayed(file, migration, newTables, config.lockTimeoutRules))
    for (const statement of migration.statements) if (statement.creates) newTables.add(statement.creates)
  }
  if (outcome.status === 'failed') {
    const where = outcome.failedAt ? ` in ${outcome.failedAt.name}` : ''
    findings.push(
      finding(
        'shadow-replay-failed',
        `\`${outcome.command}\` failed on the shadow database${where}: ${outcome.reason}.${outcome.output ? `\n${outcome.output}` : ''}`,
        outcome.failedAt ? { file: outcome.failedAt.file, line: 1 } : {}
      )
    )
  } else {
    for (const file of inScope) {
      if (replayed.has(file.id) || !scoped.has(file.id)) continue
      findings.push(
        finding(
          'shadow-migration-not-run',
          `\`${outcome.command}\` did not run ${file.name} on an empty database: the tool does not see this file, so the deploy will not run it either.`,
          { file: file.file, line: 1 }
        )
      )
    }
  }
  return { outcome, lints, unseen: inScope.filter(f => !lints.has(f)), findings }
}
