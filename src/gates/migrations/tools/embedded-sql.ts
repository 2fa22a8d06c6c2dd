/**
 * SQL inside code migrations: the string literal passed to the call that runs raw SQL
 * (`pgm.sql(...)`, `knex.raw(...)`, `queryRunner.query(...)`, `op.execute(...)`, `execute <<~SQL`).
 * Returns the file's text with everything but those literals blanked and a `;` after each, so the
 * SQL parser sees the statements at the file's own lines and columns. Literals with interpolation or
 * escapes are skipped: their runtime text is unknown.
 */
export function embeddedSql(text: string, callees: string[]): string | undefined {
  const [from, to] = upRegion(text)
  const keep: [number, number][] = []
  const calls = new RegExp(`(?:${callees.map(c => c.replace(/[.$]/g, '\\$&')).join('|')})\\s*\\(\\s*`, 'g')
  for (let match = calls.exec(text); match; match = calls.exec(text)) {
    const literal = readLiteral(text, match.index + match[0].length)
    if (literal && literal[0] >= from && literal[1] <= to) keep.push(literal)
  }
  // Ruby: execute <<~SQL ... SQL
  if (callees.includes('execute')) {
    const heredoc = /\bexecute\s*\(?\s*<<[~-]?(['"]?)([A-Z_]+)\1[^\n]*\n/g
    for (let match = heredoc.exec(text); match; match = heredoc.exec(text)) {
      const start = match.index + match[0].length
      const end = new RegExp(`^\\s*${match[2]}\\s*$`, 'm')
      end.lastIndex = 0
      const rest = end.exec(text.slice(start))
      if (rest && start >= from && start <= to) keep.push([start, start + rest.index])
    }
  }
  if (keep.length === 0) return undefined
  keep.sort((a, b) => a[0] - b[0])
  let out = ''
  let at = 0
  for (const [start, end] of keep) {
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + text.slice(start, end)
    at = end
    // The closing quote's place becomes the statement terminator.
    if (at < text.length && text[at] !== '\n') {
      out += ';'
      at++
    }
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ')
}

const UP_DEFINITION =
  /exports\.up\s*=|export\s+(async\s+)?function\s+up\b|export\s+const\s+up\b|\basync\s+up\s*\(|\bup\s*:\s*(async\s*)?(\(|function)|\bdef\s+(up|upgrade|change)\b/
const DOWN_DEFINITION =
  /exports\.down\s*=|export\s+(async\s+)?function\s+down\b|export\s+const\s+down\b|\basync\s+down\s*\(|\bdown\s*:\s*(async\s*)?(\(|function)|\bdef\s+(down|downgrade)\b/

/** The part of a code migration that runs on the way up: from its up definition to its down definition. */
function upRegion(text: string): [number, number] {
  const up = UP_DEFINITION.exec(text)?.index ?? 0
  const down = DOWN_DEFINITION.exec(text)?.index
  if (down === undefined) return [0, text.length]
  return down > up ? [0, down] : [up, text.length]
}

/** [start, end) of a string literal's content at `at`, or undefined when it is not a plain literal. */
function readLiteral(text: string, at: number): [number, number] | undefined {
  const triple = text.startsWith('"""', at) || text.startsWith("'''", at)
  const quote = triple ? text.slice(at, at + 3) : text[at]
  if (!quote || !['"', "'", '`', '"""', "'''"].includes(quote)) return undefined
  const start = at + quote.length
  const end = text.indexOf(quote, start)
  if (end === -1) return undefined
  const content = text.slice(start, end)
  if (content.includes('\\') || (quote === '`' && content.includes('${'))) return undefined
  if (!triple && quote !== '`' && content.includes('\n')) return undefined
  return [start, end]
}

/** Whether a JS/TS migration exports a down function (knex, node-pg-migrate, Sequelize, TypeORM). */
export function hasJsDown(text: string): boolean {
  if (/exports\.down\s*=\s*false/.test(text) || /export\s+const\s+down\s*=\s*false/.test(text)) return false
  return DOWN_DEFINITION.test(text)
}
