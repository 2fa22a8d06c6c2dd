import type { SqlStatement } from '../../sql/parse.js'
import { alterCommands, relationKey, relationName } from '../context.js'
import type { StatementRule } from '../rule.js'

/** What the statement creates or drops without IF [NOT] EXISTS (so a re-run fails on it). */
function fragileParts({ kind, node }: SqlStatement, droppedIfExists: ReadonlySet<string>): string[] {
  switch (kind) {
    case 'CreateStmt':
      return node.if_not_exists ? [] : [`CREATE TABLE ${relationName(node.relation)}`]
    case 'IndexStmt':
      return node.if_not_exists || !node.idxname ? [] : [`CREATE INDEX ${node.idxname}`]
    case 'DropStmt':
      return node.missing_ok ? [] : [`DROP ${String(node.removeType).replace(/^OBJECT_/, '')}`]
    case 'AlterTableStmt': {
      const parts: string[] = []
      for (const c of alterCommands(node)) {
        if (c.subtype === 'AT_AddColumn' && !c.missing_ok)
          parts.push(`ADD COLUMN ${c.def?.ColumnDef?.colname}`)
        if ((c.subtype === 'AT_DropColumn' || c.subtype === 'AT_DropConstraint') && !c.missing_ok)
          parts.push(`${c.subtype === 'AT_DropColumn' ? 'DROP COLUMN' : 'DROP CONSTRAINT'} ${c.name}`)
        const name = c.def?.Constraint?.conname
        if (
          c.subtype === 'AT_AddConstraint' &&
          name &&
          !droppedIfExists.has(`${relationKey(node.relation)}\0${String(name).toLowerCase()}`)
        )
          parts.push(`ADD CONSTRAINT ${name}`)
      }
      return parts
    }
    default:
      return []
  }
}

/**
 * In a migration of several statements that runs outside a transaction, a failure half-way leaves the first
 * statements applied; the re-run then fails on them unless they are guarded.
 */
export const nonRobustStatement: StatementRule = {
  id: 'non-robust-statement',
  kinds: ['CreateStmt', 'IndexStmt', 'DropStmt', 'AlterTableStmt'],
  check(statement, context) {
    if (context.inTransaction || context.meaningfulStatements < 2) return undefined
    const parts = fragileParts(statement, context.droppedIfExists)
    if (!parts.length) return undefined
    return `${parts.join(', ')} without IF ${statement.kind === 'DropStmt' || parts[0]!.startsWith('DROP') ? '' : 'NOT '}EXISTS, outside a transaction: a re-run after a later failure stops here.`
  }
}
