import { redactUrl } from '../../../inputs.js'
import type { HistoryTable } from '../tools/types.js'

export interface DatabaseOptions {
  url: string
  connectTimeoutMs: number
  statementTimeoutMs: number
}

export type HistoryRead =
  | { status: 'ok'; rows: Record<string, unknown>[]; table: string }
  | { status: 'missing'; table: string }
  | { status: 'shape'; table: string; missingColumns: string[] }

/** A failure to reach or query the database; the message is safe to show (no password). */
export class DatabaseError extends Error {
  override name = 'DatabaseError'
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}

/**
 * Reads the history table inside `BEGIN READ ONLY`, with connect, statement and lock timeouts and an
 * overall deadline, then rolls back. Nothing is written: a read-only role (or a replica) is enough.
 */
export async function readHistoryTable(
  options: DatabaseOptions,
  table: HistoryTable,
  select: (qualified: string) => string
): Promise<HistoryRead> {
  // Loaded here, not at start-up: pg (and node:net/tls/crypto under it) is needed only with database-url.
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.statementTimeoutMs,
    application_name: 'deploy-gates migrations'
  })
  // A socket error after connect must not crash the process; the pending query rejects instead.
  client.on('error', () => {})
  const deadlineMs = options.connectTimeoutMs + 3 * options.statementTimeoutMs
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseError(`no answer from the database within ${Math.round(deadlineMs / 1000)}s`)),
      deadlineMs
    )
  })
  const work = async (): Promise<HistoryRead> => {
    try {
      await client.connect()
    } catch (error) {
      throw new DatabaseError(
        `cannot connect to ${describeTarget(options.url)}: ${safeMessage(error, options.url)}`
      )
    }
    try {
      await client.query('BEGIN TRANSACTION READ ONLY')
      const ms = Math.max(1, Math.floor(options.statementTimeoutMs))
      await client.query(`SET LOCAL statement_timeout = ${ms}`)
      await client.query(`SET LOCAL lock_timeout = ${ms}`)
      const name = table.schema ? `${quote(table.schema)}.${quote(table.name)}` : quote(table.name)
      const shown = table.schema ? `${table.schema}.${table.name}` : table.name
      const found = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid AS oid', [name])
      const oid = found.rows[0]?.oid
      if (!oid) return { status: 'missing', table: shown }
      const columns = await client.query<{ attname: string }>(
        'SELECT attname FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped',
        [oid]
      )
      const present = new Set(columns.rows.map(r => r.attname))
      const missingColumns = table.columns.filter(c => !present.has(c))
      if (missingColumns.length) return { status: 'shape', table: shown, missingColumns }
      const rows = await client.query(select(name))
      return { status: 'ok', rows: rows.rows as Record<string, unknown>[], table: shown }
    } catch (error) {
      if (error instanceof DatabaseError) throw error
      throw new DatabaseError(`reading the history table failed: ${safeMessage(error, options.url)}`)
    } finally {
      await client.query('ROLLBACK').catch(() => {})
    }
  }
  try {
    return await Promise.race([work(), deadline])
  } finally {
    clearTimeout(timer)
    // end() waits for the server; a silent server must not hold the gate past its deadline.
    await Promise.race([
      client.end().catch(() => {}),
      new Promise(resolve => setTimeout(resolve, 1000).unref())
    ])
  }
}

/** host:port/database, never user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`
  } catch {
    return redactUrl(url)
  }
}

function safeMessage(error: unknown, url: string): string {
  let message = error instanceof Error ? error.message : String(error)
  if (error instanceof AggregateError && error.errors.length)
    message = error.errors.map(e => (e as Error).message).join('; ')
  message = message.replace(/^(\w*Error: )+/, '')
  // pg says 'timeout expired' or 'Connection terminated due to connection timeout'.
  if (/timeout expired|connection timeout/i.test(message)) message = 'connection timed out'
  try {
    const password = decodeURIComponent(new URL(url).password)
    if (password) message = message.split(password).join('***')
  } catch {
    // not a URL: nothing to strip
  }
  return message || 'unknown error'
}
