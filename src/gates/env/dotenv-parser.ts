/**
 * A .env parser that keeps positions. It accepts exactly what dotenv's `parse` accepts and yields the same
 * values (tests compare the two on the same inputs), but also reports where every key and value is and the
 * syntax problems dotenv silently tolerates: lines it ignores, quotes it keeps, values it cuts at `#`.
 */
import { LineIndex, type SourcePosition } from '../../kernel/positions.js'
import { LineScanner } from './line-scanner.js'

const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/
const LOOKS_LIKE_ASSIGNMENT = /^(\s*)(?:export\s+)?([A-Za-z_][\w.-]*)\s*=/
/** A line of base64 (`…AB==`): data, not an assignment, even though it ends in `=`. */
const BASE64_LINE = /^[A-Za-z0-9+/]{16,}={1,2}$/

export type Quote = "'" | '"' | '`' | ''

/** 1-based line and column (UTF-16 code units, as editors and GitHub annotations count). */
export type Position = SourcePosition

export interface EnvEntry {
  key: string
  /** The value exactly as dotenv.parse returns it. */
  value: string
  /** The quote the value is written in ('' when unquoted or when dotenv did not treat it as quoted). */
  quote: Quote
  exported: boolean
  keyStart: Position
  /** Where the written value starts (its opening quote, if any); right after the separator when empty. */
  valueStart: Position
  valueEnd: Position
  /** Offset in the normalized text of the value's first character inside its quotes; for mapping `${REF}`s. */
  contentOffset: number
  /** The value text as written, inside its quotes (before dotenv turns `\n` into a newline). */
  content: string
}

export type SyntaxRule =
  | 'malformed-line'
  | 'invalid-key-name'
  | 'non-portable-key-name'
  | 'unterminated-quote'
  | 'text-after-quote'
  | 'unquoted-hash'
  | 'swallowed-assignment'
  | 'value-on-next-line'
  | 'duplicate-key'

export interface SyntaxIssue {
  rule: SyntaxRule
  severity: 'error' | 'warning'
  message: string
  help: string
  line: number
  column: number
  key?: string
}

export interface ParsedEnvFile {
  /** Every assignment in file order, duplicates included. */
  entries: EnvEntry[]
  /** The effective assignment of each key (the last one, as in dotenv). */
  byKey: Map<string, EnvEntry>
  issues: SyntaxIssue[]
  /** The text with line breaks normalized to `\n`, which every offset refers to. */
  text: string
  positionAt(offset: number): Position
}

/** Same `\r\n` and lone `\r` handling as dotenv, so lines and values agree with it. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** dotenv's value post-processing: strip one pair of matching outer quotes; `\n`/`\r` escapes in double quotes. */
function dotenvValue(trimmed: string): string {
  let value = trimmed.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')
  if (trimmed[0] === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r')
  return value
}

export function parseEnvText(source: string): ParsedEnvFile {
  const text = normalizeLineBreaks(source)
  const lines = new LineIndex(text)
  const positionAt = (offset: number) => lines.position(offset)
  const entries: EnvEntry[] = []
  const byKey = new Map<string, EnvEntry>()
  const issues: SyntaxIssue[] = []
  const issue: IssueSink = (rule, severity, offset, message, help, key) =>
    issues.push({
      rule,
      severity,
      message,
      help,
      ...positionAt(offset),
      ...(key === undefined ? {} : { key })
    })

  let coveredUntil = 0
  const scanner = new LineScanner(text)
  for (let match = scanner.next(0); match; match = scanner.next(match.end)) {
    reportIgnoredLines(text, coveredUntil, match.start, positionAt, issues)
    coveredUntil = match.end
    const key = text.slice(match.keyStart, match.keyEnd)
    const keyOffset = match.keyStart
    const separatorEnd = match.separatorEnd
    const quotedGroup = match.quote !== '' ? match.quote : undefined
    const raw = match.raw
    const rawStart = match.rawStart
    const leading = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    const valueOffset = rawStart + leading
    const quote: Quote = quotedGroup === undefined ? '' : (trimmed[0] as Quote)
    const entry: EnvEntry = {
      key,
      value: dotenvValue(trimmed),
      quote,
      exported: match.exported,
      keyStart: positionAt(keyOffset),
      valueStart: positionAt(valueOffset),
      valueEnd: positionAt(valueOffset + trimmed.length),
      contentOffset: quote ? valueOffset + 1 : valueOffset,
      content: quote ? trimmed.slice(1, -1) : trimmed
    }
    entries.push(entry)

    if (!PORTABLE_KEY.test(key)) {
      issue(
        'non-portable-key-name',
        'warning',
        keyOffset,
        `${key} is not a portable variable name: shells, Docker and most platforms cannot set it`,
        'Use letters, digits and underscores only, not starting with a digit (e.g. ' +
          `${key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}).`,
        key
      )
    }
    if (quotedGroup === undefined) checkUnquotedValue(text, entry, trimmed, valueOffset, separatorEnd, issue)
    else {
      if (entry.valueStart.line > entry.keyStart.line) {
        issue(
          'value-on-next-line',
          'warning',
          valueOffset,
          `the value of ${key} starts on line ${entry.valueStart.line}, not on the line of its key: dotenv joins them`,
          `Write ${key}= and its value on one line; for an empty value, leave no quoted line after it.`,
          key
        )
      }
      checkMultilineValue(entry, valueOffset, trimmed, positionAt, issue)
    }

    const previous = byKey.get(key)
    if (previous) {
      const same = previous.value === entry.value
      issue(
        'duplicate-key',
        same ? 'warning' : 'error',
        keyOffset,
        `${key} is set again (first on line ${previous.keyStart.line})${same ? ' to the same value' : ' to a different value; dotenv uses this later one'}`,
        'Keep one assignment per key.',
        key
      )
    }
    byKey.set(key, entry)
  }
  reportIgnoredLines(text, coveredUntil, text.length, positionAt, issues)
  issues.sort((a, b) => a.line - b.line || a.column - b.column)
  return { entries, byKey, issues, text, positionAt }
}

type IssueSink = (
  rule: SyntaxRule,
  severity: 'error' | 'warning',
  offset: number,
  message: string,
  help: string,
  key?: string
) => void

/** The value fell through to dotenv's unquoted form: find kept quotes and values cut at `#`. */
function checkUnquotedValue(
  text: string,
  entry: EnvEntry,
  trimmed: string,
  valueOffset: number,
  separatorEnd: number,
  issue: IssueSink
): void {
  const { key } = entry
  const first = trimmed[0]
  if (first === '"' || first === "'" || first === '`') {
    const close = trimmed.indexOf(first, 1)
    if (close === -1) {
      issue(
        'unterminated-quote',
        'error',
        valueOffset,
        `the ${quoteName(first)} opening the value of ${key} is never closed, so dotenv keeps it as part of the value`,
        `Close the quote at the end of the value (${key}=${first}…${first}).`,
        key
      )
    } else {
      const after =
        close + 1 + (trimmed.slice(close + 1).length - trimmed.slice(close + 1).trimStart().length)
      issue(
        'text-after-quote',
        'error',
        valueOffset + after,
        `text follows the closing ${quoteName(first)} of ${key}'s value, so dotenv keeps the quotes as part of the value`,
        `Put the whole value inside the quotes, or start a comment with ' #'.`,
        key
      )
    }
  }
  // dotenv ends an unquoted value at the first `#`, even inside a word: `PASSWORD=abc#123` reads as `abc`.
  const hashAt = trimmed === '' ? separatorEnd : valueOffset + trimmed.length
  const glued = text[hashAt] === '#'
  if (glued) {
    issue(
      'unquoted-hash',
      'warning',
      hashAt,
      `the value of ${key} is cut at '#': dotenv reads the rest of the line as a comment`,
      `Quote the value (${key}="…#…") if the '#' belongs to it, or put a space before the comment.`,
      key
    )
  }
}

/** A quoted value that runs over several lines and swallows what looks like the next assignment is a lost quote. */
function checkMultilineValue(
  entry: EnvEntry,
  valueOffset: number,
  trimmed: string,
  positionAt: (offset: number) => Position,
  issue: IssueSink
): void {
  if (!trimmed.includes('\n')) return
  // A PEM block (a key, a certificate) is meant to span lines, and its last base64 line ends in `=` padding.
  const base64Line = /-----BEGIN [A-Z0-9 ]+-----/.test(trimmed) ? /^[A-Za-z0-9+/]+={1,2}$/ : BASE64_LINE
  let lineOffset = valueOffset + trimmed.indexOf('\n') + 1
  for (const line of trimmed.slice(trimmed.indexOf('\n') + 1).split('\n')) {
    const assignment = LOOKS_LIKE_ASSIGNMENT.exec(line)
    if (assignment && !base64Line.test(line.trim())) {
      const at = positionAt(lineOffset + assignment[1]!.length)
      issue(
        'swallowed-assignment',
        'warning',
        lineOffset + assignment[1]!.length,
        `line ${at.line} looks like an assignment of ${assignment[2]}, but it is inside the multi-line value of ${entry.key} ` +
          `(opened on line ${entry.valueStart.line}, column ${entry.valueStart.column})`,
        `Check the quotes of ${entry.key}: a quote left open swallows the lines after it.`,
        entry.key
      )
      return
    }
    lineOffset += line.length + 1
  }
}

function quoteName(quote: string): string {
  return quote === '"' ? 'double quote' : quote === "'" ? 'single quote' : 'backtick'
}

/** Lines between two assignments that are neither blank nor comments are lines dotenv silently ignores. */
function reportIgnoredLines(
  text: string,
  from: number,
  to: number,
  positionAt: (offset: number) => Position,
  issues: SyntaxIssue[]
): void {
  let offset = from
  for (const line of text.slice(from, to).split('\n')) {
    const lineOffset = offset
    offset += line.length + 1
    const indent = line.length - line.trimStart().length
    const content = line.trim()
    if (content === '' || content.startsWith('#')) continue
    const at = (column: number) => positionAt(lineOffset + column)
    const exportPrefix = /^export\s+/.exec(line.slice(indent))
    const keyFrom = indent + (exportPrefix ? exportPrefix[0].length : 0)
    const equals = line.indexOf('=', keyFrom)
    const keyText = equals === -1 ? '' : line.slice(keyFrom, equals).trimEnd()
    const bad = keyText.search(/[^\w.-]/)
    if (equals !== -1 && bad !== -1) {
      issues.push({
        rule: 'invalid-key-name',
        severity: 'error',
        // Only the offending character is quoted: a line that is not an assignment may well be a pasted secret.
        message: `the variable name contains ${JSON.stringify(keyText[bad])}, which dotenv does not accept, so it ignores this line`,
        help: 'Variable names may contain letters, digits and underscores.',
        ...at(keyFrom + bad)
      })
    } else if (equals !== -1 && keyText === '') {
      issues.push({
        rule: 'malformed-line',
        severity: 'error',
        message: `no variable name before '=', so dotenv ignores this line`,
        help: 'Write KEY=value.',
        ...at(equals)
      })
    } else {
      issues.push({
        rule: 'malformed-line',
        severity: 'error',
        message: `this line is not a KEY=value assignment or a comment, so dotenv ignores it`,
        help: 'Write KEY=value, or start the line with # to make it a comment.',
        ...at(indent)
      })
    }
  }
}
