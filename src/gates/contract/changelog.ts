import type { ApiChange } from './diff.js'

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', off: '➖', info: 'ℹ️' }
const MAX_LINES = 200

/** The API changelog for the summary: breaking changes first, then everything else. */
export function changelogMarkdown(changes: ApiChange[], baseName: string, headName: string): string {
  if (changes.length === 0) return `No API changes between \`${baseName}\` and \`${headName}\`.`
  const breaking = changes.filter(c => c.severity === 'error' || c.severity === 'warning')
  const other = changes.filter(c => !(c.severity === 'error' || c.severity === 'warning'))
  const lines = [`Comparing \`${baseName}\` → \`${headName}\`.`, '']
  const list = (title: string, items: ApiChange[]) => {
    if (items.length === 0) return
    lines.push(`**${title} (${items.length})**`, '')
    for (const change of items.slice(0, MAX_LINES))
      lines.push(`- ${ICON[change.severity]} \`${change.rule}\` ${escapeMarkdown(change.message)}`)
    if (items.length > MAX_LINES) lines.push(`- … and ${items.length - MAX_LINES} more (see the JSON report)`)
    lines.push('')
  }
  list('Breaking changes', breaking)
  list('Other changes', other)
  return lines.join('\n').trimEnd()
}

function escapeMarkdown(text: string): string {
  return text.replace(/([<>|])/g, '\\$1')
}
