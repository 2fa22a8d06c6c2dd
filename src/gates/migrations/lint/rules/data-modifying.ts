import type { Node } from '../../sql/parse.js'

const DATA_MODIFYING = ['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']

/**
 * The statement itself and every statement in its WITH clauses (data-modifying CTEs run whatever the outer
 * query does with their result), depth first: `[kind, node]`.
 */
export function* withStatements(kind: string, node: Node): Generator<[string, Node]> {
  yield [kind, node]
  for (const cte of (node.withClause?.ctes ?? []) as Node[]) {
    const query = cte.CommonTableExpr?.ctequery as Node | undefined
    const inner = query && Object.keys(query)[0]
    if (inner && DATA_MODIFYING.includes(inner)) yield* withStatements(inner, query[inner] as Node)
  }
}

export const WITH_KINDS = DATA_MODIFYING
