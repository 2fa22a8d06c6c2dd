import type { Node } from '../../sql/parse.js'
import type { StatementRule } from '../rule.js'
import { WITH_KINDS, withStatements } from './data-modifying.js'

/** Columns assigned more than once in one SET list (array elements and fields, `a[1]`, `a.x`, excepted). */
function duplicates(targets: Node[] | undefined): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const target of targets ?? []) {
    const res = target.ResTarget as Node | undefined
    if (!res?.name || res.indirection?.length) continue
    const name = String(res.name)
    if (seen.has(name)) repeated.add(name)
    seen.add(name)
  }
  return [...repeated]
}

export const duplicateColumnAssignment: StatementRule = {
  id: 'duplicate-column-assignment',
  kinds: WITH_KINDS,
  check({ kind, node }) {
    const messages: string[] = []
    for (const [inner, stmt] of withStatements(kind, node)) {
      const lists =
        inner === 'UpdateStmt'
          ? [stmt.targetList]
          : inner === 'InsertStmt'
            ? [stmt.onConflictClause?.targetList]
            : []
      for (const list of lists)
        for (const column of duplicates(list as Node[] | undefined))
          messages.push(`Assigns column ${column} more than once; PostgreSQL rejects the statement.`)
    }
    return messages
  }
}
