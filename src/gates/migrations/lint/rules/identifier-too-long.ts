import type { StatementRule } from '../rule.js'

const MAX_IDENTIFIER_BYTES = 63
const DEFINING = new Set([
  'CreateStmt',
  'AlterTableStmt',
  'IndexStmt',
  'RenameStmt',
  'ViewStmt',
  'CreateTableAsStmt',
  'CreateSeqStmt',
  'CreateTrigStmt',
  'CreateSchemaStmt',
  'CreateEnumStmt',
  'CreateDomainStmt',
  'CompositeTypeStmt',
  'CreateFunctionStmt'
])

/**
 * Identifiers as written in the statement's text (the parser has already truncated them to 63 bytes):
 * unquoted words and "quoted" names, outside strings, comments and dollar-quoted bodies.
 */
export function* writtenIdentifiers(text: string): Generator<string> {
  const token =
    /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\/|(\$[A-Za-z_]*\$)[\s\S]*?\1|"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)/g
  for (let match = token.exec(text); match; match = token.exec(text)) {
    if (match[2] !== undefined) yield match[2].replace(/""/g, '"')
    else if (match[3] !== undefined) yield match[3]
  }
}

export const identifierTooLong: StatementRule = {
  id: 'identifier-too-long',
  kinds: [...DEFINING],
  check({ text }) {
    // Most statements have no run of 64 name characters at all: skip the scan (non-ASCII text is always scanned,
    // as a name of 22 three-byte characters is already too long).
    // eslint-disable-next-line no-control-regex
    if (!/[^\s,;().=]{64}|"[^"]{64}/.test(text) && !/[^\x00-\x7f]/.test(text)) return undefined
    const long = new Set<string>()
    for (const name of writtenIdentifiers(text))
      if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) long.add(name)
    return [...long].map(
      name => `Identifier ${name} is ${Buffer.byteLength(name, 'utf8')} bytes; PostgreSQL truncates it to 63.`
    )
  }
}
