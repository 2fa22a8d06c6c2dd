import { alterCommands } from '../context.js'
import type { SqlStatement } from '../../sql/parse.js'
import type { StatementRule } from '../rule.js'
import { dropTargets } from './drops.js'

/** What the statement does CONCURRENTLY, if it does. */
function concurrentOperation({ kind, node }: SqlStatement): string | undefined {
  if (kind === 'IndexStmt' && node.concurrent)
    return `CREATE INDEX CONCURRENTLY${node.idxname ? ` ${node.idxname}` : ''}`
  if (kind === 'DropStmt' && node.removeType === 'OBJECT_INDEX' && node.concurrent)
    return `DROP INDEX CONCURRENTLY ${dropTargets(node)
      .map(t => t.name)
      .join(', ')}`
  if (kind === 'ReindexStmt' && hasOption(node.params, 'concurrently')) return 'REINDEX CONCURRENTLY'
  if (kind === 'AlterTableStmt' && alterCommands(node).some(c => c.def?.PartitionCmd?.concurrent))
    return 'DETACH PARTITION CONCURRENTLY'
  return undefined
}

export function hasOption(options: unknown, name: string): boolean {
  return ((options ?? []) as { DefElem?: { defname?: string } }[]).some(o => o.DefElem?.defname === name)
}

export const concurrentlyInTransaction: StatementRule = {
  id: 'concurrently-in-transaction',
  kinds: ['IndexStmt', 'DropStmt', 'ReindexStmt', 'AlterTableStmt'],
  check(statement, context) {
    const what = concurrentOperation(statement)
    if (!what || statement.outsideTransaction) return undefined
    if (context.explicitBegin)
      return `${what} runs inside the BEGIN block opened earlier in this file and will fail.`
    if (context.toolTransactionOpen)
      return `${what} runs inside the transaction this tool wraps the migration in, and will fail.`
    return undefined
  }
}
