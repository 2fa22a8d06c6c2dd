import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const dropNotNull: StatementRule = {
  id: 'drop-not-null',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    return context.commands
      .filter(c => c.subtype === 'AT_DropNotNull')
      .map(
        c =>
          `Drops NOT NULL from ${relationName(node.relation)}.${c.name}; the running version may not expect nulls.`
      )
  }
}
