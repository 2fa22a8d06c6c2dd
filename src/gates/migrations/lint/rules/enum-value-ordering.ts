import { lastName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const enumValueOrdering: StatementRule = {
  id: 'enum-value-ordering',
  kinds: ['AlterEnumStmt'],
  check: ({ node }) =>
    node.newVal !== undefined && !node.oldVal && node.newValNeighbor === undefined
      ? `Adds '${node.newVal}' to enum ${lastName(node.typeName)} without BEFORE or AFTER: it sorts last.`
      : undefined
}
