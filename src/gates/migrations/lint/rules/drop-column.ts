import type { StatementRule } from '../rule.js'
import { relationName } from '../context.js'

export const dropColumn: StatementRule = {
  id: 'drop-column',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    return context.commands
      .filter(c => c.subtype === 'AT_DropColumn')
      .map(c => `Drops column ${relationName(node.relation)}.${c.name} and its data.`)
  }
}
