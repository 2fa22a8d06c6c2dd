import type { Operation } from './operations.js'

/**
 * The `operations` input: operationIds, `tag:<name>`, paths (`*` matches one segment) or `METHOD /path`;
 * `!` excludes. No includes means every operation.
 */
export interface OperationFilter {
  include: string[]
  exclude: string[]
}

export function parseOperationFilter(items: string[]): OperationFilter {
  const filter: OperationFilter = { include: [], exclude: [] }
  for (const item of items) {
    if (item.startsWith('!')) filter.exclude.push(item.slice(1).trim())
    else filter.include.push(item)
  }
  return filter
}

export function selectOperations(
  operations: Operation[],
  filter: OperationFilter
): { selected: Operation[]; unmatched: string[] } {
  const used = new Set<string>()
  const selected = operations.filter(op => {
    const hits = filter.include.filter(token => matches(op, token))
    for (const token of hits) used.add(token)
    const included = filter.include.length === 0 || hits.length > 0
    return included && !filter.exclude.some(token => matches(op, token))
  })
  return { selected, unmatched: filter.include.filter(token => !used.has(token)) }
}

function matches(op: Operation, token: string): boolean {
  if (token.startsWith('tag:')) return op.tags.includes(token.slice(4).trim())
  const methodPath = token.match(/^([A-Za-z]+)\s+(\/.*)$/)
  if (methodPath) return op.method === methodPath[1]!.toLowerCase() && pathMatches(op.path, methodPath[2]!)
  if (token.startsWith('/')) return pathMatches(op.path, token)
  return op.operationId === token
}

function pathMatches(path: string, pattern: string): boolean {
  if (!pattern.includes('*')) return path === pattern
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`
  )
  return regex.test(path)
}
