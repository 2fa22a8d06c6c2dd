import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { addedConstraints, validatedInAddingTransaction } from './constraints.js'

export const addCheckValidated: StatementRule = {
  id: 'add-check-validated',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const table = relationName(node.relation)
    const messages: string[] = []
    for (const { constraint, column } of addedConstraints(node)) {
      // A CHECK on a column added in the same statement has no rows of its own to scan.
      if (constraint.contype !== 'CONSTR_CHECK' || constraint.skip_validation || column) continue
      messages.push(
        `Adds check constraint${constraint.conname ? ` ${constraint.conname}` : ''} on ${table} without NOT VALID.`
      )
    }
    for (const { name, constraint } of validatedInAddingTransaction(node, context))
      if (constraint.contype === 'CONSTR_CHECK')
        messages.push(
          `Validates check constraint ${name} in the transaction that added it NOT VALID: the ACCESS EXCLUSIVE lock of the ADD is held through the scan.`
        )
    return messages
  }
}
