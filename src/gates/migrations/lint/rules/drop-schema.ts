import type { StatementRule } from '../rule.js'
import { dropTargets } from './drops.js'

export const dropSchema: StatementRule = {
  id: 'drop-schema',
  kinds: ['DropStmt'],
  check({ node }) {
    if (node.removeType !== 'OBJECT_SCHEMA') return undefined
    return `Drops schema ${dropTargets(node)
      .map(t => t.name)
      .join(', ')}${node.behavior === 'DROP_CASCADE' ? ' with CASCADE' : ''}.`
  }
}
