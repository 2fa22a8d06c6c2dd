import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { addedConstraints } from './constraints.js'

export const addUniqueConstraint: StatementRule = {
  id: 'add-unique-constraint',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const table = relationName(node.relation)
    return addedConstraints(node)
      .filter(({ constraint }) => constraint.contype === 'CONSTR_UNIQUE' && !constraint.indexname)
      .map(({ constraint, column }) =>
        column
          ? `Adds ${table}.${column} UNIQUE, building the index under an ACCESS EXCLUSIVE lock.`
          : `Adds unique constraint${constraint.conname ? ` ${constraint.conname}` : ''} on ${table} without USING INDEX.`
      )
  }
}
