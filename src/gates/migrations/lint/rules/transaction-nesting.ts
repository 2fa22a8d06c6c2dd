import type { StatementRule } from '../rule.js'

const BEGIN = ['TRANS_STMT_BEGIN', 'TRANS_STMT_START']
const END = ['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK']

export const transactionNesting: StatementRule = {
  id: 'transaction-nesting',
  kinds: ['TransactionStmt'],
  check({ node }, context) {
    const wrapped = context.options.transaction === 'wrapped' && context.toolTransactionOpen
    if (BEGIN.includes(node.kind)) {
      if (context.explicitBegin)
        return `BEGIN while the transaction opened at line ${context.explicitBegin.line} is still open: it does not nest.`
      if (wrapped) return 'BEGIN inside the transaction this tool wraps the migration in: it does not nest.'
    }
    if (END.includes(node.kind) && !context.explicitBegin) {
      if (wrapped)
        return 'Ends the transaction this tool wraps the migration in: the statements after it run outside any transaction.'
      if (context.options.transaction === 'none') return 'There is no transaction to end here.'
    }
    return undefined
  }
}
