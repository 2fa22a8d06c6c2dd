import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { addedConstraints } from './constraints.js'

export const addPrimaryKey: StatementRule = {
  id: 'add-primary-key',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const table = relationName(node.relation)
    return addedConstraints(node)
      .filter(({ constraint }) => constraint.contype === 'CONSTR_PRIMARY' && !constraint.indexname)
      .map(({ column }) =>
        column
          ? `Adds ${table}.${column} as PRIMARY KEY, building the index under an ACCESS EXCLUSIVE lock.`
          : `Adds a primary key to ${table} without USING INDEX, building the index under an ACCESS EXCLUSIVE lock.`
      )
  }
}
