import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const detachPartitionNonConcurrently: StatementRule = {
  id: 'detach-partition-non-concurrently',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    return context.commands
      .filter(c => c.subtype === 'AT_DetachPartition' && !c.def?.PartitionCmd?.concurrent)
      .map(
        c =>
          `Detaches partition ${relationName(c.def?.PartitionCmd?.name)} from ${relationName(node.relation)} under an ACCESS EXCLUSIVE lock.`
      )
  }
}
