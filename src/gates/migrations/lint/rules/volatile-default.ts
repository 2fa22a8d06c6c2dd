import type { Node } from '../../sql/parse.js'
import { lastName, relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { NON_VOLATILE_FUNCTIONS } from '../non-volatile-functions.js'
import { columnConstraint, isSerial } from './columns.js'

/** Expression nodes that are evaluated once whatever they contain (given non-volatile operands). */
const TRANSPARENT = new Set([
  'A_Const',
  'TypeCast',
  'A_Expr',
  'BoolExpr',
  'SQLValueFunction',
  'A_ArrayExpr',
  'RowExpr',
  'CoalesceExpr',
  'MinMaxExpr',
  'NullTest',
  'BooleanTest',
  'CaseExpr',
  'CaseWhen',
  'CollateClause',
  'TypeName',
  'String',
  'Integer',
  'Float',
  'Boolean',
  'List'
])

/**
 * Whether a DEFAULT is volatile, squawk's way: only constants, operators and built-in functions that are never
 * volatile are safe; any other function (a user-defined one included) or node (a sub-query…) is volatile.
 */
export function isVolatile(expression: unknown): boolean {
  if (!expression || typeof expression !== 'object') return false
  if (Array.isArray(expression)) return expression.some(isVolatile)
  for (const [key, value] of Object.entries(expression as Node)) {
    if (key === 'FuncCall') {
      const call = value as Node
      const names = (call.funcname ?? []) as Node[]
      const schema = names.length > 1 ? String(names[0]!.String?.sval) : 'pg_catalog'
      if (schema !== 'pg_catalog' || !NON_VOLATILE_FUNCTIONS.has(lastName(names))) return true
      if (isVolatile(call.args)) return true
    } else if (/^[A-Z]/.test(key)) {
      if (!TRANSPARENT.has(key)) return true
      if (isVolatile(value)) return true
    } else if (value && typeof value === 'object' && isVolatile(value)) return true
  }
  return false
}

export const volatileDefault: StatementRule = {
  id: 'volatile-default',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const messages: string[] = []
    for (const c of context.commands) {
      if (c.subtype !== 'AT_AddColumn') continue
      const column = c.def?.ColumnDef as Node
      const fallback = columnConstraint(column, 'CONSTR_DEFAULT')
      if ((fallback && isVolatile(fallback.raw_expr)) || isSerial(column))
        messages.push(
          `Adds ${relationName(node.relation)}.${column.colname} with a volatile default; the whole table is rewritten.`
        )
    }
    return messages
  }
}
