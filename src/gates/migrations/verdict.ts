import type { Finding } from '../../types.js'
import { lintMigrations, type LintWorkers } from './lint/lint-all.js'
import { finding, type AllowedStatement, type FileLint } from './lint/lint-file.js'
import { breaksPreviousVersion, isRuleId, RULES } from './lint/rules.js'
import type { MigrationFile } from './tools/types.js'

export interface ScopeLint {
  findings: Finding[]
  allowed: AllowedStatement[]
  destructive: boolean
  rollbackSafe: boolean
  statements: number
  threads: number
}

/**
 * Lints the migrations in scope, each from the best source there is: what the tool sent on the shadow when the
 * replay saw it, else its files (SQL, or the static reading of code). A code migration nobody saw run makes
 * `rollback-safe` false: what the tool generates from it is unknown.
 */
export async function lintScope(
  inScope: MigrationFile[],
  {
    replayed,
    unseenCode,
    lockTimeoutRules,
    workers
  }: {
    replayed: Map<MigrationFile, FileLint> | undefined
    unseenCode: boolean
    lockTimeoutRules: boolean
    workers: LintWorkers | undefined
  }
): Promise<ScopeLint> {
  const readStatically = inScope.filter(m => !replayed?.has(m))
  const { lints, threads } = await lintMigrations(readStatically, lockTimeoutRules, workers)
  const staticLint = new Map(readStatically.map((m, i) => [m, lints[i]!]))
  const result: ScopeLint = {
    findings: [],
    allowed: [],
    destructive: false,
    rollbackSafe: !unseenCode,
    statements: 0,
    threads
  }
  for (const migration of inScope) {
    const lint = replayed?.get(migration) ?? staticLint.get(migration)!
    result.statements += lint.statements
    result.findings.push(...lint.findings)
    result.allowed.push(...lint.allowed)
    if (lint.violations.some(v => RULES[v.rule].category === 'destructive')) result.destructive = true
    if (lint.findings.some(f => isRuleId(f.rule) && breaksPreviousVersion(f.rule)))
      result.rollbackSafe = false
    const irreversible = lint.violations.find(v =>
      ['destructive', 'incompatible'].includes(RULES[v.rule].category)
    )
    if (migration.hasDown === false && irreversible) {
      result.findings.push(
        finding(
          'missing-down-migration',
          `Migration ${migration.name} has no down migration, yet it cannot be undone without one (${irreversible.rule} at line ${irreversible.line}).`,
          { file: migration.file, line: irreversible.line }
        )
      )
    }
  }
  return result
}
