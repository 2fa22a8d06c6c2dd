import type { Node, SqlStatement } from '../sql/parse.js'
import type { RuleId } from './rules.js'

/** How the tool runs one migration file: inside a transaction it opens, or statement by statement. */
export type TransactionMode = 'wrapped' | 'none'

export interface StatementViolation {
  rule: RuleId
  message: string
  statement: SqlStatement
}

export interface CheckOptions {
  transaction: TransactionMode
  lockTimeoutRules: boolean
}

/** Functions whose value differs per row: as a column default they force a table rewrite. */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current',
  'statement_timestamp'
])
const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial'])

function relationName(rangeVar: Node | undefined): string {
  if (!rangeVar) return '?'
  return rangeVar.schemaname ? `${rangeVar.schemaname}.${rangeVar.relname}` : String(rangeVar.relname)
}

/** Bare relation name, for matching objects within one migration regardless of schema qualification. */
function bareName(rangeVar: Node | undefined): string {
  return String(rangeVar?.relname ?? '').toLowerCase()
}

function constraintsOf(columnDef: Node): Node[] {
  return ((columnDef.constraints ?? []) as Node[]).map(c => c.Constraint as Node)
}

function typeName(columnDef: Node): string {
  const names = (columnDef.typeName?.names ?? []) as Node[]
  return String(names[names.length - 1]?.String?.sval ?? '').toLowerCase()
}

/** True when an expression calls a volatile function anywhere inside it. */
function callsVolatileFunction(expression: unknown): boolean {
  if (!expression || typeof expression !== 'object') return false
  if (Array.isArray(expression)) return expression.some(callsVolatileFunction)
  const node = expression as Node
  if (node.FuncCall) {
    const names = (node.FuncCall.funcname ?? []) as Node[]
    const name = String(names[names.length - 1]?.String?.sval ?? '').toLowerCase()
    if (VOLATILE_FUNCTIONS.has(name)) return true
  }
  return Object.values(node).some(callsVolatileFunction)
}

/** Statements that take a lock strong enough to queue the application behind them. */
function takesStrongLock(statement: SqlStatement): boolean {
  const { kind, node } = statement
  if (kind === 'AlterTableStmt' || kind === 'RenameStmt' || kind === 'TruncateStmt') return true
  if (kind === 'IndexStmt') return !node.concurrent
  if (kind === 'DropStmt')
    return !node.concurrent && ['OBJECT_TABLE', 'OBJECT_INDEX'].includes(node.removeType)
  return false
}

/**
 * Applies the statement rules to one migration's statements, in order. Rules that only matter for
 * objects that already exist (locks, running readers) skip tables created earlier in the same migration.
 */
export function checkStatements(statements: SqlStatement[], options: CheckOptions): StatementViolation[] {
  const violations: StatementViolation[] = []
  const createdTables = new Set<string>()
  const createdViews = new Set<string>()
  const columnsAddedLater = (index: number, table: string): Set<string> => {
    const added = new Set<string>()
    for (const later of statements.slice(index + 1)) {
      if (later.kind !== 'AlterTableStmt' || bareName(later.node.relation) !== table) continue
      for (const cmd of (later.node.cmds ?? []) as Node[]) {
        const c = cmd.AlterTableCmd as Node
        if (c.subtype === 'AT_AddColumn') added.add(String(c.def?.ColumnDef?.colname).toLowerCase())
      }
    }
    return added
  }
  const viewsCreatedLater = (index: number): Set<string> => {
    const names = new Set<string>()
    for (const later of statements.slice(index + 1))
      if (later.kind === 'ViewStmt') names.add(bareName(later.node.view))
    return names
  }

  let inExplicitTransaction = false
  let lockTimeoutSet = false
  let lockTimeoutReported = false

  statements.forEach((statement, index) => {
    const { kind, node } = statement
    const report = (rule: RuleId, message: string): void => {
      violations.push({ rule, message, statement })
    }
    const existing = (rangeVar: Node | undefined): boolean => !createdTables.has(bareName(rangeVar))

    if (options.lockTimeoutRules && !lockTimeoutSet && !lockTimeoutReported && takesStrongLock(statement)) {
      const target = node.relation ?? node.objects
      if (!node.relation || existing(target)) {
        lockTimeoutReported = true
        report(
          'missing-lock-timeout',
          'Takes a strong lock with no lock_timeout set earlier in this migration.'
        )
      }
    }

    switch (kind) {
      case 'TransactionStmt':
        if (['TRANS_STMT_BEGIN', 'TRANS_STMT_START'].includes(node.kind)) inExplicitTransaction = true
        if (['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE'].includes(node.kind))
          inExplicitTransaction = false
        break
      case 'VariableSetStmt':
        if (String(node.name).toLowerCase() === 'lock_timeout') lockTimeoutSet = true
        break
      case 'CreateStmt':
        createdTables.add(bareName(node.relation))
        break
      case 'ViewStmt':
        createdViews.add(bareName(node.view))
        break
      case 'DropStmt': {
        const objects = ((node.objects ?? []) as Node[]).map(objectName)
        if (node.removeType === 'OBJECT_TABLE') {
          const dropped = objects.filter(name => !createdTables.has(name.split('.').pop()!.toLowerCase()))
          if (dropped.length) report('drop-table', `Drops table ${dropped.join(', ')} and all of its rows.`)
        } else if (node.removeType === 'OBJECT_SCHEMA') {
          report(
            'drop-schema',
            `Drops schema ${objects.join(', ')}${node.behavior === 'DROP_CASCADE' ? ' with CASCADE' : ''}.`
          )
        } else if (node.removeType === 'OBJECT_INDEX') {
          if (node.concurrent) checkConcurrently(`DROP INDEX CONCURRENTLY ${objects.join(', ')}`)
          else
            report('drop-index-non-concurrently', `Drops index ${objects.join(', ')} without CONCURRENTLY.`)
        }
        break
      }
      case 'TruncateStmt':
        report(
          'truncate',
          `Truncates ${((node.relations ?? []) as Node[]).map(r => relationName(r.RangeVar)).join(', ')}.`
        )
        break
      case 'DeleteStmt':
        if (!node.whereClause)
          report('delete-without-where', `Deletes every row of ${relationName(node.relation)} (no WHERE).`)
        break
      case 'UpdateStmt':
        if (!node.whereClause)
          report('update-without-where', `Updates every row of ${relationName(node.relation)} (no WHERE).`)
        break
      case 'RenameStmt': {
        const table = relationName(node.relation)
        if (
          node.renameType === 'OBJECT_COLUMN' &&
          node.relationType === 'OBJECT_TABLE' &&
          existing(node.relation)
        ) {
          // Expand/contract: the old name comes back as a column in the same migration.
          if (!columnsAddedLater(index, bareName(node.relation)).has(String(node.subname).toLowerCase())) {
            report(
              'rename-column',
              `Renames column ${table}.${node.subname} to ${node.newname}; the running version still uses ${node.subname}.`
            )
          }
        } else if (node.renameType === 'OBJECT_TABLE' && existing(node.relation)) {
          // Expand/contract: the old name is kept as a view over the new table.
          if (!viewsCreatedLater(index).has(bareName(node.relation))) {
            report(
              'rename-table',
              `Renames table ${table} to ${node.newname}; the running version still uses ${table}.`
            )
          }
        }
        break
      }
      case 'IndexStmt':
        if (node.concurrent)
          checkConcurrently(`CREATE INDEX CONCURRENTLY${node.idxname ? ` ${node.idxname}` : ''}`)
        else if (existing(node.relation)) {
          report(
            'create-index-non-concurrently',
            `Creates index ${node.idxname ?? ''} on ${relationName(node.relation)} without CONCURRENTLY; writes are blocked while it builds.`.replace(
              'index  on',
              'an index on'
            )
          )
        }
        break
      case 'AlterTableStmt':
        if (node.objtype === 'OBJECT_TABLE' && existing(node.relation)) checkAlterTable(node)
        break
    }

    function checkConcurrently(what: string): void {
      if (inExplicitTransaction)
        report(
          'concurrently-in-transaction',
          `${what} runs inside the BEGIN block opened earlier in this file and will fail.`
        )
      else if (options.transaction === 'wrapped') {
        report(
          'concurrently-in-transaction',
          `${what} runs inside the transaction this tool wraps the migration in, and will fail.`
        )
      }
    }

    function checkAlterTable(alter: Node): void {
      const table = relationName(alter.relation)
      for (const cmd of (alter.cmds ?? []) as Node[]) {
        const c = cmd.AlterTableCmd as Node
        switch (c.subtype) {
          case 'AT_DropColumn':
            report('drop-column', `Drops column ${table}.${c.name} and its data.`)
            break
          case 'AT_AlterColumnType':
            report('change-column-type', `Changes the type of ${table}.${c.name}.`)
            break
          case 'AT_SetNotNull':
            report('set-not-null', `Sets ${table}.${c.name} NOT NULL on an existing table.`)
            break
          case 'AT_AddColumn': {
            const column = c.def?.ColumnDef as Node
            const constraints = constraintsOf(column)
            const has = (type: string): Node | undefined => constraints.find(x => x.contype === type)
            const defaultExpr = has('CONSTR_DEFAULT')
            const generated = has('CONSTR_GENERATED') ?? has('CONSTR_IDENTITY')
            if (
              (has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY')) &&
              !defaultExpr &&
              !generated &&
              !SERIAL_TYPES.has(typeName(column))
            ) {
              report(
                'add-column-not-null-without-default',
                `Adds NOT NULL column ${table}.${column.colname} without a default; inserts from the running version fail.`
              )
            }
            if (
              (defaultExpr && callsVolatileFunction(defaultExpr.raw_expr)) ||
              SERIAL_TYPES.has(typeName(column))
            ) {
              report(
                'volatile-default',
                `Adds ${table}.${column.colname} with a volatile default; the whole table is rewritten.`
              )
            }
            const foreign = has('CONSTR_FOREIGN')
            if (foreign && !foreign.skip_validation) {
              report(
                'add-foreign-key-validated',
                `Adds ${table}.${column.colname} REFERENCES ${relationName(foreign.pktable)} and validates it while blocking writes.`
              )
            }
            if (has('CONSTR_UNIQUE'))
              report(
                'add-unique-constraint',
                `Adds ${table}.${column.colname} UNIQUE, building the index under an ACCESS EXCLUSIVE lock.`
              )
            break
          }
          case 'AT_AddConstraint': {
            const constraint = c.def?.Constraint as Node
            const name = constraint.conname ? ` ${constraint.conname}` : ''
            if (constraint.contype === 'CONSTR_FOREIGN' && !constraint.skip_validation) {
              report('add-foreign-key-validated', `Adds foreign key${name} on ${table} without NOT VALID.`)
            } else if (constraint.contype === 'CONSTR_CHECK' && !constraint.skip_validation) {
              report('add-check-validated', `Adds check constraint${name} on ${table} without NOT VALID.`)
            } else if (constraint.contype === 'CONSTR_UNIQUE' && !constraint.indexname) {
              report(
                'add-unique-constraint',
                `Adds unique constraint${name} on ${table} without USING INDEX.`
              )
            }
            break
          }
        }
      }
    }
  })
  return violations
}

function objectName(object: Node): string {
  // DROP TABLE a.b → List of String; DROP SCHEMA s → String.
  if (object.String) return String(object.String.sval)
  const items = (object.List?.items ?? []) as Node[]
  return items.map(item => String(item.String?.sval)).join('.')
}
