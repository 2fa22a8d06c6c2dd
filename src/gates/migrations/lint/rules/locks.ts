import { alterCommands } from '../context.js'
import type { SqlStatement } from '../../sql/parse.js'
import { hasOption } from './concurrently-in-transaction.js'

/** Statements that take a lock strong enough to queue the application's queries behind them. */
export function takesStrongLock({ kind, node }: SqlStatement): boolean {
  switch (kind) {
    case 'AlterTableStmt':
      return !alterCommands(node).every(
        c => c.subtype === 'AT_DetachPartition' && c.def?.PartitionCmd?.concurrent
      )
    case 'RenameStmt':
    case 'TruncateStmt':
    case 'ClusterStmt':
    case 'AlterDomainStmt':
      return true
    case 'IndexStmt':
      return !node.concurrent
    case 'ReindexStmt':
      return !hasOption(node.params, 'concurrently')
    case 'VacuumStmt':
      return hasOption(node.options, 'full')
    case 'DropStmt':
      return !node.concurrent && ['OBJECT_TABLE', 'OBJECT_INDEX'].includes(node.removeType)
    default:
      return false
  }
}

/** Statements that can run for long on a big table (a scan, a rewrite, an index build), whatever their lock. */
export function mayRunLong(statement: SqlStatement): boolean {
  const { kind, node } = statement
  if (takesStrongLock(statement)) return true
  if (kind === 'IndexStmt' || kind === 'ReindexStmt') return true
  if (kind === 'UpdateStmt' || kind === 'DeleteStmt') return true
  return kind === 'AlterTableStmt' && alterCommands(node).some(c => c.subtype === 'AT_ValidateConstraint')
}
