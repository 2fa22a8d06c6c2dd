import type { StatementRule } from '../rule.js'
import { alterCommands, relationName } from '../context.js'

export const dropColumn: StatementRule = {
  id: 'drop-column',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (node.objtype !== 'OBJECT_TABLE' || !context.existing(node.relation)) return undefined
    return alterCommands(node)
      .filter(c => c.subtype === 'AT_DropColumn')
      .map(c => `Drops column ${relationName(node.relation)}.${c.name} and its data.`)
  }
}
