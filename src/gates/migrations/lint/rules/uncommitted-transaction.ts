import type { StatementRule } from '../rule.js'

export const uncommittedTransaction: StatementRule = {
  id: 'uncommitted-transaction',
  kinds: [],
  check: () => undefined,
  finish(context) {
    const begin = context.explicitBegin
    // Inside the tool's own transaction a BEGIN is transaction-nesting; the tool commits at the end.
    if (!begin || context.options.transaction === 'wrapped') return undefined
    return { message: 'The transaction opened here is never committed or rolled back.', statement: begin }
  }
}
