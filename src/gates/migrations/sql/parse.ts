import { loadPgQuery, parseToJson, PgSyntaxError } from './pg-query.js'
import { blankNestedComments } from './comments.js'
import { SourceMap } from './positions.js'

/** One node of the libpg_query JSON tree (`{ AlterTableStmt: {...} }` unwrapped to its body). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = Record<string, any>

/** `-- deploy-gates: allow <rule> <reason>` written just before a statement. */
export interface AllowDirective {
  rule: string
  reason: string
  line: number
}

export interface SqlStatement {
  /** libpg_query node type, e.g. `AlterTableStmt`. */
  kind: string
  node: Node
  /** 1-based position of the statement's first token (comments before it excluded). */
  line: number
  column: number
  endLine: number
  endColumn: number
  /** The statement's source text (without the terminating semicolon). */
  text: string
  allows: AllowDirective[]
  /** Sent outside the tool's transaction even though the file runs in one (Alembic's autocommit_block()). */
  outsideTransaction?: boolean
}

export interface SqlSyntaxError {
  message: string
  line: number
  column: number
}

export interface ParsedSql {
  statements: SqlStatement[]
  error?: SqlSyntaxError
}

const ALLOW_DIRECTIVE = /^--\s*deploy-gates:\s*allow\b\s*(\S*)\s*(.*)$/

/** The WASM parser loads once per process (~20 ms); every later parse is synchronous. */
export async function loadSqlParser(): Promise<void> {
  await loadPgQuery()
}

function parseTree(text: string): { stmts?: RawStatement[] } {
  return JSON.parse(parseToJson(text)) as { stmts?: RawStatement[] }
}

type RawStatement = { stmt: Node; stmt_location?: number; stmt_len?: number }

interface Located {
  raw: RawStatement
  /** Character offsets in the parsed text. */
  from: number
  to: number
}

function parseError(error: unknown, map: SourceMap): SqlSyntaxError {
  if (!(error instanceof PgSyntaxError)) throw error
  // libpg_query quotes the rest of the input after an unterminated comment or string: keep the start only.
  const message = error.message.replace(/ at or near "([^]*)"$/, (all, near: string) =>
    near.length > 40 || near.includes('\n') ? ` at or near "${near.split('\n')[0]!.slice(0, 40)}…"` : all
  )
  return { message, ...map.position(map.charOffset(error.byteOffset)) }
}

function locate(tree: { stmts?: RawStatement[] }, map: SourceMap, length: number): Located[] {
  return (tree.stmts ?? []).map(raw => ({
    raw,
    from: map.charOffset(raw.stmt_location ?? 0),
    to: raw.stmt_len ? map.charOffset((raw.stmt_location ?? 0) + raw.stmt_len) : length
  }))
}

/** Builds the statements of one file from parser output already in that file's character offsets. */
function buildStatements(text: string, map: SourceMap, located: Located[]): SqlStatement[] {
  const statements: SqlStatement[] = []
  let previousEnd = 0
  for (const { raw, from, to } of located) {
    // Comments between the previous statement and this one belong to this one (PostgreSQL 18's parser
    // starts a statement at its first token; older ones included the comments before it).
    const gap = skipComments(text, previousEnd, from, true)
    const { start, comments: inside } = skipComments(text, from, to)
    const comments = [...gap.comments, ...inside]
    previousEnd = to
    const kind = Object.keys(raw.stmt)[0]!
    const startPos = map.position(start)
    const endPos = map.position(Math.max(start, to - 1))
    const allows: AllowDirective[] = []
    for (const comment of comments) {
      const match = ALLOW_DIRECTIVE.exec(comment.text)
      if (match)
        allows.push({ rule: match[1]!, reason: match[2]!.trim(), line: map.position(comment.offset).line })
    }
    statements.push({
      kind,
      node: raw.stmt[kind] as Node,
      line: startPos.line,
      column: startPos.column,
      endLine: endPos.line,
      endColumn: endPos.column + 1,
      text: text.slice(start, to),
      allows
    })
  }
  return statements
}

/**
 * Parses PostgreSQL with the server's own grammar (libpg_query). A syntax error is returned, not thrown,
 * with the line and column of the offending token, so one bad file does not stop the others being checked.
 */
export function parseSql(text: string): ParsedSql {
  if (text.trim() === '') return { statements: [] }
  const map = new SourceMap(text)
  let tree: { stmts?: RawStatement[] }
  try {
    tree = parseTree(blankNestedComments(text) ?? text)
  } catch (error) {
    return { statements: [], error: parseError(error, map) }
  }
  return { statements: buildStatements(text, map, locate(tree, map, text.length)) }
}

const BATCH_SEPARATOR = '\n;\n'
const BATCH_SIZE = 200

/**
 * Parses many files, the same result as parseSql on each, about four times faster: files are parsed in
 * batches of one parser call (the per-call cost dominates for small migrations). A batch is trusted only
 * when every statement lies inside one file and every file ends outside any comment or string; otherwise
 * (a syntax error, an unterminated literal) that batch is parsed file by file.
 */
export function parseSqlFiles(texts: string[]): ParsedSql[] {
  const results: ParsedSql[] = []
  for (let i = 0; i < texts.length; i += BATCH_SIZE)
    results.push(...parseBatch(texts.slice(i, i + BATCH_SIZE)))
  return results
}

function parseBatch(texts: string[]): ParsedSql[] {
  if (texts.length === 1 || texts.some(text => blankNestedComments(text) !== undefined))
    return texts.map(parseSql)
  const joined = texts.join(BATCH_SEPARATOR)
  const map = new SourceMap(joined)
  let located: Located[]
  try {
    located = locate(parseTree(joined), map, joined.length)
  } catch {
    return texts.map(parseSql)
  }
  const perFile: Located[][] = texts.map(() => [])
  let offset = 0
  let next = 0
  for (const [index, text] of texts.entries()) {
    const end = offset + text.length
    while (next < located.length && located[next]!.from < end) {
      const statement = located[next++]!
      if (statement.to > end) return texts.map(parseSql) // a statement ran across a file boundary
      perFile[index]!.push({ ...statement, from: statement.from - offset, to: statement.to - offset })
    }
    // What follows the file's last statement must be whitespace or closed comments.
    const lastEnd = perFile[index]!.at(-1)?.to ?? 0
    if (!skipComments(text, lastEnd, text.length, true).clean) return texts.map(parseSql)
    // Statements entirely inside the separator (the empty statement) do not exist; skip the separator.
    offset = end + BATCH_SEPARATOR.length
  }
  return texts.map((text, index) => ({
    statements: buildStatements(text, new SourceMap(text), perFile[index]!)
  }))
}

/** Steps over whitespace and comments (collecting them), e.g. those libpg_query includes in a statement's location. */
function skipComments(
  text: string,
  from: number,
  to: number,
  skipSemicolons = false
): { start: number; comments: { text: string; offset: number }[]; clean: boolean } {
  const comments: { text: string; offset: number }[] = []
  let clean = true
  let i = from
  while (i < to) {
    const ch = text.charCodeAt(i)
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || (skipSemicolons && ch === 59)) {
      i++
    } else if (text.startsWith('--', i)) {
      let end = text.indexOf('\n', i)
      if (end === -1 || end > to) end = to
      comments.push({ text: text.slice(i, end).trimEnd(), offset: i })
      i = end
    } else if (text.startsWith('/*', i)) {
      // PostgreSQL block comments nest.
      let depth = 0
      let j = i
      while (j < to) {
        if (text.startsWith('/*', j)) {
          depth++
          j += 2
        } else if (text.startsWith('*/', j)) {
          depth--
          j += 2
          if (depth === 0) break
        } else j++
      }
      if (depth > 0) clean = false
      i = j
    } else break
  }
  return { start: i, comments, clean: clean && i >= to }
}
