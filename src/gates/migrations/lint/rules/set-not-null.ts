import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const setNotNull: StatementRule = {
  id: 'set-not-null',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    return (
      context.commands
        .filter(c => c.subtype === 'AT_SetNotNull')
        // PostgreSQL 12+ proves NOT NULL from a valid CHECK (col IS NOT NULL) and skips the scan.
        .filter(c => !context.hasValidatedNotNullCheck(node.relation, String(c.name)))
        .map(c => `Sets ${relationName(node.relation)}.${c.name} NOT NULL on an existing table.`)
    )
  }
}
