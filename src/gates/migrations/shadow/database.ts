import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { UserError } from '../../../errors.js'
import { describeTarget } from '../db/history.js'

/** The scratch PostgreSQL the shadow replay migrates: ours to write to, never the user's database. */
export interface ShadowDatabase {
  /** Where clients connect (credentials included). */
  url: string
  host: string
  port: number
  kind: 'pglite' | 'server'
  /** Drops every schema the replay created, so the next replay starts from an empty database. */
  reset(): Promise<void>
  close(): Promise<void>
}

/** Schemas every PostgreSQL has; the rest were made by migrations. */
export const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast']
const USER_SCHEMAS = `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'`

async function dropUserSchemas(url: string): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    const schemas = await client.query<{ nspname: string }>(USER_SCHEMAS)
    for (const { nspname } of schemas.rows)
      await client.query(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`)
    await client.query('CREATE SCHEMA IF NOT EXISTS public')
  } finally {
    await client.end().catch(() => {})
  }
}

/** PGlite in this process: where the forked entry is not built (tests run from src/). */
async function startPgliteHere(): Promise<{ url: string; close(): Promise<void> }> {
  const { startPgliteServer } = await import('../pglite-server.js')
  return startPgliteServer()
}

/** How long the shadow process may take to start (PGlite unpacks its cluster) before the gate gives up. */
const PGLITE_START_TIMEOUT_MS = 60_000

/**
 * PGlite in a process of its own (dist/shadow-pglite.js, see pglite-child.ts), run with `--liftoff-only`: half
 * the memory on Node 24, none of it in the gate's process. Ended when the gate closes it, or when the gate exits.
 */
async function startPgliteProcess(entry: string): Promise<{ url: string; close(): Promise<void> }> {
  const { fork } = await import('node:child_process')
  const child = fork(entry, [], {
    execArgv: ['--liftoff-only'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json'
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new UserError(`the shadow database did not start within ${PGLITE_START_TIMEOUT_MS / 1000}s`))
    }, PGLITE_START_TIMEOUT_MS)
    child.once('message', message => {
      clearTimeout(timer)
      resolve((message as { url: string }).url)
    })
    child.once('exit', code => {
      clearTimeout(timer)
      reject(
        new UserError(
          `the shadow database stopped while starting (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`
        )
      )
    })
  })
  return {
    url,
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.send('stop')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
}

/**
 * An embedded PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port. Loaded only when a replay
 * runs: a gate run without one never loads PGlite's ~15 MB of WebAssembly and data.
 */
async function startPglite(): Promise<ShadowDatabase> {
  const entry = fileURLToPath(new URL('./shadow-pglite.js', import.meta.url))
  const embedded = existsSync(entry) ? await startPgliteProcess(entry) : await startPgliteHere()
  const url = new URL(embedded.url)
  return {
    url: embedded.url,
    host: url.hostname,
    port: Number(url.port),
    kind: 'pglite',
    reset: () => dropUserSchemas(embedded.url),
    close: () => embedded.close()
  }
}

/**
 * A server the user named (`shadow-database-url`, e.g. a `services: postgres` container). It must be empty:
 * the replay creates and later drops everything in it, so a database with tables is refused, never wiped.
 */
async function useServer(
  url: string,
  productionUrl: string,
  connectTimeoutMs: number
): Promise<ShadowDatabase> {
  if (productionUrl && describeTarget(url) === describeTarget(productionUrl))
    throw new UserError(
      'shadow-database-url names the same database as database-url: the shadow must be a scratch database'
    )
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw new UserError(
      `cannot connect to the shadow database ${describeTarget(url)}: ${(error as Error).message}`
    )
  }
  try {
    const objects = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN (${USER_SCHEMAS}) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`
    )
    const count = Number(objects.rows[0]?.n ?? 0)
    if (count > 0)
      throw new UserError(
        `the shadow database ${describeTarget(url)} is not empty (${count} tables, views or sequences): the replay writes to it, so give it an empty database`
      )
  } finally {
    await client.end().catch(() => {})
  }
  const parsed = new URL(url)
  return {
    url,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    kind: 'server',
    reset: () => dropUserSchemas(url),
    close: async () => {
      await dropUserSchemas(url).catch(() => {})
    }
  }
}

export async function startShadowDatabase({
  shadowUrl,
  productionUrl,
  connectTimeoutMs
}: {
  shadowUrl: string
  productionUrl: string
  connectTimeoutMs: number
}): Promise<ShadowDatabase> {
  return shadowUrl ? useServer(shadowUrl, productionUrl, connectTimeoutMs) : startPglite()
}
