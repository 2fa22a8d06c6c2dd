import type { ResultBlock } from '../../types.js'
import type { ApiChange } from './diff.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', off: '➖', info: 'ℹ️' }
const MAX_LINES = 200

/** The API changelog for the summary: breaking changes first, then everything else. */
export function changelogBlocks(changes: ApiChange[], baseName: string, headName: string): ResultBlock[] {
  if (changes.length === 0)
    return [{ kind: 'text', text: `No API changes between ${baseName} and ${headName}.` }]
  const breaking = changes.filter(c => c.severity === 'error' || c.severity === 'warning')
  const other = changes.filter(c => !(c.severity === 'error' || c.severity === 'warning'))
  const blocks: ResultBlock[] = [{ kind: 'text', text: `Comparing ${baseName} → ${headName}.` }]
  const list = (title: string, items: ApiChange[]) => {
    if (items.length === 0) return
    blocks.push({ kind: 'text', text: `${title} (${items.length})` })
    const lines = items
      .slice(0, MAX_LINES)
      .map(change => `${ICON[change.severity]} ${change.rule}: ${change.message}`)
    if (items.length > MAX_LINES) lines.push(`… and ${items.length - MAX_LINES} more (see the JSON report)`)
    blocks.push({ kind: 'list', items: lines })
  }
  list('Breaking changes', breaking)
  list('Other changes', other)
  return blocks
}
