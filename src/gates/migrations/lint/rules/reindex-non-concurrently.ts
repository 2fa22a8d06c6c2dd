import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { hasOption } from './concurrently-in-transaction.js'

export const reindexNonConcurrently: StatementRule = {
  id: 'reindex-non-concurrently',
  kinds: ['ReindexStmt'],
  check({ node }) {
    if (hasOption(node.params, 'concurrently')) return undefined
    const what = String(node.kind ?? '')
      .replace(/^REINDEX_OBJECT_/, '')
      .toLowerCase()
    return `Reindexes ${what} ${node.relation ? relationName(node.relation) : (node.name ?? '')} without CONCURRENTLY; writes are blocked while it rebuilds.`.replace(
      /\s+;/,
      ';'
    )
  }
}
