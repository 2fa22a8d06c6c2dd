import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { WITH_KINDS, withStatements } from './data-modifying.js'

export const deleteWithoutWhere: StatementRule = {
  id: 'delete-without-where',
  kinds: WITH_KINDS,
  check({ kind, node }) {
    const messages: string[] = []
    for (const [inner, stmt] of withStatements(kind, node))
      if (inner === 'DeleteStmt' && !stmt.whereClause)
        messages.push(
          `Deletes every row of ${relationName(stmt.relation)} (no WHERE)${stmt === node ? '' : ' in a WITH clause'}.`
        )
    return messages
  }
}
