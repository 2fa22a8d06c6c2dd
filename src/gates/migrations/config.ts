import { InputError } from '../../errors.js'
import { getBoolean, getChoice, getList, getString } from '../../inputs.js'
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
  /** How inputs are named to the user (`input 'tool'` or `--tool`). */
  source: InputSource
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000

export function parseMigrationsInputs(source: InputSource): MigrationsConfig {
  const databaseUrl = getString(source, 'database-url')
  if (databaseUrl) {
    let protocol: string
    try {
      protocol = new URL(databaseUrl).protocol
    } catch {
      // Not echoed, even redacted: a password with an unencoded '/' or '#' is what makes the URL invalid,
      // and then nothing reliably says where the password ends.
      throw new InputError(
        `${source.describe('database-url')} is not a valid URL: percent-encode '/', '#', '?' and '@' in the user name and password`
      )
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new InputError(
        `${source.describe('database-url')} must be a postgres:// or postgresql:// URL (got '${protocol}')`
      )
    }
    // `postgres:user:password@host/db` parses (as a path), and the password would be shown as part of one.
    if (!databaseUrl.slice(protocol.length).startsWith('//')) {
      throw new InputError(
        `${source.describe('database-url')} must start with ${protocol}// (postgres://user:password@host:port/database)`
      )
    }
  }
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
    baseRef: getString(source, 'base-ref'),
    dialect: getChoice(source, 'dialect', ['postgres'] as const, 'postgres'),
    allow: allow as RuleId[],
    lockTimeoutRules: getBoolean(source, 'lock-timeout-rules', false),
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
    source
  }
}

/** The password (raw and decoded) of a database URL, for the reporter to mask. */
export function urlSecrets(url: string): string[] {
  try {
    const password = new URL(url).password
    if (!password) return []
    return [...new Set([password, decodeURIComponent(password)])]
  } catch {
    return []
  }
}
