import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { columnConstraint, isSerial } from './columns.js'

export const addColumnNotNullWithoutDefault: StatementRule = {
  id: 'add-column-not-null-without-default',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const messages: string[] = []
    for (const c of context.commands) {
      if (c.subtype !== 'AT_AddColumn') continue
      const column = c.def?.ColumnDef
      const has = (type: string): boolean => columnConstraint(column, type) !== undefined
      const required = has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY')
      const filled =
        has('CONSTR_DEFAULT') || has('CONSTR_GENERATED') || has('CONSTR_IDENTITY') || isSerial(column)
      if (required && !filled)
        messages.push(
          `Adds NOT NULL column ${relationName(node.relation)}.${column.colname} without a default; inserts from the running version fail.`
        )
    }
    return messages
  }
}
