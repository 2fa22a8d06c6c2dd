import type { Node } from '../../sql/parse.js'
import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const truncate: StatementRule = {
  id: 'truncate',
  kinds: ['TruncateStmt'],
  check: ({ node }) =>
    `Truncates ${((node.relations ?? []) as Node[]).map(r => relationName(r.RangeVar)).join(', ')}${node.behavior === 'DROP_CASCADE' ? ' with CASCADE' : ''}.`
}
