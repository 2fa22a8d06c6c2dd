import { columnType, relationKey, relationName, type ColumnType } from '../context.js'
import type { StatementRule } from '../rule.js'

const VARCHAR = new Set(['varchar', 'character varying'])
/** Target types a change to may need no rewrite (depending on the old type). */
const CANDIDATE_TARGETS = new Set(['text', 'varchar', 'character varying', 'numeric'])

/**
 * Type changes PostgreSQL makes without rewriting the table or rejecting a value (strong_migrations' list):
 * a varchar gets longer or loses its limit, becomes text; numeric gets more precision at the same scale.
 */
export function changeWithoutRewrite(from: ColumnType, to: ColumnType): boolean {
  if (from.arrayBounds !== to.arrayBounds) return false
  if (VARCHAR.has(from.name)) {
    if (to.name === 'text') return true
    if (VARCHAR.has(to.name))
      return (
        to.modifiers.length === 0 || (from.modifiers.length > 0 && to.modifiers[0]! >= from.modifiers[0]!)
      )
  }
  if (from.name === 'text' && to.name === 'text') return true
  if (from.name === 'numeric' && to.name === 'numeric') {
    if (to.modifiers.length === 0) return true
    if (from.modifiers.length === 0) return false
    return to.modifiers[0]! >= from.modifiers[0]! && (to.modifiers[1] ?? 0) === (from.modifiers[1] ?? 0)
  }
  return false
}

export const changeColumnType: StatementRule = {
  id: 'change-column-type',
  kinds: ['AlterTableStmt'],
  check({ node }, context) {
    if (!context.altersExistingTable) return undefined
    const messages: string[] = []
    for (const c of context.commands) {
      if (c.subtype !== 'AT_AlterColumnType') continue
      const from = context.declaredType(node.relation, String(c.name))
      const to = columnType(c.def?.ColumnDef?.typeName)
      const using = Boolean(c.def?.ColumnDef?.raw_default)
      if (from && !using && changeWithoutRewrite(from, to)) continue
      messages.push(`Changes the type of ${relationName(node.relation)}.${c.name}.`)
      // The old type may be declared by an earlier migration: the gate looks there after linting every file.
      if (!from && !using && CANDIDATE_TARGETS.has(to.name))
        context.typeChanges.push({
          index: context.index,
          table: relationKey(node.relation),
          column: String(c.name).toLowerCase(),
          to
        })
    }
    return messages
  }
}
