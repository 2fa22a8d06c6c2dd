import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { addedConstraints, validatedInAddingTransaction } from './constraints.js'

export const addForeignKeyValidated: StatementRule = {
  id: 'add-foreign-key-validated',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const table = relationName(node.relation)
    const messages: string[] = []
    for (const { constraint, column } of addedConstraints(node)) {
      if (constraint.contype !== 'CONSTR_FOREIGN' || constraint.skip_validation) continue
      messages.push(
        column
          ? `Adds ${table}.${column} REFERENCES ${relationName(constraint.pktable)} and validates it while blocking writes.`
          : `Adds foreign key${constraint.conname ? ` ${constraint.conname}` : ''} on ${table} without NOT VALID.`
      )
    }
    for (const { name, constraint } of validatedInAddingTransaction(node, context))
      if (constraint.contype === 'CONSTR_FOREIGN')
        messages.push(
          `Validates foreign key ${name} in the transaction that added it NOT VALID: the lock of the ADD is held through the scan.`
        )
    return messages
  }
}
