/**
 * Reading migration source code without running it: string literals (with their interpolations), call
 * arguments, and the part of the file that runs on the way up. Ruby, Python and JavaScript/TypeScript share
 * enough of their literal syntax for one small scanner; what differs is passed in as a `Language`.
 */

export type Language = 'ruby' | 'python' | 'js'

/** A string literal's content as SQL: interpolations and bindings replaced by same-length identifiers. */
export interface ReadString {
  /** The SQL text, the same length as the source span [start, end) (so positions map one to one). */
  sql: string
  start: number
  end: number
  /** Offset after the closing quote. */
  after: number
  /** Interpolations or bindings were replaced: a parse failure is "unreadable", not a syntax error. */
  templated: boolean
}

/** A value in a call's argument list, as far as a static reading can tell. */
export type Value =
  | { kind: 'string'; value: string; read: ReadString }
  | { kind: 'symbol'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; entries: Map<string, Value> }
  /** A call or a dotted name (`sa.String(50)`, `Sequelize.STRING`, `models.CharField(max_length=10)`). */
  | { kind: 'call'; name: string; args: Arguments }
  | { kind: 'other'; text: string }

export interface Arguments {
  positional: Value[]
  keywords: Map<string, Value>
  /** Offset of the first character after the closing parenthesis (or the end of a paren-less Ruby call). */
  end: number
}

/** Replaces every character but newlines with spaces (positions stay the source's own). */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ')
}

/** An identifier of exactly `length` characters (at least 1), valid wherever PostgreSQL takes an expression. */
function placeholder(length: number): string {
  return 'x' + '_'.repeat(Math.max(0, length - 1))
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' }

/** Offset after the comment or literal starting at `at`, or undefined when none starts there. */
export function skipNonCode(text: string, at: number, language: Language): number | undefined {
  const ch = text[at]
  if (ch === '#' && language !== 'js') {
    if (language === 'ruby' && text[at + 1] === '{') return undefined
    const end = text.indexOf('\n', at)
    return end === -1 ? text.length : end
  }
  if (language === 'js' && text.startsWith('//', at)) {
    const end = text.indexOf('\n', at)
    return end === -1 ? text.length : end
  }
  if (language === 'js' && text.startsWith('/*', at)) {
    const end = text.indexOf('*/', at + 2)
    return end === -1 ? text.length : end + 2
  }
  const literal = readString(text, at, language)
  return literal?.after
}

/**
 * Reads the string literal at `at` (quote included): `'…'`, `"…"`, triple-quoted Python strings, JS template
 * literals, Python prefixes (r, f, b), and Ruby `%q{…}`/`%Q{…}`. Interpolations (`#{…}`, `${…}`, f-string `{…}`)
 * become identifiers of the same length; escapes are decoded only where that keeps the length (a `\'` becomes
 * `''`-free text by keeping both characters). Undefined when no literal starts at `at`.
 */
export function readString(text: string, at: number, language: Language): ReadString | undefined {
  let i = at
  let prefix = ''
  if (language === 'python') {
    const match = /^[rRfFbBuU]{1,2}(?=['"])/.exec(text.slice(at, at + 3))
    if (match) {
      prefix = match[0].toLowerCase()
      i += match[0].length
    }
  }
  if (language === 'ruby' && /^%[qQ]?[{([<|!]/.test(text.slice(at, at + 3))) {
    const open = text[at + 1] === 'q' || text[at + 1] === 'Q' ? text[at + 2]! : text[at + 1]!
    const close = CLOSERS[open] ?? (open === '<' ? '>' : open)
    const start = text.indexOf(open, at) + 1
    const end = findClosing(text, start, open, close)
    if (end === undefined) return undefined
    return interpolate(text, start, end, end + 1, language, text[at + 1] !== 'q')
  }
  const quote3 = text.slice(i, i + 3)
  const triple = language === 'python' && (quote3 === '"""' || quote3 === "'''")
  const quote = triple ? quote3 : text[i]
  if (quote !== '"' && quote !== "'" && !(language === 'js' && quote === '`')) return undefined
  const start = i + quote.length
  for (let j = start; j < text.length; j++) {
    if (text[j] === '\\' && !prefix.includes('r')) {
      j++
      continue
    }
    if (!triple && quote !== '`' && text[j] === '\n') return undefined
    if (text.startsWith(quote, j)) {
      const interpolating =
        (language === 'ruby' && quote === '"') || (language === 'js' && quote === '`') || prefix.includes('f')
      return interpolate(text, start, j, j + quote.length, language, interpolating, prefix.includes('f'))
    }
  }
  return undefined
}

function findClosing(text: string, from: number, open: string, close: string): number | undefined {
  let depth = 1
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') j++
    else if (text[j] === close && --depth === 0) return j
    else if (text[j] === open && open !== close) depth++
  }
  return undefined
}

/** The literal's content with interpolations replaced (same length), and whether there were any. */
function interpolate(
  text: string,
  start: number,
  end: number,
  after: number,
  language: Language,
  interpolating: boolean,
  fString = false
): ReadString {
  let sql = text.slice(start, end)
  let templated = false
  if (interpolating) {
    const pattern = language === 'ruby' ? /#\{[^}]*\}/g : language === 'js' ? /\$\{[^}]*\}/g : undefined
    if (pattern)
      sql = sql.replace(pattern, m => {
        templated = true
        return placeholder(m.length)
      })
    if (fString)
      sql = sql.replace(/\{\{|\}\}|\{[^{}]*\}/g, m => {
        if (m === '{{' || m === '}}') return m[0] + ' '
        templated = true
        return placeholder(m.length)
      })
  }
  // Escaped quotes and backslashes keep their length as two characters PostgreSQL reads as one quote's worth.
  sql = sql.replace(/\\(['"`\\])/g, (_m, c: string) => (c === "'" ? "''" : ` ${c}`))
  return { sql, start, end, after, templated }
}

/** Binding markers of query builders, replaced by same-length identifiers: knex `?`/`??`, `:name`, `%s`. */
export function replaceBindings(read: ReadString, style: 'question' | 'named' | 'percent'): ReadString {
  const pattern =
    style === 'question'
      ? /\?\??/g
      : style === 'named'
        ? /(?<![:\w])\$?:[A-Za-z_]\w*/g
        : /%\([A-Za-z_]\w*\)s|%s/g
  let templated = read.templated
  const sql = read.sql.replace(pattern, m => {
    templated = true
    return placeholder(m.length)
  })
  return { ...read, sql, templated }
}

/**
 * Adjacent or `+`-joined string literals from `at` (Python `"a" "b"`, Ruby/JS `'a' + 'b'`, Ruby `"a" \`):
 * one ReadString spanning them, the quotes and joiners between them blanked. Undefined when `at` is not a
 * literal, or when something other than literals is joined (a variable: the SQL is built at run time).
 */
export function readJoinedStrings(
  text: string,
  at: number,
  language: Language
): { read: ReadString; end: number } | { dynamic: true; end: number } | undefined {
  const first = readString(text, at, language)
  if (!first) return undefined
  let read = first
  let end = first.after
  for (;;) {
    const joiner = /^\s*(?:\\\s*)?\+?\s*(?:\\\s*)?/.exec(text.slice(end, end + 200))![0]
    const next = end + joiner.length
    const following = readString(text, next, language)
    const plus = joiner.includes('+')
    const continued = joiner.includes('\\') || !joiner.includes('\n')
    const adjacent = joiner.length > 0 && (language === 'python' || (language === 'ruby' && continued))
    if (following && (plus || adjacent)) {
      read = {
        sql: read.sql + blank(text.slice(read.end, following.start)) + following.sql,
        start: read.start,
        end: following.end,
        after: following.after,
        templated: read.templated || following.templated
      }
      end = following.after
      continue
    }
    if (plus) return { dynamic: true, end: next }
    return { read, end }
  }
}

/** Offset of the bracket that closes the one at `open` (strings and comments skipped), or undefined. */
export function matchBracket(text: string, open: number, language: Language): number | undefined {
  const stack: string[] = [CLOSERS[text[open]!]!]
  for (let i = open + 1; i < text.length; i++) {
    const skipped = skipNonCode(text, i, language)
    if (skipped !== undefined) {
      i = skipped - 1
      continue
    }
    const ch = text[i]!
    if (CLOSERS[ch]) stack.push(CLOSERS[ch])
    else if (ch === stack.at(-1)) {
      stack.pop()
      if (!stack.length) return i
    } else if (ch === ')' || ch === ']' || ch === '}') return undefined
  }
  return undefined
}

/**
 * The arguments of a call whose argument list starts at `at` (at `(`, or for Ruby calls without parentheses,
 * at the first argument: then the list ends at the end of the line, continued after a trailing comma).
 */
export function readArguments(text: string, at: number, language: Language): Arguments | undefined {
  let i = at
  while (text[i] === ' ' || text[i] === '\t') i++
  let end: number
  let from: number
  if (text[i] === '(') {
    const close = matchBracket(text, i, language)
    if (close === undefined) return undefined
    from = i + 1
    end = close
  } else if (language === 'ruby') {
    from = i
    end = i
    for (;;) {
      const lineEnd = text.indexOf('\n', end)
      end = lineEnd === -1 ? text.length : lineEnd
      if (!/,\s*(#.*)?$/.test(text.slice(from, end)) || end >= text.length) break
      end++
    }
    // Stop at a block (`do`, `{ |t|`) or a trailing modifier.
    const block = /\s(do\b|\{\s*\||if\b|unless\b)/.exec(text.slice(from, end))
    if (block) end = from + block.index
  } else return undefined
  const values = splitTopLevel(text, from, end, language)
  const positional: Value[] = []
  const keywords = new Map<string, Value>()
  for (const [start, stop] of values) {
    const part = text.slice(start, stop)
    const keyword = /^\s*(?::?([A-Za-z_]\w*)\s*(?::(?!:)|=>|=(?!=))|"([^"]+)"\s*=>|'([^']+)'\s*=>)\s*/.exec(
      part
    )
    if (
      keyword &&
      (language !== 'js' || part.trimStart().startsWith('{') === false) &&
      !(language === 'js' && keyword[0].includes('='))
    ) {
      const name = keyword[1] ?? keyword[2] ?? keyword[3]!
      keywords.set(name, readValue(text, start + keyword[0].length, stop, language))
    } else positional.push(readValue(text, start, stop, language))
  }
  return { positional, keywords, end: text[i] === '(' ? end + 1 : end }
}

/** [start, end) of each top-level comma-separated part of text[from, to). */
function splitTopLevel(text: string, from: number, to: number, language: Language): [number, number][] {
  const parts: [number, number][] = []
  let start = from
  for (let i = from; i < to; i++) {
    const skipped = skipNonCode(text, i, language)
    if (skipped !== undefined) {
      i = skipped - 1
      continue
    }
    const ch = text[i]!
    if (CLOSERS[ch]) {
      const close = matchBracket(text, i, language)
      if (close === undefined || close >= to) break
      i = close
    } else if (ch === ',') {
      parts.push([start, i])
      start = i + 1
    }
  }
  if (text.slice(start, to).trim()) parts.push([start, to])
  return parts
}

/** The value written in text[from, to). */
export function readValue(text: string, from: number, to: number, language: Language): Value {
  let i = from
  while (i < to && /\s/.test(text[i]!)) i++
  const source = text.slice(i, to).trim()
  const joined = readJoinedStrings(text, i, language)
  if (joined && 'read' in joined && text.slice(joined.end, to).trim() === '')
    return { kind: 'string', value: joined.read.sql, read: joined.read }
  if (/^:[A-Za-z_]\w*[?!]?$/.test(source)) return { kind: 'symbol', value: source.slice(1) }
  if (/^-?\d+(\.\d+)?$/.test(source)) return { kind: 'number', value: source }
  if (/^(true|True)$/.test(source)) return { kind: 'bool', value: true }
  if (/^(false|False)$/.test(source)) return { kind: 'bool', value: false }
  if (/^(nil|None|null|undefined)$/.test(source)) return { kind: 'null' }
  if (source.startsWith('[') && text[i] === '[') {
    const close = matchBracket(text, i, language)
    if (close !== undefined)
      return {
        kind: 'array',
        items: splitTopLevel(text, i + 1, close, language).map(([a, b]) => readValue(text, a, b, language))
      }
  }
  if (source.startsWith('{') && text[i] === '{') {
    const close = matchBracket(text, i, language)
    if (close !== undefined) {
      const entries = new Map<string, Value>()
      for (const [a, b] of splitTopLevel(text, i + 1, close, language)) {
        const key = /^\s*(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)"|:([A-Za-z_]\w*))\s*(?::|=>)\s*/.exec(
          text.slice(a, b)
        )
        if (key)
          entries.set(key[1] ?? key[2] ?? key[3] ?? key[4]!, readValue(text, a + key[0].length, b, language))
      }
      return { kind: 'object', entries }
    }
  }
  const call = /^(?:new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*/.exec(source)
  if (call) {
    const after = i + (text.slice(i).indexOf(call[1]!) + call[1]!.length)
    let j = after
    while (j < to && (text[j] === ' ' || text[j] === '\t')) j++
    if (text[j] === '(') {
      const args = readArguments(text, j, language)
      if (args) return { kind: 'call', name: call[1]!, args }
    }
    if (text.slice(after, to).trim() === '')
      return { kind: 'call', name: call[1]!, args: { positional: [], keywords: new Map(), end: after } }
  }
  return { kind: 'other', text: source }
}

/** The value as a name (a string or symbol), if it is one. */
export function nameOf(value: Value | undefined): string | undefined {
  if (!value) return undefined
  if (value.kind === 'string' || value.kind === 'symbol') return value.value
  return undefined
}

/** The value as a list of names (`:a`, `[:a, :b]`, `['a', 'b']`). */
export function namesOf(value: Value | undefined): string[] {
  if (!value) return []
  if (value.kind === 'array') return value.items.map(nameOf).filter((n): n is string => n !== undefined)
  const name = nameOf(value)
  return name === undefined ? [] : [name]
}

export function truthy(value: Value | undefined): boolean | undefined {
  if (!value) return undefined
  if (value.kind === 'bool') return value.value
  if (value.kind === 'null') return false
  return true
}

/** 1-based line and column of an offset. */
export function positionAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0
  let hi = lineStarts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lineStarts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 }
}

export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}
