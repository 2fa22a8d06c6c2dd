import type { Finding } from '../../../types.js'
import { lintMigration, type FileLint } from '../lint/lint-file.js'
import { isRuleId } from '../lint/rules.js'
import type { MigrationFile } from '../tools/types.js'
import type { ReplayedMigration, ReplayedStatement } from './attribute.js'

/** Words of generated DDL that are never the object an operation names. */
const SQL_WORDS = new Set(
  `alter table drop column add create index unique on not null default constraint primary key references foreign
  using if exists cascade restrict set type rename to concurrently only varchar character varying integer int bigint
  smallint text boolean timestamp with without time zone numeric decimal serial bigserial json jsonb uuid date real
  double precision check validate valid into values insert update delete from where and or public collate
  sequence owned by view materialized trigger function schema extension data`.split(/\s+/)
)

/** Identifiers a statement names, most specific last (ALTER TABLE t DROP COLUMN c → t, c). */
function identifiers(sql: string): string[] {
  const names: string[] = []
  for (const match of sql.matchAll(/"((?:[^"]|"")+)"|\b([A-Za-z_][\w$]*)\b/g)) {
    const name = match[1] ? match[1].replace(/""/g, '"') : match[2]!
    if (!match[1] && SQL_WORDS.has(name.toLowerCase())) continue
    if (/^\d/.test(name) || name.length < 2) continue
    names.push(name)
  }
  return names
}

/**
 * The line of the operation in the migration's own source that produced a statement: the first line from
 * `from` on (operations run in the order they are written) that names the statement's most specific
 * identifier (the column before the table); then anywhere in the file; 1 when nothing matches.
 */
export function operationLine(source: string, sql: string, from = 1): number {
  const lines = source.split('\n')
  const names = identifiers(sql).reverse()
  for (const start of [from - 1, 0]) {
    for (const name of names) {
      const word = new RegExp(`(^|[^\\w$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`, 'i')
      const index = lines.findIndex((line, i) => i >= start && word.test(line))
      if (index >= 0) return index + 1
    }
  }
  return 1
}

/** `deploy-gates: allow <rule> <reason>` in any comment syntax on the operation's line or the line above. */
function allowAt(source: string, line: number, rule: string): string | undefined {
  const lines = source.split('\n')
  for (const text of [lines[line - 1], lines[line - 2]]) {
    const match = /(?:#|--|\/\/)\s*deploy-gates:\s*allow\s+(\S+)\s*(.*)$/.exec(text ?? '')
    if (match && match[1] === rule && match[2]!.trim()) return match[2]!.trim()
  }
  return undefined
}

/**
 * Lints what a migration really sent, with the tables created earlier in the same change counted as new (lint's
 * `newTables`), and reports each finding at the operation's line in the migration file. A reasoned allow comment
 * on that line (or above it) silences the rule.
 */
export function lintReplayed(
  migration: MigrationFile,
  replayed: ReplayedMigration,
  newTables: ReadonlySet<string>,
  lockTimeoutRules: boolean
): FileLint {
  const parts: string[] = []
  const starts: { line: number; statement: ReplayedStatement }[] = []
  let line = 1
  for (const statement of replayed.statements) {
    const text = `${statement.sql.trim().replace(/;\s*$/, '')};\n`
    starts.push({ line, statement })
    parts.push(text)
    line += text.split('\n').length - 1
  }
  const lint = lintMigration(
    // The recorded SQL, not the static reading of the code (`code`): what the tool sent is the whole truth.
    { ...migration, sql: parts.join(''), code: undefined, transaction: replayed.transaction },
    lockTimeoutRules,
    undefined,
    { newTables }
  )
  const statementAt = (at: number): ReplayedStatement | undefined => {
    let found: ReplayedStatement | undefined
    for (const start of starts) if (start.line <= at) found = start.statement
    return found
  }
  // Each statement's operation line, found in order: the next operation is at or after the previous one.
  const fileLines = new Map<ReplayedStatement, number>()
  let cursor = 1
  for (const statement of replayed.statements) {
    cursor = operationLine(migration.text, statement.sql, cursor)
    fileLines.set(statement, cursor)
  }
  const toFileLine = (at: number): number => {
    const statement = statementAt(at)
    return (statement && fileLines.get(statement)) ?? 1
  }
  const result: FileLint = {
    findings: [],
    violations: [],
    allowed: [],
    statements: replayed.statements.length
  }
  for (const finding of lint.findings) {
    const statement = statementAt(finding.line ?? 1)
    const fileLine = toFileLine(finding.line ?? 1)
    const reason = isRuleId(finding.rule) ? allowAt(migration.text, fileLine, finding.rule) : undefined
    if (reason && isRuleId(finding.rule)) {
      result.allowed.push({ rule: finding.rule, file: migration.file, line: fileLine, reason })
      continue
    }
    const shown: Finding = {
      ...finding,
      file: migration.file,
      line: fileLine,
      message: statement ? `${finding.message} Sent by the tool: ${oneLine(statement.sql)}` : finding.message
    }
    delete shown.column
    delete shown.endLine
    delete shown.endColumn
    result.findings.push(shown)
  }
  for (const violation of lint.violations)
    result.violations.push({ ...violation, line: toFileLine(violation.line) })
  return result
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim()
  return text.length > 200 ? `${text.slice(0, 197)}...` : text
}
