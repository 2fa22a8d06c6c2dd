/**
 * libpg_query's scanner takes time superlinear in nested block comments (`/* /* … *\/ *\/`): 40 KB of them took
 * a second, 400 KB over a minute. Before parsing a text with nested comments, each block comment is replaced by
 * spaces, as many as its UTF-8 bytes (newlines kept), so the parser sees the same tokens at the same byte
 * offsets in linear time. Comments are whitespace to PostgreSQL, so the parse is the same; allow directives are
 * line comments, read from the original text.
 */

const SPACE = 32

function utf8Width(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

function isIdentifierChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36 ||
    code >= 0x80
  )
}

/** End (exclusive) of the quoted literal starting at `at` (`'…'` with `''`, E-strings with `\`, `"…"`). */
function quotedEnd(text: string, at: number, quote: number, backslashEscapes: boolean): number {
  for (let i = at + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (backslashEscapes && ch === 92) i++
    else if (ch === quote) {
      if (text.charCodeAt(i + 1) === quote) i++
      else return i + 1
    }
  }
  return text.length
}

const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y

/**
 * The text with block comments blanked, when it has nested ones; undefined when it has none (the common case:
 * the text is parsed as it is).
 */
export function blankNestedComments(text: string): string | undefined {
  if (!text.includes('/*')) return undefined
  const out: string[] = []
  let nested = false
  let copied = 0
  let i = 0
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    const previous = i > 0 ? text.charCodeAt(i - 1) : SPACE
    if (ch === 39 /* ' */) {
      const escapes =
        (previous === 69 || previous === 101) && !(i > 1 && isIdentifierChar(text.charCodeAt(i - 2)))
      i = quotedEnd(text, i, 39, escapes)
    } else if (ch === 34 /* " */) {
      i = quotedEnd(text, i, 34, false)
    } else if (ch === 36 /* $ */ && !isIdentifierChar(previous)) {
      DOLLAR_TAG.lastIndex = i
      const tag = DOLLAR_TAG.exec(text)
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length)
        i = end === -1 ? text.length : end + tag[0].length
      } else i++
    } else if (ch === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const end = text.indexOf('\n', i)
      i = end === -1 ? text.length : end
    } else if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      let depth = 0
      let j = i
      while (j < text.length) {
        if (text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 42) {
          depth++
          if (depth > 1) nested = true
          j += 2
        } else if (text.charCodeAt(j) === 42 && text.charCodeAt(j + 1) === 47) {
          j += 2
          if (--depth === 0) break
        } else j++
      }
      // Unterminated: left as it is, for the parser to report.
      if (depth > 0) break
      out.push(text.slice(copied, i), blank(text.slice(i, j)))
      copied = j
      i = j
    } else i++
  }
  if (!nested) return undefined
  out.push(text.slice(copied))
  return out.join('')
}

/** Spaces for every UTF-8 byte of the text, newlines kept (so lines and byte offsets stay). */
function blank(comment: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(comment)) return comment.replace(/[^\n]/g, ' ')
  return comment.replace(/[^\n]/gu, c => ' '.repeat(utf8Width(c.codePointAt(0)!)))
}
