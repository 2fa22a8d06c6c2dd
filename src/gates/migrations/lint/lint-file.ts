import type { Finding } from '../../../types.js'
import { parseSql, type ParsedSql, type SqlStatement } from '../sql/parse.js'
import { SourceMap } from '../sql/positions.js'
import type { MigrationFile } from '../tools/types.js'
import { catalog } from '../catalog.js'
import { checkFile } from './check.js'
import type { ColumnType } from './context.js'
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
  /** Column types the file declares, in order (`schema.table`, lower-case column). */
  columnTypes?: { table: string; column: string; type: ColumnType }[]
  /**
   * Type changes flagged because the old type is not declared in this file; once an earlier migration shows it,
   * a change that needs no rewrite is dropped (`violation`/`finding` index this FileLint's lists).
   */
  typeChanges?: { table: string; column: string; to: ColumnType; violation: number; finding?: number }[]
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
  parsed?: ParsedSql,
  { newTables }: { newTables?: ReadonlySet<string> } = {}
): FileLint {
  const result: FileLint = { findings: [], violations: [], allowed: [], statements: 0 }
  const options = { lockTimeoutRules, newTables }
  if (migration.code) {
    lintStatements(migration, readCode(migration, result), options, result)
    // Unreadable strings and syntax errors were found first; report in the file's order.
    const unsorted = [...result.findings]
    result.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    for (const change of result.typeChanges ?? [])
      if (change.finding !== undefined) change.finding = result.findings.indexOf(unsorted[change.finding]!)
    return result
  }
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
  return lintStatements(migration, parsed.statements, options, result)
}

const CODE_ALLOW = /^\s*(?:#|\/\/|--)\s*deploy-gates:\s*allow\b\s*(\S*)\s*(.*)$/

/**
 * The statements of a code migration read statically: each piece parsed on its own (so one unreadable string
 * hides nothing else), its statements placed at the piece's position in the file. A string that does not
 * parse is a syntax error when it is a plain literal, and unreadable-code-sql when interpolations or bindings
 * were replaced in it (its runtime text is not known).
 */
function readCode(migration: MigrationFile, result: FileLint): SqlStatement[] {
  const map = new SourceMap(migration.text)
  const lines = migration.text.split('\n')
  const statements: SqlStatement[] = []
  for (const piece of migration.code!.pieces) {
    const at = map.position(piece.offset)
    const parsed = parseSql(piece.sql)
    const place = (line: number, column: number): { line: number; column: number } => ({
      line: at.line + line - 1,
      column: line === 1 ? at.column + column - 1 : column
    })
    if (parsed.error) {
      const { line, column, message } = parsed.error
      result.findings.push(
        piece.templated || piece.operation
          ? finding(
              'unreadable-code-sql',
              `This SQL string could not be read (${message} once its interpolations were replaced); it was not linted.`,
              { file: migration.file, ...place(line, column) }
            )
          : finding('sql-syntax-error', `PostgreSQL cannot parse this SQL string: ${message}.`, {
              file: migration.file,
              ...place(line, column)
            })
      )
      continue
    }
    for (const statement of parsed.statements) {
      if (piece.operation !== undefined) {
        const end = map.position(Math.max(piece.offset, (piece.end ?? piece.offset + 1) - 1))
        // `# deploy-gates: allow <rule> <reason>` on the line above the operation.
        const above = CODE_ALLOW.exec(lines[at.line - 2] ?? '')
        statements.push({
          ...statement,
          ...at,
          endLine: end.line,
          endColumn: end.column + 1,
          text: piece.operation,
          outsideTransaction: piece.outsideTransaction,
          allows: above ? [{ rule: above[1]!, reason: above[2]!.trim(), line: at.line - 1 }] : []
        })
      } else {
        const start = place(statement.line, statement.column)
        const end = place(statement.endLine, statement.endColumn)
        statements.push({
          ...statement,
          ...start,
          endLine: end.line,
          endColumn: end.column,
          outsideTransaction: piece.outsideTransaction,
          allows: statement.allows.map(a => ({ ...a, line: at.line + a.line - 1 }))
        })
      }
    }
  }
  for (const unreadable of migration.code!.unreadable)
    result.findings.push(
      finding('unreadable-code-sql', `Not linted: ${unreadable.reason}.`, {
        file: migration.file,
        ...map.position(unreadable.offset)
      })
    )
  return statements
}

function lintStatements(
  migration: MigrationFile,
  statements: SqlStatement[],
  { lockTimeoutRules, newTables }: { lockTimeoutRules: boolean; newTables?: ReadonlySet<string> },
  result: FileLint
): FileLint {
  result.statements = statements.length
  const meaningful = statements.filter(s => s.kind !== 'TransactionStmt')
  // One statement sent alone runs outside any transaction block; several in one query run as one.
  const transaction =
    migration.transaction === 'implicit' && meaningful.length <= 1 ? 'none' : migration.transaction
  const { violations, context } = checkFile(statements, { transaction, lockTimeoutRules, newTables })
  result.violations = violations.map(({ rule, statement }) => ({ rule, line: statement.line }))

  // By place: the statements one code operation stands for share its line and column (and its allow comment).
  const hasAllows = statements.some(s => s.allows.length > 0)
  const violated = new Set(
    hasAllows ? violations.map(v => `${v.statement.line}:${v.statement.column}:${v.rule}`) : []
  )
  const reported = new Set<string>()
  for (const statement of statements) {
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
      } else if (
        !violated.has(`${statement.line}:${statement.column}:${allow.rule}`) &&
        !reported.has(`${allow.line}:${allow.rule}`)
      ) {
        reported.add(`${allow.line}:${allow.rule}`)
        result.findings.push(
          finding('allow-unused', `The statement after this comment does not trigger ${allow.rule}.`, {
            file: migration.file,
            line: allow.line
          })
        )
      }
    }
  }
  const findingOf = new Map<number, number>()
  for (const [index, violation] of violations.entries()) {
    const { statement, rule } = violation
    const allow = statement.allows.find(a => a.rule === rule && a.reason)
    if (allow) {
      result.allowed.push({ rule, file: migration.file, line: statement.line, reason: allow.reason })
      continue
    }
    findingOf.set(index, result.findings.length)
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
  if (context.declaredTypes.length) result.columnTypes = context.declaredTypes
  for (const change of context.typeChanges) {
    const statement = statements[change.index]
    const violation = violations.findIndex(
      v =>
        v.statement === statement &&
        v.rule === 'change-column-type' &&
        v.message.toLowerCase().endsWith(`.${change.column}.`)
    )
    if (violation === -1) continue
    ;(result.typeChanges ??= []).push({ ...change, violation, finding: findingOf.get(violation) })
  }
  return result
}
