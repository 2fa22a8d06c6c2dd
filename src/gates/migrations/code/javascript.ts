import { CodeScanner, upRegion, type CodeReading, type FoundCall } from './reading.js'
import { nameOf, namesOf, readArguments, truthy, type Arguments, type Value } from './source.js'
import { constant, sql, sqlType } from './sql-builder.js'

const UP =
  /exports\.up\s*=|export\s+(async\s+)?function\s+up\b|export\s+const\s+up\b|\basync\s+up\s*\(|\bup\s*:\s*(async\s*)?(\(|function)|\bup\s*\(/
const DOWN =
  /exports\.down\s*=|export\s+(async\s+)?function\s+down\b|export\s+const\s+down\b|\basync\s+down\s*\(|\bdown\s*:\s*(async\s*)?(\(|function)|\bdown\s*\(/

function jsRegion(text: string): [number, number] {
  return upRegion(text, UP, DOWN)
}

function entry(value: Value | undefined, key: string): Value | undefined {
  return value?.kind === 'object' ? value.entries.get(key) : undefined
}

/** A table argument: `'users'`, `{ tableName: 'users', schema: 'app' }`, `new Table({ name: 'users' })`. */
function tableName(value: Value | undefined): string {
  const name = nameOf(value)
  if (name) return name
  const object = value?.kind === 'call' ? value.args.positional[0] : value
  const table = nameOf(entry(object, 'tableName') ?? entry(object, 'name'))
  const schema = nameOf(entry(object, 'schema'))
  return table ? (schema ? `${schema}.${table}` : table) : '?'
}

/** A default value written in JS: a constant, `knex.fn.now()`, `knex.raw('…')`, `Sequelize.literal('…')`, `() => '…'`. */
function jsDefault(value: Value | undefined): string | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'string') return constant(value.value)
  if (value.kind === 'number') return value.value
  if (value.kind === 'bool') return String(value.value)
  if (value.kind === 'call') {
    if (/(^|\.)(NOW|fn\.now)$/.test(value.name)) return 'now()'
    const inner = value.args.positional[0]
    if (/(^|\.)(raw|literal)$/.test(value.name) && inner?.kind === 'string') return inner.value
    if (/(^|\.)fn$/.test(value.name) && inner?.kind === 'string') return `${inner.value}()`
    // Sequelize.UUIDV4 and friends are computed by Sequelize, not by the database.
    if (/(^|\.)(UUIDV1|UUIDV4)$/.test(value.name)) return undefined
  }
  if (value.kind === 'other') {
    const arrow = /^\(\s*\)\s*=>\s*(['"`])(.*)\1$/s.exec(value.text)
    if (arrow) return arrow[2]
  }
  return "'?'"
}

function typeName(value: Value | undefined, length?: Value): string {
  const name = value?.kind === 'call' ? value.name.split('.').pop() : nameOf(value)
  const size =
    length?.kind === 'number'
      ? length.value
      : value?.kind === 'call' && value.args.positional[0]?.kind === 'number'
        ? value.args.positional[0].value
        : undefined
  return sqlType(name, size)
}

// ── knex ───────────────────────────────────────────────────────────────────
const KNEX =
  /\bschema\s*(?:\.\s*withSchema\s*\([^)]*\)\s*)?\.\s*(dropTable|dropTableIfExists|renameTable|createTable|createTableIfNotExists|alterTable|table|raw)(?=\s*\()|\b(?:knex|trx|db)\s*\.\s*(raw)(?=\s*\()/

const KNEX_TYPES =
  /^(increments|bigIncrements|integer|bigInteger|bigint|tinyint|smallint|mediumint|text|string|float|double|decimal|boolean|date|datetime|time|timestamp|binary|enum|enu|json|jsonb|uuid|specificType)$/

/** The calls chained after the one that ends at `end` (`.notNullable().alter()`), name → arguments. */
function chain(text: string, end: number): { calls: Map<string, Arguments>; end: number } {
  const calls = new Map<string, Arguments>()
  for (;;) {
    const next = /^\s*\.\s*(\w+)\s*(?=\()/.exec(text.slice(end, end + 200))
    if (!next) return { calls, end }
    const args = readArguments(text, end + next[0].length, 'js')
    if (!args) return { calls, end }
    calls.set(next[1]!, args)
    end = args.end
  }
}

function knexTable(scanner: CodeScanner, call: FoundCall, t: string, creating: boolean): void {
  const body = scanner.text.slice(call.offset, call.args.end)
  const param = /\(?\s*([A-Za-z_$][\w$]*)\s*\)?\s*=>|function\s*\(\s*([A-Za-z_$][\w$]*)/.exec(body)
  const name = param?.[1] ?? param?.[2]
  if (!name) return
  const member = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*\\.\\s*(\\w+)(?=\\s*\\()`, 'g')
  for (let match = member.exec(body); match; match = member.exec(body)) {
    const at = call.offset + match.index
    if (!scanner.isCode(at)) continue
    const args = readArguments(scanner.text, call.offset + match.index + match[0].length, 'js')
    if (!args) continue
    const { calls } = chain(scanner.text, args.end)
    const op = { name: match[1]!, offset: at, args, source: scanner.text.slice(at, args.end) }
    const column = nameOf(args.positional[0]) ?? '?'
    const add = (...statements: string[]): void => scanner.operation(op, ...statements)
    if (KNEX_TYPES.test(op.name)) {
      if (creating) continue
      const type =
        op.name === 'specificType'
          ? (nameOf(args.positional[1]) ?? 'text')
          : typeName({ kind: 'symbol', value: op.name }, args.positional[1])
      if (calls.has('alter')) {
        const statements = [sql.changeType(t, column, type)]
        if (calls.has('notNullable')) statements.push(sql.setNotNull(t, column))
        if (calls.has('nullable')) statements.push(sql.dropNotNull(t, column))
        add(...statements)
      } else {
        const references = calls.get('references')
        const inTable = nameOf(calls.get('inTable')?.positional[0])
        const target = nameOf(references?.positional[0])
        add(
          sql.addColumn(t, column, {
            type,
            notNull: calls.has('notNullable') || /increments/i.test(op.name),
            defaultSql: jsDefault(calls.get('defaultTo')?.positional[0]),
            primaryKey: /increments/i.test(op.name) || calls.has('primary'),
            unique: calls.has('unique'),
            references: target
              ? { table: inTable ?? target.split('.')[0]!, column: target.split('.').pop() }
              : undefined
          })
        )
      }
      continue
    }
    if (creating) continue
    switch (op.name) {
      case 'dropColumn':
        add(sql.dropColumn(t, column))
        break
      case 'dropColumns':
        add(...args.positional.flatMap(namesOf).map(c => sql.dropColumn(t, c)))
        break
      case 'dropTimestamps':
        add(sql.dropColumn(t, 'created_at'), sql.dropColumn(t, 'updated_at'))
        break
      case 'renameColumn':
        add(sql.renameColumn(t, column, nameOf(args.positional[1]) ?? '?'))
        break
      case 'setNullable':
        add(sql.dropNotNull(t, column))
        break
      case 'dropNullable':
        add(sql.setNotNull(t, column))
        break
      case 'index':
        add(
          sql.createIndex({
            table: t,
            columns: namesOf(args.positional[0]),
            name: nameOf(args.positional[1])
          })
        )
        break
      case 'unique':
        add(
          sql.addUnique(
            t,
            namesOf(args.positional[0]),
            nameOf(args.positional[1]) ?? nameOf(entry(args.positional[1], 'indexName'))
          )
        )
        break
      case 'primary':
        add(sql.addPrimaryKey(t, namesOf(args.positional[0])))
        break
      case 'dropIndex':
      case 'dropUnique':
        add(
          sql.dropIndex(nameOf(args.positional[1]) ?? `${t}_${namesOf(args.positional[0]).join('_')}_index`)
        )
        break
      case 'foreign': {
        const target = nameOf(calls.get('references')?.positional[0]) ?? 'id'
        const inTable = nameOf(calls.get('inTable')?.positional[0]) ?? target.split('.')[0]!
        add(
          sql.addForeignKey({
            table: t,
            columns: namesOf(args.positional[0]),
            refTable: inTable,
            refColumns: [target.split('.').pop()!]
          })
        )
        break
      }
    }
  }
}

function knex(scanner: CodeScanner, call: FoundCall): void {
  const { positional } = call.args
  const t = nameOf(positional[0]) ?? '?'
  switch (call.name) {
    case 'raw':
      return scanner.rawSql(call, positional[0], 'question')
    case 'dropTable':
    case 'dropTableIfExists':
      return scanner.operation(call, sql.dropTable(t, call.name === 'dropTableIfExists'))
    case 'renameTable':
      return scanner.operation(call, sql.renameTable(t, nameOf(positional[1]) ?? '?'))
    case 'createTable':
    case 'createTableIfNotExists':
      scanner.operation(call, sql.createTable(t))
      return knexTable(scanner, call, t, true)
    case 'alterTable':
    case 'table':
      return knexTable(scanner, call, t, false)
  }
}

export function readKnexMigration(text: string): CodeReading {
  const scanner = new CodeScanner(text, 'js', jsRegion(text))
  for (const call of scanner.calls(KNEX)) knex(scanner, { ...call, name: call.name })
  return scanner.reading()
}

// ── Sequelize ──────────────────────────────────────────────────────────────
const SEQUELIZE =
  /\b[A-Za-z_$][\w$]*\s*\.\s*(removeColumn|renameColumn|changeColumn|addColumn|dropTable|renameTable|createTable|addIndex|removeIndex|addConstraint|query)(?=\s*\()/

function sequelize(scanner: CodeScanner, call: FoundCall): void {
  const { positional } = call.args
  const t = tableName(positional[0])
  const column = nameOf(positional[1]) ?? '?'
  const options = (value: Value | undefined): Value | undefined =>
    value?.kind === 'object' ? value : undefined
  switch (call.name) {
    case 'query':
      if (!/\bsequelize\s*\.\s*query$/.test(call.source.split('(')[0]!.trim())) return
      return scanner.rawSql(call, positional[0], 'named')
    case 'removeColumn':
      return scanner.operation(call, sql.dropColumn(t, column))
    case 'renameColumn':
      return scanner.operation(call, sql.renameColumn(t, column, nameOf(positional[2]) ?? '?'))
    case 'dropTable':
      return scanner.operation(call, sql.dropTable(t))
    case 'renameTable':
      return scanner.operation(call, sql.renameTable(t, tableName(positional[1])))
    case 'createTable':
      return scanner.operation(call, sql.createTable(t))
    case 'changeColumn': {
      const spec = positional[2]
      const type = spec?.kind === 'object' ? entry(spec, 'type') : spec
      const statements = [sql.changeType(t, column, typeName(type))]
      const allowNull = entry(spec, 'allowNull')
      if (allowNull)
        statements.push(truthy(allowNull) ? sql.dropNotNull(t, column) : sql.setNotNull(t, column))
      return scanner.operation(call, ...statements)
    }
    case 'addColumn': {
      const spec = positional[2]
      const type = spec?.kind === 'object' ? entry(spec, 'type') : spec
      return scanner.operation(
        call,
        sql.addColumn(t, column, {
          type: typeName(type),
          notNull: truthy(entry(spec, 'allowNull')) === false,
          defaultSql: jsDefault(entry(spec, 'defaultValue')),
          primaryKey: truthy(entry(spec, 'primaryKey')) === true,
          unique: truthy(entry(spec, 'unique')) === true
        })
      )
    }
    case 'addIndex': {
      const second = positional[1]
      const opts = options(positional[2]) ?? options(second)
      const fields = second?.kind === 'array' ? namesOf(second) : namesOf(entry(opts, 'fields'))
      return scanner.operation(
        call,
        sql.createIndex({
          table: t,
          columns: fields,
          name: nameOf(entry(opts, 'name')),
          unique: truthy(entry(opts, 'unique')) === true,
          concurrently: truthy(entry(opts, 'concurrently')) === true
        })
      )
    }
    case 'removeIndex': {
      const name = nameOf(positional[1]) ?? `${t}_${namesOf(positional[1]).join('_')}`
      return scanner.operation(
        call,
        sql.dropIndex(name, truthy(entry(options(positional[2]), 'concurrently')) === true)
      )
    }
    case 'addConstraint': {
      const opts = options(positional[1]) ?? options(positional[2])
      const fields = namesOf(entry(opts, 'fields') ?? positional[1])
      const type = String(nameOf(entry(opts, 'type')) ?? '').toLowerCase()
      const name = nameOf(entry(opts, 'name'))
      if (type === 'unique') return scanner.operation(call, sql.addUnique(t, fields, name))
      if (type === 'primary key') return scanner.operation(call, sql.addPrimaryKey(t, fields))
      if (type === 'check') return scanner.operation(call, sql.addCheck(t, name, 'true'))
      if (type === 'foreign key') {
        const references = entry(opts, 'references')
        return scanner.operation(
          call,
          sql.addForeignKey({
            table: t,
            columns: fields,
            refTable: tableName(entry(references, 'table')),
            refColumns: [nameOf(entry(references, 'field')) ?? 'id'],
            name
          })
        )
      }
      return
    }
  }
}

export function readSequelizeMigration(text: string): CodeReading {
  const scanner = new CodeScanner(text, 'js', jsRegion(text))
  for (const call of scanner.calls(SEQUELIZE)) sequelize(scanner, call)
  return scanner.reading()
}

// ── TypeORM ────────────────────────────────────────────────────────────────
const TYPEORM =
  /\bqueryRunner\s*\.\s*(dropColumns?|renameColumn|changeColumn|addColumns?|dropTable|renameTable|createTable|createIndex|dropIndex|createForeignKey|createUniqueConstraint|createCheckConstraint|createPrimaryKey|query)(?=\s*\()/

/** The options object of `new TableColumn({…})` (or a plain object). */
function constructed(value: Value | undefined): Value | undefined {
  return value?.kind === 'call' ? value.args.positional[0] : value
}

function typeorm(scanner: CodeScanner, call: FoundCall): void {
  const { positional } = call.args
  const t = tableName(positional[0])
  switch (call.name) {
    case 'query':
      return scanner.rawSql(call, positional[0])
    case 'dropColumn':
      return scanner.operation(
        call,
        sql.dropColumn(t, nameOf(positional[1]) ?? nameOf(entry(constructed(positional[1]), 'name')) ?? '?')
      )
    case 'dropColumns':
      return scanner.operation(
        call,
        ...(positional[1]?.kind === 'array' ? positional[1].items : []).map(c =>
          sql.dropColumn(t, nameOf(c) ?? nameOf(entry(constructed(c), 'name')) ?? '?')
        )
      )
    case 'renameColumn':
      return scanner.operation(
        call,
        sql.renameColumn(
          t,
          nameOf(positional[1]) ?? '?',
          nameOf(positional[2]) ?? nameOf(entry(constructed(positional[2]), 'name')) ?? '?'
        )
      )
    case 'changeColumn': {
      const old = nameOf(positional[1]) ?? nameOf(entry(constructed(positional[1]), 'name')) ?? '?'
      const spec = constructed(positional[2])
      const name = nameOf(entry(spec, 'name')) ?? old
      const type = entry(spec, 'type')
      const nullable = entry(spec, 'isNullable')
      // TypeORM changes a column's type by dropping it and adding it again (its data is lost).
      if (type)
        return scanner.operation(
          call,
          sql.dropColumn(t, old),
          sql.addColumn(t, name, {
            type: typeName(type, entry(spec, 'length')),
            notNull: truthy(nullable) !== true,
            defaultSql: jsDefault(entry(spec, 'default'))
          })
        )
      const statements: string[] = []
      if (name !== old) statements.push(sql.renameColumn(t, old, name))
      if (nullable) statements.push(truthy(nullable) ? sql.dropNotNull(t, name) : sql.setNotNull(t, name))
      return scanner.operation(call, ...statements)
    }
    case 'addColumn':
    case 'addColumns': {
      const specs =
        call.name === 'addColumns' && positional[1]?.kind === 'array' ? positional[1].items : [positional[1]]
      return scanner.operation(
        call,
        ...specs.map(value => {
          const spec = constructed(value)
          return sql.addColumn(t, nameOf(entry(spec, 'name')) ?? '?', {
            type: typeName(entry(spec, 'type'), entry(spec, 'length')),
            notNull: truthy(entry(spec, 'isNullable')) !== true,
            defaultSql: jsDefault(entry(spec, 'default')),
            primaryKey: truthy(entry(spec, 'isPrimary')) === true,
            unique: truthy(entry(spec, 'isUnique')) === true
          })
        })
      )
    }
    case 'dropTable':
      return scanner.operation(call, sql.dropTable(t))
    case 'renameTable':
      return scanner.operation(call, sql.renameTable(t, tableName(positional[1])))
    case 'createTable':
      return scanner.operation(call, sql.createTable(t))
    case 'createIndex': {
      const spec = constructed(positional[1])
      return scanner.operation(
        call,
        sql.createIndex({
          table: t,
          columns: namesOf(entry(spec, 'columnNames')),
          name: nameOf(entry(spec, 'name')),
          unique: truthy(entry(spec, 'isUnique')) === true
        })
      )
    }
    case 'dropIndex':
      return scanner.operation(
        call,
        sql.dropIndex(nameOf(positional[1]) ?? nameOf(entry(constructed(positional[1]), 'name')) ?? '?')
      )
    case 'createForeignKey': {
      const spec = constructed(positional[1])
      return scanner.operation(
        call,
        sql.addForeignKey({
          table: t,
          columns: namesOf(entry(spec, 'columnNames')),
          refTable: nameOf(entry(spec, 'referencedTableName')) ?? '?',
          refColumns: namesOf(entry(spec, 'referencedColumnNames')),
          name: nameOf(entry(spec, 'name'))
        })
      )
    }
    case 'createUniqueConstraint': {
      const spec = constructed(positional[1])
      return scanner.operation(
        call,
        sql.addUnique(t, namesOf(entry(spec, 'columnNames')), nameOf(entry(spec, 'name')))
      )
    }
    case 'createCheckConstraint': {
      const spec = constructed(positional[1])
      return scanner.operation(
        call,
        sql.addCheck(t, nameOf(entry(spec, 'name')), nameOf(entry(spec, 'expression')) ?? 'true')
      )
    }
    case 'createPrimaryKey':
      return scanner.operation(call, sql.addPrimaryKey(t, namesOf(positional[1])))
  }
}

export function readTypeormMigration(text: string): CodeReading {
  const scanner = new CodeScanner(text, 'js', jsRegion(text))
  for (const call of scanner.calls(TYPEORM)) typeorm(scanner, call)
  return scanner.reading()
}
