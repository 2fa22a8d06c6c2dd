import { parseSql, type Node } from '../sql/parse.js'
import type { MigrationFile, ToolAdapter } from '../tools/types.js'
import type { RecordedStatement } from './wire.js'

/** One statement a migration sent, as recorded (split when the tool sent several in one Query). */
export interface ReplayedStatement {
  sql: string
  params?: (string | null)[]
  kind: string
  /** Sent inside an explicit transaction on its connection. */
  inTransaction: boolean
  /** CREATE TABLE: the table it creates, `schema.table` lower-cased (`public.` when unqualified). */
  creates?: string
}

export interface ReplayedMigration {
  id: string
  /** A migration of this repository (false: django.contrib's, an installed package's). */
  own: boolean
  statements: ReplayedStatement[]
  /** How the tool ran it: inside one transaction, or statement by statement. */
  transaction: 'wrapped' | 'none'
}

export interface Attribution {
  /** In the order the tool ran them (the repository's own, and those of installed packages). */
  migrations: ReplayedMigration[]
  /** Statements after the last history write: the migration that failed, when the command failed. */
  trailing: ReplayedStatement[]
}

/** Statements that read, or that only steer the session: nothing for the lint, nothing to replay. */
const READ_ONLY_KINDS = new Set([
  'VariableShowStmt',
  'ExplainStmt',
  'ListenStmt',
  'UnlistenStmt',
  'NotifyStmt',
  'DeallocateStmt',
  'DiscardStmt',
  'CheckPointStmt',
  'LockStmt'
])

function constantValue(
  node: Node | undefined,
  params: (string | null)[] | undefined
): string | null | undefined {
  if (!node) return undefined
  if (node.A_Const) {
    const constant = node.A_Const as Node
    if (constant.isnull) return null
    if (constant.sval) return String(constant.sval.sval ?? '')
    if (constant.ival) return String(constant.ival.ival ?? 0)
    if (constant.fval) return String(constant.fval.fval)
    if (constant.boolval) return String(constant.boolval.boolval ?? false)
    return undefined
  }
  if (node.ParamRef) return params?.[Number(node.ParamRef.number) - 1]
  if (node.TypeCast) return constantValue(node.TypeCast.arg as Node, params)
  return undefined
}

/** The rows an INSERT or UPDATE writes to the history table, as column → value (what `applied()` reads). */
function historyRows(
  kind: string,
  node: Node,
  params: (string | null)[] | undefined
): Record<string, unknown>[] {
  if (kind === 'InsertStmt') {
    const columns = ((node.cols ?? []) as Node[]).map(c => String(c.ResTarget?.name ?? ''))
    const lists = (node.selectStmt?.SelectStmt?.valuesLists ?? []) as Node[]
    return lists.map(list => {
      const items = (list.List?.items ?? []) as Node[]
      return Object.fromEntries(columns.map((column, i) => [column, constantValue(items[i], params)]))
    })
  }
  if (kind === 'UpdateStmt') {
    const targets = (node.targetList ?? []) as Node[]
    return [
      Object.fromEntries(
        targets.map(t => [String(t.ResTarget?.name ?? ''), constantValue(t.ResTarget?.val as Node, params)])
      )
    ]
  }
  return []
}

/** Whether a connection is inside a transaction after this transaction-control statement. */
function transactionAfter(verb: string, open: boolean): boolean {
  if (verb === 'TRANS_STMT_BEGIN' || verb === 'TRANS_STMT_START') return true
  if (['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE'].includes(verb)) return false
  // SAVEPOINT, RELEASE, ROLLBACK TO: the transaction goes on.
  return open
}

/** The table a CREATE TABLE (… AS) creates, `schema.table` lower-cased. */
function createdTable(kind: string, node: Node): string | undefined {
  if (kind !== 'CreateStmt' && kind !== 'CreateTableAsStmt') return undefined
  const relation = (node.relation ?? node.into?.rel) as Node | undefined
  if (!relation?.relname) return undefined
  return `${String(relation.schemaname ?? 'public').toLowerCase()}.${String(relation.relname).toLowerCase()}`
}

function targetRelation(kind: string, node: Node): string | undefined {
  const relation = (node.relation ?? (kind === 'CreateStmt' ? node.relation : undefined)) as Node | undefined
  return relation?.relname ? String(relation.relname).toLowerCase() : undefined
}

/**
 * Splits what the tool sent into migrations by the tool's own history-table writes: the statements since the
 * previous write belong to the migration the next write records (every code-migration tool here writes its
 * row after the migration's statements, inside the same transaction when there is one). Writes that name no
 * migration of this repository (django.contrib, installed packages) are kept apart (`own: false`): not linted,
 * but replayed for the drift check, since the database has them too.
 */
export function attributeStatements(
  recorded: RecordedStatement[],
  tool: ToolAdapter,
  files: MigrationFile[],
  historyTable: string
): Attribution {
  const bookkeeping = new Set(
    [historyTable, `${historyTable}_lock`, 'ar_internal_metadata'].map(name => name.toLowerCase())
  )
  const ids = new Set(files.map(f => f.id))
  const inTransaction = new Map<number, boolean>()
  const migrations: ReplayedMigration[] = []
  let current: ReplayedStatement[] = []
  for (const statement of [...recorded].sort((a, b) => a.seq - b.seq)) {
    const parsed = parseSql(statement.sql)
    if (parsed.error) {
      // PostgreSQL itself decides; the lint will say what it cannot parse.
      current.push({ sql: statement.sql, params: statement.params, kind: 'Unparsed', inTransaction: false })
      continue
    }
    for (const { kind, node, text } of parsed.statements) {
      const open = inTransaction.get(statement.connection) ?? false
      if (kind === 'TransactionStmt') {
        inTransaction.set(statement.connection, transactionAfter(String(node.kind), open))
        continue
      }
      if (READ_ONLY_KINDS.has(kind) || (kind === 'SelectStmt' && !node.intoClause)) continue
      const relation = targetRelation(kind, node)
      if (relation && bookkeeping.has(relation)) {
        if (relation !== historyTable.toLowerCase()) continue
        for (const row of historyRows(kind, node, statement.params)) {
          const id = tool.applied([row], files)[0]?.id
          const own = id !== undefined && ids.has(id)
          const wrapped = current.length > 0 && current.every(s => s.inTransaction)
          migrations.push({
            id: own ? id : `external:${JSON.stringify(row)}`,
            own,
            statements: current,
            transaction: wrapped ? 'wrapped' : 'none'
          })
          current = []
        }
        continue
      }
      const creates = createdTable(kind, node)
      current.push({
        sql: text,
        ...(statement.params && { params: statement.params }),
        kind,
        inTransaction: open,
        ...(creates && { creates })
      })
    }
  }
  return { migrations, trailing: current }
}
