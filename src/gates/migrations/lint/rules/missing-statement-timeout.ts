import type { StatementRule } from '../rule.js'
import { mayRunLong } from './locks.js'

/** Once per file: the first long-running statement before any `SET statement_timeout`. */
export const missingStatementTimeout: StatementRule = {
  id: 'missing-statement-timeout',
  check(statement, context) {
    if (!context.options.lockTimeoutRules || context.statementTimeoutSet || !mayRunLong(statement))
      return undefined
    if (statement.node.relation && !context.existing(statement.node.relation)) return undefined
    if (!context.once('missing-statement-timeout')) return undefined
    return 'Runs a statement that can take long on a big table with no statement_timeout set earlier in this migration.'
  }
}
