import type { ResultBlock } from '../../types.js'
import type { ApiChange } from './diff/index.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', off: '➖', info: 'ℹ️' }
const MAX_LINES = 200

/** The API changelog for the summary: breaking changes first, then everything else. */
export function changelogBlocks(changes: ApiChange[], baseName: string, headName: string): ResultBlock[] {
  if (changes.length === 0)
    return [{ kind: 'text', text: `No API changes between ${baseName} and ${headName}.` }]
  const reported = (c: ApiChange) => (c.severity === 'error' || c.severity === 'warning') && !c.ignoredBy
  const breaking = changes.filter(reported)
  const accepted = changes.filter(c => c.ignoredBy)
  const other = changes.filter(c => !reported(c) && !c.ignoredBy)
  const blocks: ResultBlock[] = [{ kind: 'text', text: `Comparing ${baseName} → ${headName}.` }]
  const list = (title: string, items: ApiChange[]) => {
    if (items.length === 0) return
    blocks.push({ kind: 'text', text: `${title} (${items.length})` })
    const lines = items
      .slice(0, MAX_LINES)
      .map(
        change =>
          `${change.ignoredBy ? '✔️' : ICON[change.severity]} ${change.rule}: ${change.message}${change.ignoredBy ? ` (accepted by ${change.ignoredBy})` : ''}`
      )
    if (items.length > MAX_LINES) lines.push(`… and ${items.length - MAX_LINES} more (see the JSON report)`)
    blocks.push({ kind: 'list', items: lines })
  }
  list('Breaking changes', breaking)
  list('Accepted breaking changes', accepted)
  list('Other changes', other)
  return blocks
}
