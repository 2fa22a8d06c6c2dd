import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const renameColumn: StatementRule = {
  id: 'rename-column',
  kinds: ['RenameStmt'],
  check({ node }, context) {
    if (node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE') return undefined
    if (!context.existing(node.relation)) return undefined
    // Expand/contract: the old name comes back as a column later in the same migration.
    if (context.columnAddedLater(node.relation, String(node.subname))) return undefined
    return `Renames column ${relationName(node.relation)}.${node.subname} to ${node.newname}; the running version still uses ${node.subname}.`
  }
}
