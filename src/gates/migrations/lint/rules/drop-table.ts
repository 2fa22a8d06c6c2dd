import type { StatementRule } from '../rule.js'
import { dropTargets } from './drops.js'

/** DROP TABLE of a table that existed before this migration. */
export const dropTable: StatementRule = {
  id: 'drop-table',
  kinds: ['DropStmt'],
  check({ node }, context) {
    if (node.removeType !== 'OBJECT_TABLE') return undefined
    const dropped = dropTargets(node).filter(target => context.existing(target.rangeVar))
    if (!dropped.length) return undefined
    return `Drops table ${dropped.map(t => t.name).join(', ')} and all of its rows${node.behavior === 'DROP_CASCADE' ? ', with CASCADE' : ''}.`
  }
}
