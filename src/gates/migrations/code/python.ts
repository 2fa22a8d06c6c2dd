import { CodeScanner, upRegion, type CodeReading, type FoundCall } from './reading.js'
import { nameOf, namesOf, truthy, type Arguments, type Value } from './source.js'
import { constant, sql, sqlType } from './sql-builder.js'

/** Argument `index`, or the keyword of that name. */
function arg(args: Arguments, index: number, keyword: string): Value | undefined {
  return args.keywords.get(keyword) ?? args.positional[index]
}

function callArgs(value: Value | undefined): Arguments | undefined {
  return value?.kind === 'call' ? value.args : undefined
}

/** A server-side default as SQL: `sa.text("now()")`, `sa.func.now()`, `Now()`, or a constant. */
function serverDefault(value: Value | undefined): string | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'string') return constant(value.value)
  if (value.kind === 'number') return value.value
  if (value.kind === 'bool') return String(value.value)
  if (value.kind === 'call') {
    const inner = value.args.positional[0]
    if (/(^|\.)text$/.test(value.name) && inner?.kind === 'string') return inner.value
    const func = /(?:^|\.)func\.(\w+)$/.exec(value.name)?.[1] ?? /(?:^|\.)(Now|Random)$/.exec(value.name)?.[1]
    if (func) return `${func.toLowerCase()}()`
  }
  return "'?'"
}

// ── Django ─────────────────────────────────────────────────────────────────
const DJANGO =
  /(?<![\w.])(?:migrations\.)?(RemoveField|RenameField|AlterField|DeleteModel|RenameModel|AddField|AddIndexConcurrently|AddIndex|RemoveIndexConcurrently|RemoveIndex|AddConstraint|CreateModel|RunSQL)(?=\s*\()/

/** The column a Django field writes: `db_column`, or `<name>_id` for relations. */
function djangoColumn(name: string, field: Value | undefined): string {
  const args = callArgs(field)
  const column = nameOf(args?.keywords.get('db_column'))
  if (column) return column
  return field?.kind === 'call' && /(ForeignKey|OneToOneField)$/.test(field.name) ? `${name}_id` : name
}

function djangoType(field: Value | undefined): string {
  if (field?.kind !== 'call') return 'text'
  const maxLength = field.args.keywords.get('max_length')
  return sqlType(field.name.split('.').pop(), maxLength?.kind === 'number' ? maxLength.value : undefined)
}

function django(scanner: CodeScanner, call: FoundCall, app: string): void {
  const { args } = call
  const tableOf = (model: string | undefined): string => `${app}_${String(model ?? '?').toLowerCase()}`
  const model = nameOf(arg(args, 0, 'model_name'))
  const t = tableOf(model)
  switch (call.name) {
    case 'RunSQL': {
      const statements = arg(args, 0, 'sql')
      for (const value of statements?.kind === 'array' ? statements.items : [statements])
        scanner.rawSql(call, value, 'percent')
      return
    }
    case 'RemoveField': {
      const name = nameOf(arg(args, 1, 'name')) ?? '?'
      return scanner.operation(call, sql.dropColumn(t, name))
    }
    case 'RenameField':
      return scanner.operation(
        call,
        sql.renameColumn(t, nameOf(arg(args, 1, 'old_name')) ?? '?', nameOf(arg(args, 2, 'new_name')) ?? '?')
      )
    case 'AddField': {
      const field = arg(args, 2, 'field')
      if (field?.kind === 'call' && /ManyToManyField$/.test(field.name)) return
      const keywords = callArgs(field)?.keywords
      const name = djangoColumn(nameOf(arg(args, 1, 'name')) ?? '?', field)
      const dbDefault = keywords?.get('db_default')
      // Django fills existing rows with `default` (a constant it computes once), then drops the default.
      const defaultSql = dbDefault ? serverDefault(dbDefault) : keywords?.has('default') ? "'?'" : undefined
      return scanner.operation(
        call,
        sql.addColumn(t, name, {
          type: djangoType(field),
          notNull: truthy(keywords?.get('null')) !== true,
          defaultSql,
          primaryKey: truthy(keywords?.get('primary_key')) === true,
          unique: truthy(keywords?.get('unique')) === true
        })
      )
    }
    case 'AlterField': {
      const field = arg(args, 2, 'field')
      return scanner.operation(
        call,
        sql.changeType(t, djangoColumn(nameOf(arg(args, 1, 'name')) ?? '?', field), djangoType(field))
      )
    }
    case 'DeleteModel':
      return scanner.operation(call, sql.dropTable(tableOf(nameOf(arg(args, 0, 'name')))))
    case 'RenameModel':
      return scanner.operation(
        call,
        sql.renameTable(tableOf(nameOf(arg(args, 0, 'old_name'))), tableOf(nameOf(arg(args, 1, 'new_name'))))
      )
    case 'CreateModel':
      return scanner.operation(call, sql.createTable(tableOf(nameOf(arg(args, 0, 'name')))))
    case 'AddIndex':
    case 'AddIndexConcurrently': {
      const index = callArgs(arg(args, 1, 'index'))
      return scanner.operation(
        call,
        sql.createIndex({
          table: t,
          columns: namesOf(index?.keywords.get('fields')).map(f => f.replace(/^-/, '')),
          name: nameOf(index?.keywords.get('name')),
          concurrently: call.name === 'AddIndexConcurrently'
        })
      )
    }
    case 'RemoveIndex':
    case 'RemoveIndexConcurrently':
      return scanner.operation(
        call,
        sql.dropIndex(nameOf(arg(args, 1, 'name')) ?? '?', call.name === 'RemoveIndexConcurrently')
      )
    case 'AddConstraint': {
      const constraint = arg(args, 1, 'constraint')
      const keywords = callArgs(constraint)?.keywords
      const name = nameOf(keywords?.get('name'))
      if (constraint?.kind === 'call' && /UniqueConstraint$/.test(constraint.name))
        return scanner.operation(call, sql.addUnique(t, namesOf(keywords?.get('fields')), name))
      if (constraint?.kind === 'call' && /CheckConstraint$/.test(constraint.name))
        return scanner.operation(call, sql.addCheck(t, name, 'true'))
      return
    }
  }
}

/** Django migrations: the operations list (schema operations and RunSQL). `app` names the tables (`app_model`). */
export function readDjangoMigration(text: string, app: string): CodeReading {
  const scanner = new CodeScanner(text, 'python', [0, text.length])
  for (const call of scanner.calls(DJANGO)) django(scanner, call, app)
  return scanner.reading()
}

// ── Alembic ────────────────────────────────────────────────────────────────
const ALEMBIC =
  /(?<![\w.])op\.(drop_column|alter_column|drop_table|rename_table|create_index|drop_index|add_column|create_foreign_key|create_unique_constraint|create_check_constraint|create_primary_key|create_table|execute)(?=\s*\()/

function alembic(scanner: CodeScanner, call: FoundCall): void {
  const { args } = call
  const keyword = (name: string): Value | undefined => args.keywords.get(name)
  switch (call.name) {
    case 'execute':
      return scanner.rawSql(call, arg(args, 0, 'sqltext'), 'percent')
    case 'drop_column':
      return scanner.operation(
        call,
        sql.dropColumn(nameOf(arg(args, 0, 'table_name')) ?? '?', nameOf(arg(args, 1, 'column_name')) ?? '?')
      )
    case 'drop_table':
      return scanner.operation(call, sql.dropTable(nameOf(arg(args, 0, 'table_name')) ?? '?'))
    case 'rename_table':
      return scanner.operation(
        call,
        sql.renameTable(
          nameOf(arg(args, 0, 'old_table_name')) ?? '?',
          nameOf(arg(args, 1, 'new_table_name')) ?? '?'
        )
      )
    case 'create_table':
      return scanner.operation(call, sql.createTable(nameOf(arg(args, 0, 'table_name')) ?? '?'))
    case 'alter_column': {
      const t = nameOf(arg(args, 0, 'table_name')) ?? '?'
      const column = nameOf(arg(args, 1, 'column_name')) ?? '?'
      const statements: string[] = []
      const type = keyword('type_')
      if (type) statements.push(sql.changeType(t, column, typeOf(type)))
      const nullable = keyword('nullable')
      if (nullable) statements.push(truthy(nullable) ? sql.dropNotNull(t, column) : sql.setNotNull(t, column))
      const newName = nameOf(keyword('new_column_name'))
      if (newName) statements.push(sql.renameColumn(t, column, newName))
      return scanner.operation(call, ...statements)
    }
    case 'add_column': {
      const t = nameOf(arg(args, 0, 'table_name')) ?? '?'
      const column = callArgs(arg(args, 1, 'column'))
      if (!column) return
      const name = nameOf(column.positional[0]) ?? '?'
      const primaryKey = truthy(column.keywords.get('primary_key')) === true
      return scanner.operation(
        call,
        sql.addColumn(t, name, {
          type: typeOf(column.positional[1]),
          notNull: truthy(column.keywords.get('nullable')) === false || primaryKey,
          defaultSql: serverDefault(column.keywords.get('server_default')),
          primaryKey
        })
      )
    }
    case 'create_index':
      return scanner.operation(
        call,
        sql.createIndex({
          name: nameOf(arg(args, 0, 'index_name')),
          table: nameOf(arg(args, 1, 'table_name')) ?? '?',
          columns: namesOf(arg(args, 2, 'columns')),
          unique: truthy(keyword('unique')) === true,
          concurrently: truthy(keyword('postgresql_concurrently')) === true
        })
      )
    case 'drop_index':
      return scanner.operation(
        call,
        sql.dropIndex(
          nameOf(arg(args, 0, 'index_name')) ?? '?',
          truthy(keyword('postgresql_concurrently')) === true
        )
      )
    case 'create_foreign_key':
      return scanner.operation(
        call,
        sql.addForeignKey({
          name: nameOf(arg(args, 0, 'constraint_name')),
          table: nameOf(arg(args, 1, 'source_table')) ?? '?',
          refTable: nameOf(arg(args, 2, 'referent_table')) ?? '?',
          columns: namesOf(arg(args, 3, 'local_cols')),
          refColumns: namesOf(arg(args, 4, 'remote_cols')),
          validate: !/NOT VALID/i.test(call.source)
        })
      )
    case 'create_unique_constraint':
      return scanner.operation(
        call,
        sql.addUnique(
          nameOf(arg(args, 1, 'table_name')) ?? '?',
          namesOf(arg(args, 2, 'columns')),
          nameOf(arg(args, 0, 'constraint_name'))
        )
      )
    case 'create_check_constraint': {
      const condition = arg(args, 2, 'condition')
      return scanner.operation(
        call,
        sql.addCheck(
          nameOf(arg(args, 1, 'table_name')) ?? '?',
          nameOf(arg(args, 0, 'constraint_name')),
          condition?.kind === 'string' ? condition.value : 'true',
          truthy(keyword('postgresql_not_valid')) !== true
        )
      )
    }
    case 'create_primary_key':
      return scanner.operation(
        call,
        sql.addPrimaryKey(nameOf(arg(args, 1, 'table_name')) ?? '?', namesOf(arg(args, 2, 'columns')))
      )
  }
}

/** `sa.String(50)`, `sa.Text()`, `postgresql.UUID()` → a PostgreSQL type. */
function typeOf(value: Value | undefined): string {
  if (value?.kind !== 'call') return 'text'
  const length = value.args.positional[0]
  return sqlType(value.name.split('.').pop(), length?.kind === 'number' ? length.value : undefined)
}

/** Alembic revisions: `op.*` operations and `op.execute` SQL in `upgrade()`. */
export function readAlembicMigration(text: string): CodeReading {
  const scanner = new CodeScanner(
    text,
    'python',
    upRegion(text, /^def\s+upgrade\s*\(/m, /^def\s+downgrade\s*\(/m)
  )
  for (const call of scanner.calls(ALEMBIC)) alembic(scanner, call)
  const reading = scanner.reading()
  for (const [start, end] of autocommitBlocks(text))
    for (const piece of reading.pieces)
      if (piece.offset >= start && piece.offset < end) piece.outsideTransaction = true
  return reading
}

/** [start, end) of each `with op.get_context().autocommit_block():` body (its more-indented lines). */
function autocommitBlocks(text: string): [number, number][] {
  const blocks: [number, number][] = []
  const opening = /^([ \t]*)with\s+op\.get_context\(\)\.autocommit_block\(\)\s*:[^\n]*\n/gm
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const indent = match[1]!.length
    const start = match.index + match[0].length
    let end = start
    for (const line of text.slice(start).split('\n')) {
      if (line.trim() && line.length - line.trimStart().length <= indent) break
      end += line.length + 1
    }
    blocks.push([start, Math.min(end, text.length)])
  }
  return blocks
}
