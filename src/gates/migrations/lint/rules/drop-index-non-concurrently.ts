import type { StatementRule } from '../rule.js'
import { dropTargets } from './drops.js'

export const dropIndexNonConcurrently: StatementRule = {
  id: 'drop-index-non-concurrently',
  kinds: ['DropStmt'],
  check({ node }) {
    if (node.removeType !== 'OBJECT_INDEX' || node.concurrent) return undefined
    return `Drops index ${dropTargets(node)
      .map(t => t.name)
      .join(', ')} without CONCURRENTLY.`
  }
}
