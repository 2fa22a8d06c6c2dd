import type { StatementRule } from '../rule.js'
import { takesStrongLock } from './locks.js'

/** Once per file: the first strong lock taken before any `SET lock_timeout` (on a table that has readers). */
export const missingLockTimeout: StatementRule = {
  id: 'missing-lock-timeout',
  check(statement, context) {
    if (!context.options.lockTimeoutRules || context.lockTimeoutSet || !takesStrongLock(statement))
      return undefined
    if (statement.node.relation && !context.existing(statement.node.relation)) return undefined
    if (!context.once('missing-lock-timeout')) return undefined
    return 'Takes a strong lock with no lock_timeout set earlier in this migration.'
  }
}
