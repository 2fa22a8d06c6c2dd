import {
  readArguments,
  readJoinedStrings,
  replaceBindings,
  skipNonCode,
  type Arguments,
  type Language,
  type Value
} from './source.js'

/** One piece of SQL a code migration runs: a raw-SQL string, or the SQL of a schema operation. */
export interface CodeSqlPiece {
  sql: string
  /** Offset in the file of the SQL's first character (a literal's content, or the operation's call). */
  offset: number
  /** For an operation: where its call ends, and how it reads (`remove_column :users, :email`). */
  end?: number
  operation?: string
  /** Interpolations or bindings were replaced: a parse failure is unreadable-code-sql, not a syntax error. */
  templated?: boolean
  /** Runs outside the tool's transaction (Alembic's `autocommit_block()`). */
  outsideTransaction?: boolean
}

export interface UnreadableSql {
  offset: number
  reason: string
}

/** What a static reading of a code migration found, in file order. */
export interface CodeReading {
  pieces: CodeSqlPiece[]
  unreadable: UnreadableSql[]
}

/** A call found in the code: its name, where it starts, and its arguments. */
export interface FoundCall {
  name: string
  /** Offset of the call's first character (receiver included). */
  offset: number
  args: Arguments
  source: string
}

/** Sorted [start, end) ranges of comments and literals, so calls written inside them are not calls. */
function nonCodeRanges(text: string, language: Language): [number, number][] {
  const ranges: [number, number][] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (
      ch !== '#' &&
      ch !== '/' &&
      ch !== '"' &&
      ch !== "'" &&
      ch !== '`' &&
      ch !== '%' &&
      !/[rfbuRFBU]/.test(ch!)
    )
      continue
    if (/[rfbuRFBU%]/.test(ch!) && i > 0 && /[\w]/.test(text[i - 1]!)) continue
    const end = skipNonCode(text, i, language)
    if (end !== undefined && end > i) {
      ranges.push([i, end])
      i = end - 1
    }
  }
  return ranges
}

export class CodeScanner {
  private readonly ranges: [number, number][]
  readonly pieces: CodeSqlPiece[] = []
  readonly unreadable: UnreadableSql[] = []

  constructor(
    readonly text: string,
    readonly language: Language,
    readonly region: [number, number]
  ) {
    this.ranges = nonCodeRanges(text, language)
  }

  isCode(offset: number): boolean {
    let lo = 0
    let hi = this.ranges.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const [start, end] = this.ranges[mid]!
      if (offset < start) hi = mid - 1
      else if (offset >= end) lo = mid + 1
      else return false
    }
    return true
  }

  /** Calls matching `pattern` (its last group is the name) in the up region, outside comments and strings. */
  calls(pattern: RegExp): FoundCall[] {
    const found: FoundCall[] = []
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'
    )
    global.lastIndex = this.region[0]
    for (let match = global.exec(this.text); match; match = global.exec(this.text)) {
      if (match.index >= this.region[1]) break
      if (!this.isCode(match.index)) continue
      const name = match.slice(1).filter(Boolean).pop() ?? match[0]
      const args = readArguments(this.text, match.index + match[0].length, this.language)
      if (!args) continue
      found.push({ name, offset: match.index, args, source: this.text.slice(match.index, args.end).trim() })
    }
    return found
  }

  /** Adds the SQL of a schema operation, reported at the call. */
  operation(call: FoundCall, ...statements: string[]): void {
    for (const sql of statements)
      this.pieces.push({ sql, offset: call.offset, end: call.args.end, operation: oneLine(call.source) })
  }

  /**
   * Adds the SQL string passed to a raw-SQL call: read with its interpolations and bindings replaced, or, when
   * it is built at run time (a variable, a concatenation with one), noted as unreadable.
   */
  rawSql(call: FoundCall, value: Value | undefined, bindings?: 'question' | 'named' | 'percent'): void {
    if (value?.kind === 'string') {
      const read = bindings ? replaceBindings(value.read, bindings) : value.read
      this.pieces.push({ sql: read.sql, offset: read.start, templated: read.templated })
    } else if (
      value?.kind === 'call' &&
      value.args.positional[0]?.kind === 'string' &&
      /(^|\.)(text|raw|sql)$/i.test(value.name)
    ) {
      // SQLAlchemy's text() takes :name parameters.
      this.rawSql(call, value.args.positional[0], /(^|\.)text$/.test(value.name) ? 'named' : bindings)
    } else {
      this.unreadable.push({
        offset: call.offset,
        reason: `the SQL passed to ${oneLine(call.source).slice(0, 60)} is built at run time`
      })
    }
  }

  /** Heredocs and other literals that follow `at` directly (Ruby `execute <<~SQL`). */
  readStringAt(at: number): ReturnType<typeof readJoinedStrings> {
    return readJoinedStrings(this.text, at, this.language)
  }

  reading(): CodeReading {
    const order = (a: { offset: number }, b: { offset: number }): number => a.offset - b.offset
    return { pieces: this.pieces.sort(order), unreadable: this.unreadable.sort(order) }
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** [start, end) of the code that runs on the way up: from `up` to `down`, per the definitions given. */
export function upRegion(text: string, up: RegExp, down: RegExp): [number, number] {
  const upAt = up.exec(text)?.index
  const downAt = down.exec(text)?.index
  if (upAt === undefined && downAt === undefined) return [0, text.length]
  if (downAt === undefined) return [upAt ?? 0, text.length]
  if (upAt === undefined) return [0, downAt]
  return downAt > upAt ? [upAt, downAt] : [upAt, text.length]
}
