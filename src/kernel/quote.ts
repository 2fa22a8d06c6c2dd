/**
 * Echoing user text in an error: one line, bounded. A 100 KB malformed input must come back as a short,
 * recognisable quote, never as the whole input (and never across lines, where it could forge a log line).
 */

/** The default number of characters of user text an error quotes. */
export const QUOTE_MAX_CHARS = 80

/**
 * `text` as a single-quoted, one-line excerpt of at most `max` characters: control characters are escaped
 * (`\n`, `\t`, `\u001b`), and a longer text is cut with the count of what was left out.
 */
export function quoteForError(text: string, max = QUOTE_MAX_CHARS): string {
  const chars = Array.from(text.length > max * 4 ? text.slice(0, max * 4) : text)
  const total = text.length > max * 4 ? Array.from(text).length : chars.length
  const shown = chars.slice(0, max).join('')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  const escaped = shown.replace(/[\u0000-\u001f\u007f\u2028\u2029']/g, escapeChar)
  return total > max ? `'${escaped}…' (${total - max} more characters)` : `'${escaped}'`
}

function escapeChar(char: string): string {
  if (char === '\n') return '\\n'
  if (char === '\r') return '\\r'
  if (char === '\t') return '\\t'
  if (char === "'") return "\\'"
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** `text` cut to `max` characters, saying how much was left out (for messages that may embed user input). */
export function cutText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}
