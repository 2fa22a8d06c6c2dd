import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const renameTable: StatementRule = {
  id: 'rename-table',
  kinds: ['RenameStmt'],
  check({ node }, context) {
    if (node.renameType !== 'OBJECT_TABLE' || !context.existing(node.relation)) return undefined
    // Expand/contract: the old name is kept as a view over the new table (in the same schema: a view of
    // that name elsewhere is not what the running version's queries resolve to).
    if (context.viewCreatedLater(node.relation)) return undefined
    const table = relationName(node.relation)
    return `Renames table ${table} to ${node.newname}; the running version still uses ${table}.`
  }
}
