import { InputError } from '../../errors.js'
import { assertInsideWorkspace } from '../../kernel/files.js'
import { existsSync } from 'node:fs'
import { getBoolean, getChoice, getDuration, getList, getString } from '../../inputs.js'
import type { InputSource } from '../../types.js'
import { isRuleId, RULES, type RuleId } from './lint/rules.js'
import { TOOL_NAMES, type ToolName } from './tools/types.js'

export interface MigrationsConfig {
  migrationsDir: string
  tool: ToolName | 'auto'
  /** '' = offline checks only. */
  databaseUrl: string
  /** '' = the pull request's base on pull_request events, else lint every migration. */
  baseRef: string
  dialect: 'postgres'
  /** Rule ids downgraded one severity step. */
  allow: RuleId[]
  lockTimeoutRules: boolean
  connectTimeoutMs: number
  statementTimeoutMs: number
  /** The history table when the project renamed it: schema '' = the tool's default (or Prisma's `?schema=`). */
  historyTable: { schema: string; name: string }
  /**
   * The shadow replay: 'auto' runs it when the tool's runtime is found, 'true' requires it, 'false' reads the
   * code statically only.
   */
  shadow: 'auto' | 'true' | 'false'
  /** The project's own migrate command as argv (no shell); [] = the tool's documented default. */
  shadowCommand: string[]
  /** '' = an embedded PGlite on loopback; else an empty PostgreSQL server the gate may write to. */
  shadowDatabaseUrl: string
  shadowTimeoutMs: number
  /** With database-url: compare the database's schema with the replay of its applied migrations. */
  drift: boolean
  /** How an input is named to the user (`input 'tool'` or `--tool`), for errors found while running. */
  describeInput: InputSource['describe']
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_SHADOW_TIMEOUT = '5m'
/** A branch's first push: GitHub's `before` is forty zeros, meaning "no base". */
const NULL_SHA = /^0{40}$/
/** A git ref or revision as the gate accepts it: never an option, never a path outside refs. */
const GIT_REF = /^(?!-)[\w./@{}^~-]+$/

function parseDatabaseUrl(source: InputSource, name: string): string {
  const databaseUrl = getString(source, name)
  if (!databaseUrl) return ''
  let url: URL
  try {
    url = new URL(databaseUrl)
  } catch {
    // Not echoed, even redacted: a password with an unencoded '/' or '#' is what makes the URL invalid,
    // and then nothing reliably says where the password ends.
    throw new InputError(
      `${source.describe(name)} is not a valid URL: percent-encode '/', '#', '?' and '@' in the user name and password`
    )
  }
  const { protocol } = url
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new InputError(
      `${source.describe(name)} must be a postgres:// or postgresql:// URL (got '${protocol}')`
    )
  }
  // `postgres:user:password@host/db` parses (as a path), and the password would be shown as part of one.
  if (!databaseUrl.slice(protocol.length).startsWith('//')) {
    throw new InputError(
      `${source.describe(name)} must start with ${protocol}// (postgres://user:password@host:port/database)`
    )
  }
  // pg reads these files synchronously while connecting; a missing one would surface as a raw ENOENT trace.
  for (const key of ['sslrootcert', 'sslcert', 'sslkey']) {
    const file = url.searchParams.get(key)
    if (file && file !== 'system' && !existsSync(file))
      throw new InputError(`${source.describe(name)}: ${key} file '${file}' does not exist`)
    // pg reads it as given: a certificate path is confined to the workspace like every input file.
    if (file && file !== 'system') assertInsideWorkspace(process.cwd(), file)
  }
  return databaseUrl
}

/** `[schema.]name` of the history table. */
function parseHistoryTable(source: InputSource): { schema: string; name: string } {
  const value = getString(source, 'history-table')
  if (!value) return { schema: '', name: '' }
  const match = /^(?:([A-Za-z_][\w$]*)\.)?([A-Za-z_][\w$]*)$/.exec(value)
  if (!match)
    throw new InputError(
      `${source.describe('history-table')} must be a table name or schema.name (got '${value}')`
    )
  return { schema: match[1] ?? '', name: match[2]! }
}

/** Splits a command line into argv the way a POSIX shell splits words, without expanding anything. */
export function splitCommand(source: InputSource, name: string): string[] {
  const value = getString(source, name)
  const words: string[] = []
  let word: string | undefined
  let quote: '"' | "'" | undefined
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < value.length) word = (word ?? '') + value[++i]
      else word = (word ?? '') + c
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === '\\' && i + 1 < value.length) word = (word ?? '') + value[++i]
    else if (/[|&;<>()$`]/.test(c))
      throw new InputError(
        `${source.describe(name)} is run without a shell: '${c}' would not mean what it does in one; put the steps in a script and name the script`
      )
    else word = (word ?? '') + c
  }
  if (quote) throw new InputError(`${source.describe(name)} has an unclosed ${quote} quote`)
  if (word !== undefined) words.push(word)
  return words
}
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000

export function parseMigrationsInputs(source: InputSource): MigrationsConfig {
  const databaseUrl = parseDatabaseUrl(source, 'database-url')
  const shadowDatabaseUrl = parseDatabaseUrl(source, 'shadow-database-url')
  const baseRef = getString(source, 'base-ref')
  if (baseRef && !GIT_REF.test(baseRef))
    throw new InputError(`${source.describe('base-ref')} is not a git ref or commit (got '${baseRef}')`)
  const allow = getList(source, 'allow')
  const unknown = allow.filter(rule => !isRuleId(rule))
  if (unknown.length) {
    throw new InputError(
      `${source.describe('allow')} names unknown rule(s) ${unknown.join(', ')}; known: ${Object.keys(RULES).join(', ')}`
    )
  }
  return {
    migrationsDir: getString(source, 'migrations-dir'),
    tool: getChoice(source, 'tool', ['auto', ...TOOL_NAMES] as const, 'auto'),
    databaseUrl,
    baseRef: NULL_SHA.test(baseRef) ? '' : baseRef,
    dialect: getChoice(source, 'dialect', ['postgres'] as const, 'postgres'),
    allow: allow as RuleId[],
    lockTimeoutRules: getBoolean(source, 'lock-timeout-rules', false),
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
    historyTable: parseHistoryTable(source),
    shadow: getChoice(source, 'shadow', ['auto', 'true', 'false'] as const, 'auto'),
    shadowCommand: splitCommand(source, 'shadow-command'),
    shadowDatabaseUrl,
    shadowTimeoutMs: getDuration(source, 'shadow-timeout', DEFAULT_SHADOW_TIMEOUT),
    drift: getBoolean(source, 'drift', true),
    describeInput: name => source.describe(name)
  }
}

/** The password (raw and decoded) of a database URL, for the reporter to mask. */
export function urlSecrets(...urls: string[]): string[] {
  return [...new Set(urls.flatMap(urlSecret))]
}

function urlSecret(url: string): string[] {
  try {
    const password = new URL(url).password
    if (!password) return []
    return [...new Set([password, decodeURIComponent(password)])]
  } catch {
    return []
  }
}
