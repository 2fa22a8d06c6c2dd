import { CodeScanner, upRegion, type CodeReading, type FoundCall } from './reading.js'
import { nameOf, namesOf, truthy, type Value } from './source.js'
import { constant, sql, sqlType } from './sql-builder.js'

/** A Rails `default:` as SQL: a constant, or the SQL string of a lambda (`-> { "gen_random_uuid()" }`). */
export function railsDefault(value: Value | undefined): string | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'string') return constant(value.value)
  if (value.kind === 'number') return value.value
  if (value.kind === 'bool') return String(value.value)
  if (value.kind === 'other') {
    const lambda = /^(?:->|lambda)\s*\{\s*["'](.*)["']\s*\}$/s.exec(value.text)
    if (lambda) return lambda[1]
  }
  return "'?'"
}

function singular(name: string): string {
  return name.replace(/ies$/, 'y').replace(/s$/, '')
}

const OPERATIONS =
  /(?<![\w.:@$])(remove_columns?|rename_column|rename_table|change_column_null|change_column|add_column|add_index|remove_index|drop_table|create_table|add_reference|add_belongs_to|remove_reference|remove_belongs_to|add_foreign_key|add_check_constraint|remove_timestamps|execute)\b(?![:?!]|\s*=(?![=~>]))/

function columnOf(call: FoundCall, index: number): string {
  return nameOf(call.args.positional[index]) ?? '?'
}

function operation(scanner: CodeScanner, call: FoundCall): void {
  const { positional, keywords } = call.args
  const t = columnOf(call, 0)
  const option = (name: string): Value | undefined => keywords.get(name)
  const concurrently = nameOf(option('algorithm')) === 'concurrently'
  switch (call.name) {
    case 'execute':
      if (!/^execute\s*\(?\s*<</.test(call.source)) scanner.rawSql(call, positional[0])
      return
    case 'remove_column':
      return scanner.operation(call, sql.dropColumn(t, columnOf(call, 1)))
    case 'remove_columns':
      return scanner.operation(
        call,
        ...positional
          .slice(1)
          .flatMap(namesOf)
          .map(c => sql.dropColumn(t, c))
      )
    case 'remove_timestamps':
      return scanner.operation(call, sql.dropColumn(t, 'created_at'), sql.dropColumn(t, 'updated_at'))
    case 'rename_column':
      return scanner.operation(call, sql.renameColumn(t, columnOf(call, 1), columnOf(call, 2)))
    case 'rename_table':
      return scanner.operation(call, sql.renameTable(t, columnOf(call, 1)))
    case 'drop_table':
      return scanner.operation(call, sql.dropTable(t, truthy(option('if_exists')) === true))
    case 'create_table':
      return scanner.operation(call, sql.createTable(t))
    case 'change_column':
      return scanner.operation(
        call,
        sql.changeType(
          t,
          columnOf(call, 1),
          sqlType(nameOf(positional[2]), nameOf(option('limit')) ?? numberOf(option('limit')))
        )
      )
    case 'change_column_null': {
      const nullable = truthy(positional[2])
      return scanner.operation(
        call,
        nullable === false ? sql.setNotNull(t, columnOf(call, 1)) : sql.dropNotNull(t, columnOf(call, 1))
      )
    }
    case 'add_column':
      return scanner.operation(
        call,
        sql.addColumn(t, columnOf(call, 1), {
          type: sqlType(nameOf(positional[2]), numberOf(option('limit'))),
          notNull: truthy(option('null')) === false,
          defaultSql: railsDefault(option('default'))
        })
      )
    case 'add_index': {
      const cols = namesOf(positional[1])
      return scanner.operation(
        call,
        sql.createIndex({
          table: t,
          columns: cols,
          name: nameOf(option('name')),
          unique: truthy(option('unique')) === true,
          concurrently
        })
      )
    }
    case 'remove_index': {
      const cols = positional[1] ? namesOf(positional[1]) : namesOf(option('column'))
      return scanner.operation(
        call,
        sql.dropIndex(nameOf(option('name')) ?? `index_${t}_on_${cols.join('_and_')}`, concurrently)
      )
    }
    case 'add_reference':
    case 'add_belongs_to': {
      const column = `${columnOf(call, 1)}_id`
      const statements = [
        sql.addColumn(t, column, { type: 'bigint', notNull: truthy(option('null')) === false })
      ]
      const index = option('index')
      if (truthy(index) !== false) {
        const indexConcurrently =
          index?.kind === 'object' && nameOf(index.entries.get('algorithm')) === 'concurrently'
        statements.push(sql.createIndex({ table: t, columns: [column], concurrently: indexConcurrently }))
      }
      const foreignKey = option('foreign_key')
      if (truthy(foreignKey))
        statements.push(
          sql.addForeignKey({
            table: t,
            columns: [column],
            refTable:
              (foreignKey?.kind === 'object' && nameOf(foreignKey.entries.get('to_table'))) ||
              `${columnOf(call, 1)}s`,
            validate: !(foreignKey?.kind === 'object' && truthy(foreignKey.entries.get('validate')) === false)
          })
        )
      return scanner.operation(call, ...statements)
    }
    case 'remove_reference':
    case 'remove_belongs_to':
      return scanner.operation(call, sql.dropColumn(t, `${columnOf(call, 1)}_id`))
    case 'add_foreign_key': {
      const to = columnOf(call, 1)
      return scanner.operation(
        call,
        sql.addForeignKey({
          table: t,
          columns: [nameOf(option('column')) ?? `${singular(to)}_id`],
          refTable: to,
          name: nameOf(option('name')),
          validate: truthy(option('validate')) !== false
        })
      )
    }
    case 'add_check_constraint':
      return scanner.operation(
        call,
        sql.addCheck(
          t,
          nameOf(option('name')),
          nameOf(positional[1]) ?? 'true',
          truthy(option('validate')) !== false
        )
      )
  }
}

function numberOf(value: Value | undefined): string | undefined {
  return value?.kind === 'number' ? value.value : undefined
}

/** `execute <<~SQL … SQL`: the heredoc's body (interpolated unless the tag is single-quoted). */
function heredocs(scanner: CodeScanner): void {
  const heredoc = /\bexecute\s*\(?\s*<<[~-]?(['"]?)([A-Z_]+)\1[^\n]*\n/g
  heredoc.lastIndex = scanner.region[0]
  for (let match = heredoc.exec(scanner.text); match; match = heredoc.exec(scanner.text)) {
    if (match.index >= scanner.region[1]) break
    if (!scanner.isCode(match.index)) continue
    const start = match.index + match[0].length
    const end = new RegExp(`^[ \\t]*${match[2]}[ \\t]*$`, 'm').exec(scanner.text.slice(start))
    if (!end) continue
    let body = scanner.text.slice(start, start + end.index)
    let templated = false
    if (match[1] !== "'")
      body = body.replace(/#\{[^}]*\}/g, m => {
        templated = true
        return 'x' + '_'.repeat(m.length - 1)
      })
    scanner.pieces.push({ sql: body, offset: start, templated })
  }
}

const UP = /^\s*def\s+(up|change)\b/m
const DOWN = /^\s*def\s+down\b/m

/** Rails (Active Record) migrations: schema operations in `change`/`up`, and the SQL given to `execute`. */
export function readRailsMigration(text: string): CodeReading {
  const scanner = new CodeScanner(text, 'ruby', upRegion(text, UP, DOWN))
  for (const call of scanner.calls(OPERATIONS)) operation(scanner, call)
  heredocs(scanner)
  return scanner.reading()
}
