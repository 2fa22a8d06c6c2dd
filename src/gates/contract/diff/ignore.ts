import { FileError } from '../../../errors.js'
import type { ApiChange } from './context.js'

/** One line of an oasdiff-style ignore file (`err-ignore`, `warn-ignore`). */
interface IgnoreLine {
  number: number
  text: string
  /** The first field starting with `/`, or undefined for `components` lines. */
  path: string | undefined
}

const MAX_IGNORE_LINES = 10_000

/**
 * Parses an ignore file in oasdiff's format: any text file whose lines name a method and a path ("GET /pets
 * removed the success response with the status '200'"), in any case and order, with any extra text
 * (Markdown bullets, dates). Lines without a path are ignored, as in oasdiff.
 */
export function parseIgnoreFile(text: string, display: string): IgnoreLine[] {
  const lines = text.split('\n')
  if (lines.length > MAX_IGNORE_LINES)
    throw new FileError(
      `has ${lines.length} lines; an ignore file may have at most ${MAX_IGNORE_LINES}`,
      display
    )
  const parsed: IgnoreLine[] = []
  lines.forEach((raw, index) => {
    const text = raw.toLowerCase().trim()
    const path = text.split(/\s+/).find(field => field.startsWith('/'))
    if (path) parsed.push({ number: index + 1, text, path })
  })
  return parsed
}

/**
 * Whether an ignore line accepts a change. Like oasdiff, the line must contain the change's method and
 * path; then it must name the change: our rule id, our message, or (for files written for oasdiff, whose
 * sentences differ from ours) every quoted name in the line (`'200'`, `` `limit` ``) must appear in ours.
 */
export function ignoreMatches(line: IgnoreLine, change: ApiChange): boolean {
  if (!change.method || !change.path) return false
  const path = change.path.toLowerCase()
  if (line.path !== path && line.path !== path.replace(/\{[^}]*\}/g, '{}')) return false
  const method = change.method.toLowerCase()
  const words = line.text.split(/\s+/)
  if (!words.includes(method) && !words.includes(`${method}:`)) return false
  const message = change.message.toLowerCase()
  if (line.text.includes(change.rule) || line.text.includes(message)) return true
  const quoted = [...line.text.matchAll(/['`"]([^'`"]+)['`"]/g)].map(match => match[1]!)
  if (quoted.length === 0) return false
  return quoted.every(
    name => message.includes(`'${name}'`) || new RegExp(`(^|[^\\w{])${escape(name)}([^\\w}]|$)`).test(message)
  )
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Marks the changes an ignore file accepts (they stay in the changelog, as accepted). */
export function applyIgnoreFile(
  changes: ApiChange[],
  level: 'error' | 'warning',
  lines: IgnoreLine[],
  display: string
): void {
  for (const change of changes) {
    if (change.severity !== level || change.ignoredBy) continue
    const line = lines.find(candidate => ignoreMatches(candidate, change))
    if (line) change.ignoredBy = `${display}:${line.number}`
  }
}
