import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const createIndexNonConcurrently: StatementRule = {
  id: 'create-index-non-concurrently',
  kinds: ['IndexStmt'],
  check({ node }, context) {
    if (node.concurrent || !context.existing(node.relation)) return undefined
    const index = node.idxname ? `index ${node.idxname}` : 'an index'
    return `Creates ${index} on ${relationName(node.relation)} without CONCURRENTLY; writes are blocked while it builds.`
  }
}
