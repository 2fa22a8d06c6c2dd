import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { columnConstraint } from './columns.js'

export const addStoredGeneratedColumn: StatementRule = {
  id: 'add-stored-generated-column',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    return context.commands
      .filter(c => c.subtype === 'AT_AddColumn' && columnConstraint(c.def?.ColumnDef, 'CONSTR_GENERATED'))
      .map(
        c =>
          `Adds generated column ${relationName(node.relation)}.${c.def.ColumnDef.colname} STORED; every row is computed while the table is locked.`
      )
  }
}
