import type { Node } from '../../sql/parse.js'
import { alterCommands } from '../context.js'
import { columnConstraints } from './columns.js'

/** A constraint an ALTER TABLE adds, with the column it comes with (ADD COLUMN … REFERENCES) if any. */
export interface AddedConstraint {
  constraint: Node
  column?: string
}

export function addedConstraints(alter: Node): AddedConstraint[] {
  const added: AddedConstraint[] = []
  for (const c of alterCommands(alter)) {
    if (c.subtype === 'AT_AddConstraint' && c.def?.Constraint) added.push({ constraint: c.def.Constraint })
    if (c.subtype === 'AT_AddColumn')
      for (const constraint of columnConstraints(c.def?.ColumnDef))
        added.push({ constraint, column: String(c.def.ColumnDef.colname) })
  }
  return added
}

/** The constraints of VALIDATE CONSTRAINT commands that were added NOT VALID in the same transaction. */
export function validatedInAddingTransaction(
  alter: Node,
  context: import('../context.js').LintContext
): { name: string; constraint: Node }[] {
  const found: { name: string; constraint: Node }[] = []
  if (!context.inTransaction) return found
  for (const c of alterCommands(alter)) {
    if (c.subtype !== 'AT_ValidateConstraint') continue
    const added = context.notValidConstraint(alter.relation, String(c.name))
    if (added && added.transaction === context.transactionId)
      found.push({ name: String(c.name), constraint: added.constraint })
  }
  return found
}
