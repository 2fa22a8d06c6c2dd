/**
 * dotenv's line grammar, matched without a regular expression. dotenv's `parse` runs one regex over the file:
 *
 *   ^\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$
 *
 * (flags `mg`). Its quoted alternatives push one backtracking entry per character, so V8 overflows its stack on a
 * 7 MB quoted value, and a file of many `A="\"x` lines makes it quadratic. This scanner yields the same
 * assignments (tests compare it with dotenv on generated files) in one pass with bounded work per character:
 *
 * - a match starts at a line start (`^` with `m`: after \n, \u2028, \u2029) and skips any white space, line
 *   breaks included; `export` needs white space after it and is dropped if what follows does not parse;
 * - the separator is `=` after optional white space (line breaks included), else `:` plus one white space;
 * - a quoted value opens at the first non-space character after the separator (line breaks included) and
 *   closes at the last quote, among the escaped ones (`\"`) up to and including the first unescaped one, that is
 *   followed by nothing but spaces up to a line break, a `#` or the end: what the regex's backtracking picks;
 * - otherwise the value runs from the separator to the first `#` or line break (and may be empty).
 */

export interface LineMatch {
  /** Where the match starts (a line start). */
  start: number
  /** Where it ends: after the value and any spaces and comment on its last line. */
  end: number
  exported: boolean
  keyStart: number
  keyEnd: number
  /** Right after the separator (where the value group starts). */
  separatorEnd: number
  /** The value group: the quote that matched ('' for unquoted), and its raw text (leading white space included). */
  quote: "'" | '"' | '`' | ''
  raw: string
  /** Offset of raw in the text. */
  rawStart: number
  /** Whether the value group matched at all (dotenv's `match[2]` was not undefined). */
  hasValue: boolean
}

/** JavaScript's `\s`. */
function isSpace(code: number): boolean {
  return code <= 32
    ? code === 32 || (code >= 9 && code <= 13)
    : code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff
}

/** A line terminator for `^`, `$` and `.` (the text has no \r: line breaks are normalized first). */
function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029
}

/** `[\w.-]` */
function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 45
  )
}

/** Per quote character: its occurrences, and what a closing quote needs, precomputed once per text. */
interface QuoteIndex {
  positions: Int32Array
  /** For occurrence j: the first unescaped occurrence at or after j (positions.length if none). */
  nextUnescaped: Int32Array
  /** For occurrence j: the last occurrence at or before j that may close a value (-1 if none). */
  lastClosing: Int32Array
}

export class LineScanner {
  private readonly length: number
  private readonly quotes = new Map<string, QuoteIndex>()
  /**
   * The last run of white space measured from each place the grammar skips it (line start, after `export`,
   * after the key, after the separator): [from, to). A run is measured once however many lines start in it.
   */
  private readonly spaceRuns = [
    [-1, -1],
    [-1, -1],
    [-1, -1],
    [-1, -1]
  ]

  constructor(private readonly text: string) {
    this.length = text.length
  }

  /** The next assignment starting at or after `from`, or undefined. */
  next(from: number): LineMatch | undefined {
    for (let start = this.lineStartAtOrAfter(from); start < this.length; start = this.lineStartAfter(start)) {
      const match = this.matchAt(start)
      if (match) return match
    }
    return undefined
  }

  private code(at: number): number {
    return at < this.length ? this.text.charCodeAt(at) : -1
  }

  private lineStartAtOrAfter(at: number): number {
    if (at === 0 || (at <= this.length && isLineBreak(this.code(at - 1)))) return at
    return this.lineStartAfter(at)
  }

  private lineStartAfter(at: number): number {
    for (let i = at; i < this.length; i++) if (isLineBreak(this.text.charCodeAt(i))) return i + 1
    return this.length
  }

  /** The end of the white space (line breaks included) starting at `at`; `site` names the memo slot. */
  private skipSpace(at: number, site: 0 | 1 | 2 | 3): number {
    const run = this.spaceRuns[site]!
    if (run[0] !== -1 && at >= run[0]! && at <= run[1]!) return run[1]!
    let end = at
    while (end < this.length && isSpace(this.text.charCodeAt(end))) end++
    run[0] = at
    run[1] = end
    return end
  }

  /** The end of spaces on this line (no line break crossed). */
  private skipLineSpace(at: number): number {
    let end = at
    while (end < this.length) {
      const code = this.text.charCodeAt(end)
      if (isLineBreak(code) || !isSpace(code)) break
      end++
    }
    return end
  }

  private lineEnd(at: number): number {
    let end = at
    while (end < this.length && !isLineBreak(this.text.charCodeAt(end))) end++
    return end
  }

  /** Whether the regex's tail `\s*(?:#.*)?$` matches after a closing quote at `quoteAt`. */
  private closes(quoteAt: number): boolean {
    const end = this.skipLineSpace(quoteAt + 1)
    return end === this.length || isLineBreak(this.text.charCodeAt(end)) || this.text.charCodeAt(end) === 35
  }

  /** Where a match ends after `at`: spaces on the line, then a comment to the end of the line. */
  private tailEnd(at: number): number {
    const end = this.skipLineSpace(at)
    return this.code(end) === 35 ? this.lineEnd(end) : end
  }

  private quoteIndex(quote: string): QuoteIndex {
    let index = this.quotes.get(quote)
    if (index) return index
    const found: number[] = []
    for (let at = this.text.indexOf(quote); at !== -1; at = this.text.indexOf(quote, at + 1)) found.push(at)
    const positions = Int32Array.from(found)
    const count = positions.length
    const nextUnescaped = new Int32Array(count)
    let next = count
    for (let j = count - 1; j >= 0; j--) {
      if (this.text.charCodeAt(positions[j]! - 1) !== 92) next = j
      nextUnescaped[j] = next
    }
    const lastClosing = new Int32Array(count)
    let last = -1
    for (let j = 0; j < count; j++) {
      if (this.closes(positions[j]!)) last = j
      lastClosing[j] = last
    }
    index = { positions, nextUnescaped, lastClosing }
    this.quotes.set(quote, index)
    return index
  }

  /** The closing quote for a value opened at `open`, or -1. */
  private closingQuote(quote: string, open: number): number {
    const { positions, nextUnescaped, lastClosing } = this.quoteIndex(quote)
    // The first occurrence after the opening quote (binary search).
    let low = 0
    let high = positions.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (positions[mid]! <= open) low = mid + 1
      else high = mid
    }
    if (low >= positions.length) return -1
    const lastCandidate = Math.min(nextUnescaped[low]!, positions.length - 1)
    const closing = lastClosing[lastCandidate]!
    return closing >= low ? positions[closing]! : -1
  }

  private matchAt(start: number): LineMatch | undefined {
    const first = this.skipSpace(start, 0)
    if (this.text.startsWith('export', first) && isSpace(this.code(first + 6))) {
      const withExport = this.matchKey(start, this.skipSpace(first + 6, 1), true)
      if (withExport) return withExport
    }
    return this.matchKey(start, first, false)
  }

  private matchKey(start: number, keyStart: number, exported: boolean): LineMatch | undefined {
    let keyEnd = keyStart
    while (keyEnd < this.length && isKeyChar(this.text.charCodeAt(keyEnd))) keyEnd++
    if (keyEnd === keyStart) return undefined
    let separatorEnd: number
    const equals = this.skipSpace(keyEnd, 2)
    if (this.code(equals) === 61) separatorEnd = equals + 1
    else if (this.code(keyEnd) === 58 && isSpace(this.code(keyEnd + 1))) separatorEnd = keyEnd + 2
    else return undefined
    const result = (
      end: number,
      quote: LineMatch['quote'],
      rawEnd: number,
      hasValue: boolean
    ): LineMatch => ({
      start,
      end,
      exported,
      keyStart,
      keyEnd,
      separatorEnd,
      quote,
      raw: rawEnd > separatorEnd ? this.text.slice(separatorEnd, rawEnd) : '',
      rawStart: separatorEnd,
      hasValue
    })

    const open = this.skipSpace(separatorEnd, 3)
    const opening = this.code(open)
    const quote = opening === 39 ? "'" : opening === 34 ? '"' : opening === 96 ? '`' : undefined
    if (quote) {
      const close = this.closingQuote(quote, open)
      if (close !== -1) return result(this.tailEnd(close + 1), quote, close + 1, true)
    }
    // Unquoted: up to the first `#` or line break (`[^#\r\n]+`, so at least one character).
    let stop = separatorEnd
    while (stop < this.length) {
      const code = this.text.charCodeAt(stop)
      if (code === 35 || code === 10 || code === 13) break
      stop++
    }
    if (stop === separatorEnd) return result(this.tailEnd(separatorEnd), '', separatorEnd, false)
    return result(this.code(stop) === 35 ? this.lineEnd(stop) : stop, '', stop, true)
  }
}
