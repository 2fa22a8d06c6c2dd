import { lastName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const alterDomainAddConstraint: StatementRule = {
  id: 'alter-domain-add-constraint',
  kinds: ['AlterDomainStmt'],
  check: ({ node }) =>
    node.subtype === 'C'
      ? `Adds a constraint to domain ${lastName(node.typeName)}, checked against every column of that domain.`
      : undefined
}
