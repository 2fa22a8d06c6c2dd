/**
 * SQL for the schema operations of code migrations: what the tool sends for `remove_column`, `RemoveField`,
 * `op.drop_column`…, written so the SQL rules judge them as they judge the tool's own SQL. Only what the
 * rules read is reproduced (names, NOT NULL, defaults, CONCURRENTLY, NOT VALID); column types where known.
 */

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A table name, schema-qualified when written `schema.table`. */
export function table(name: string): string {
  return name.split('.').map(ident).join('.')
}

export function columns(names: string[]): string {
  return names.map(ident).join(', ')
}

export interface ColumnSpec {
  type?: string
  notNull?: boolean
  /** SQL of the default expression (already a literal or a raw expression). */
  defaultSql?: string
  primaryKey?: boolean
  unique?: boolean
  references?: { table: string; column?: string }
}

/** A literal value as a SQL constant. */
export function constant(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return `'${value.replace(/'/g, "''")}'`
}

export const sql = {
  createTable: (t: string): string => `CREATE TABLE ${table(t)} ()`,
  dropTable: (t: string, ifExists = false): string => `DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${table(t)}`,
  renameTable: (from: string, to: string): string =>
    `ALTER TABLE ${table(from)} RENAME TO ${ident(to.split('.').pop()!)}`,
  dropColumn: (t: string, c: string): string => `ALTER TABLE ${table(t)} DROP COLUMN ${ident(c)}`,
  renameColumn: (t: string, from: string, to: string): string =>
    `ALTER TABLE ${table(t)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`,
  changeType: (t: string, c: string, type: string): string =>
    `ALTER TABLE ${table(t)} ALTER COLUMN ${ident(c)} TYPE ${type}`,
  setNotNull: (t: string, c: string): string =>
    `ALTER TABLE ${table(t)} ALTER COLUMN ${ident(c)} SET NOT NULL`,
  dropNotNull: (t: string, c: string): string =>
    `ALTER TABLE ${table(t)} ALTER COLUMN ${ident(c)} DROP NOT NULL`,
  addColumn(t: string, c: string, spec: ColumnSpec): string {
    const parts = [`ALTER TABLE ${table(t)} ADD COLUMN ${ident(c)} ${spec.type ?? 'text'}`]
    if (spec.notNull) parts.push('NOT NULL')
    if (spec.defaultSql !== undefined) parts.push(`DEFAULT ${spec.defaultSql}`)
    if (spec.primaryKey) parts.push('PRIMARY KEY')
    if (spec.unique) parts.push('UNIQUE')
    if (spec.references)
      parts.push(
        `REFERENCES ${table(spec.references.table)}${spec.references.column ? ` (${ident(spec.references.column)})` : ''}`
      )
    return parts.join(' ')
  },
  createIndex({
    table: t,
    columns: cols,
    name,
    unique = false,
    concurrently = false
  }: {
    table: string
    columns: string[]
    name?: string
    unique?: boolean
    concurrently?: boolean
  }): string {
    const indexName = name ?? `${t.split('.').pop()}_${cols.join('_')}_idx`
    return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${ident(indexName)} ON ${table(t)} (${columns(cols.length ? cols : ['?'])})`
  },
  dropIndex: (name: string, concurrently = false): string =>
    `DROP INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${table(name)}`,
  addForeignKey({
    table: t,
    columns: cols,
    refTable,
    refColumns = ['id'],
    name,
    validate = true
  }: {
    table: string
    columns: string[]
    refTable: string
    refColumns?: string[]
    name?: string
    validate?: boolean
  }): string {
    return `ALTER TABLE ${table(t)} ADD CONSTRAINT ${ident(name ?? `fk_${t.split('.').pop()}_${cols.join('_')}`)} FOREIGN KEY (${columns(cols)}) REFERENCES ${table(refTable)} (${columns(refColumns)})${validate ? '' : ' NOT VALID'}`
  },
  addUnique: (t: string, cols: string[], name?: string): string =>
    `ALTER TABLE ${table(t)} ADD CONSTRAINT ${ident(name ?? `${t.split('.').pop()}_${cols.join('_')}_key`)} UNIQUE (${columns(cols)})`,
  addPrimaryKey: (t: string, cols: string[]): string =>
    `ALTER TABLE ${table(t)} ADD PRIMARY KEY (${columns(cols)})`,
  addCheck: (t: string, name: string | undefined, expression: string, validate = true): string =>
    `ALTER TABLE ${table(t)} ADD CONSTRAINT ${ident(name ?? `${t.split('.').pop()}_check`)} CHECK (${expression})${validate ? '' : ' NOT VALID'}`,
  validateConstraint: (t: string, name: string): string =>
    `ALTER TABLE ${table(t)} VALIDATE CONSTRAINT ${ident(name)}`
}

/** Column types of the tools' vocabularies mapped to PostgreSQL's (unknown ones stay as written). */
const TYPES: Record<string, string> = {
  string: 'varchar',
  char: 'char',
  text: 'text',
  integer: 'integer',
  int: 'integer',
  bigint: 'bigint',
  biginteger: 'bigint',
  smallint: 'smallint',
  smallinteger: 'smallint',
  boolean: 'boolean',
  bool: 'boolean',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  date: 'date',
  time: 'time',
  decimal: 'numeric',
  numeric: 'numeric',
  float: 'float8',
  double: 'float8',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  binary: 'bytea',
  serial: 'serial',
  bigserial: 'bigserial',
  increments: 'serial',
  bigincrements: 'bigserial',
  primary_key: 'bigserial',
  charfield: 'varchar',
  textfield: 'text',
  integerfield: 'integer',
  bigintegerfield: 'bigint',
  booleanfield: 'boolean',
  datetimefield: 'timestamptz',
  datefield: 'date',
  decimalfield: 'numeric',
  floatfield: 'float8',
  jsonfield: 'jsonb',
  uuidfield: 'uuid',
  autofield: 'serial',
  bigautofield: 'bigserial',
  emailfield: 'varchar',
  slugfield: 'varchar',
  urlfield: 'varchar',
  positiveintegerfield: 'integer',
  foreignkey: 'bigint',
  character: 'varchar',
  'character varying': 'varchar',
  varchar: 'varchar'
}

/** A PostgreSQL type for a tool's type name, with a length when given (`string` + 255 → `varchar(255)`). */
export function sqlType(name: string | undefined, length?: string): string {
  if (!name) return 'text'
  const key = name.toLowerCase().replace(/^(sa|sqlalchemy|models|sequelize|datatypes)\./, '')
  const mapped = TYPES[key] ?? (/^[a-z][a-z0-9 ]*$/.test(key) ? key : 'text')
  return length && /^\d+$/.test(length) && (mapped === 'varchar' || mapped === 'char' || mapped === 'numeric')
    ? `${mapped}(${length})`
    : mapped
}
