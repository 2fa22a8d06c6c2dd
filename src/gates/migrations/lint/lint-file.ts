import type { Finding } from '../../../types.js'
import { parseSql, type ParsedSql } from '../sql/parse.js'
import type { MigrationFile } from '../tools/types.js'
import { catalog } from '../catalog.js'
import { checkStatements } from './check.js'
import type { RuleId } from './rules.js'

export interface AllowedStatement {
  rule: RuleId
  file: string
  line: number
  reason: string
}

export interface FileLint {
  findings: Finding[]
  /** Every violation, silenced or not (drives `destructive` and reversibility), at its statement's line. */
  violations: { rule: RuleId; line: number }[]
  /** Violations a reasoned `-- deploy-gates: allow` comment silenced. */
  allowed: AllowedStatement[]
  statements: number
}

export function finding(rule: RuleId, message: string, at: Partial<Finding> = {}): Finding {
  return catalog.finding(rule, { message, ...at })
}

/**
 * Lints the SQL a migration runs on the way up. A syntax error is one finding at its position
 * (the other files are still linted). `-- deploy-gates: allow <rule> <reason>` silences that rule
 * for the next statement; without a reason it silences nothing and is reported.
 */
export function lintMigration(
  migration: MigrationFile,
  lockTimeoutRules: boolean,
  parsed?: ParsedSql
): FileLint {
  const result: FileLint = { findings: [], violations: [], allowed: [], statements: 0 }
  if (migration.sql === undefined) return result
  parsed ??= parseSql(migration.sql)
  if (parsed.error) {
    const { line, column, message } = parsed.error
    result.findings.push(
      finding('sql-syntax-error', `PostgreSQL cannot parse this migration: ${message}.`, {
        file: migration.file,
        line,
        column
      })
    )
    return result
  }
  result.statements = parsed.statements.length
  const meaningful = parsed.statements.filter(s => s.kind !== 'TransactionStmt')
  // One statement sent alone runs outside any transaction block; several in one query run as one.
  const transaction =
    migration.transaction === 'implicit' && meaningful.length <= 1 ? 'none' : migration.transaction
  const violations = checkStatements(parsed.statements, { transaction, lockTimeoutRules })
  result.violations = violations.map(({ rule, statement }) => ({ rule, line: statement.line }))

  const violated = new Map<object, Set<string>>()
  for (const v of violations) {
    if (!violated.has(v.statement)) violated.set(v.statement, new Set())
    violated.get(v.statement)!.add(v.rule)
  }
  for (const statement of parsed.statements) {
    for (const allow of statement.allows) {
      const rule = catalog.resolve(allow.rule)
      if (rule) allow.rule = rule.id
      if (!rule) {
        result.findings.push(
          finding(
            'allow-unknown-rule',
            `The allow comment names ${allow.rule ? `unknown rule '${allow.rule}'` : 'no rule'}.`,
            {
              file: migration.file,
              line: allow.line
            }
          )
        )
      } else if (!allow.reason) {
        result.findings.push(
          finding(
            'allow-missing-reason',
            `The allow comment for ${allow.rule} gives no reason, so it does not silence the rule.`,
            {
              file: migration.file,
              line: allow.line
            }
          )
        )
      } else if (!violated.get(statement)?.has(allow.rule)) {
        result.findings.push(
          finding('allow-unused', `The statement after this comment does not trigger ${allow.rule}.`, {
            file: migration.file,
            line: allow.line
          })
        )
      }
    }
  }
  for (const violation of violations) {
    const { statement, rule } = violation
    const allow = statement.allows.find(a => a.rule === rule && a.reason)
    if (allow) {
      result.allowed.push({ rule, file: migration.file, line: statement.line, reason: allow.reason })
      continue
    }
    result.findings.push(
      finding(rule, violation.message, {
        file: migration.file,
        line: statement.line,
        column: statement.column,
        endLine: statement.endLine,
        endColumn: statement.endColumn
      })
    )
  }
  return result
}
