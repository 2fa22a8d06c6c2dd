import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import pg from 'pg'
import { runMigrationsGate, type MigrationsConfig } from '../../src/gates/migrations/index.js'
import { parseMigrationsInputs } from '../../src/gates/migrations/config.js'
import { mapInputSource } from '../../src/inputs.js'
import type { GateIO, GateResult, GitHubContext } from '../../src/types.js'
import { testGateIO } from '../helpers/gate-io.js'

/** Test repositories' git, isolated from the user's configuration (__tests__/helpers/git.ts). */
export { git } from '../helpers/git.js'

export const FIXTURES = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
  '__fixtures__',
  'migrations'
)
export const REPO = path.resolve(FIXTURES, '..', '..')

export function gateIO(cwd: string, github: Partial<GitHubContext> = {}): GateIO {
  return testGateIO(cwd, { github })
}

export function configFor(
  inputs: Record<string, string>,
  overrides: Partial<MigrationsConfig> = {}
): MigrationsConfig {
  return { ...parseMigrationsInputs(mapInputSource(inputs)), ...overrides }
}

/**
 * Runs the gate in-process. The shadow replay and the drift check are off unless a test names them: most tests
 * write history rows without the schema behind them (drift would rightly report every table) or use code
 * migrations without the tool installed; shadow.test.ts and drift.test.ts test both on real tools and schemas.
 */
export async function runGate(
  cwd: string,
  inputs: Record<string, string> = {},
  overrides: Partial<MigrationsConfig> = {},
  github: Partial<GitHubContext> = {}
): Promise<GateResult> {
  return runMigrationsGate(
    configFor({ shadow: 'false', drift: 'false', ...inputs }, overrides),
    gateIO(cwd, github)
  )
}

/** rule@file:line for compact, exact assertions. */
export function where(result: GateResult): string[] {
  return result.findings.map(f => `${f.rule}@${f.file ?? ''}:${f.line ?? ''}`)
}

/** A scratch project: { 'path/in/project': 'content' }. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-migrations-'))
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

/** A scratch copy of a fixture project (under __fixtures__/migrations), safe to edit. */
export function copyFixture(...segments: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dg-migrations-${segments.at(-1)}-`))
  cpSync(path.join(FIXTURES, ...segments), dir, { recursive: true })
  return dir
}

/**
 * A PostgreSQL database for one test file: a fresh database on the real server when
 * DEPLOY_GATES_TEST_DATABASE_URL is set (CI), else an embedded PGlite served on loopback.
 */
export interface TestDatabase {
  url: string
  kind: 'server' | 'pglite'
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>
  /** Drops everything the tests created (schemas public and drizzle). */
  reset(): Promise<void>
  close(): Promise<void>
}

/** The columns of a table as the tool created it, in table order. */
export async function columnsOf(db: TestDatabase, schema: string, table: string): Promise<string[]> {
  const result = await db.query(
    `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [schema, table]
  )
  return result.rows.map(row => String(row.attname))
}

export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DEPLOY_GATES_TEST_DATABASE_URL
  let url: string
  let cleanup: () => Promise<void>
  let kind: TestDatabase['kind']
  if (serverUrl) {
    kind = 'server'
    const name = `deploy_gates_migrations_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const target = new URL(serverUrl)
    target.pathname = `/${name}`
    url = target.toString()
    cleanup = async () => {
      const drop = new pg.Client({ connectionString: serverUrl })
      await drop.connect()
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await drop.end()
    }
  } else {
    kind = 'pglite'
    const { startPgliteServer } = await import('../../src/gates/migrations/pglite-server.js')
    const embedded = await startPgliteServer()
    url = embedded.url
    cleanup = () => embedded.close()
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    url,
    kind,
    query: (sql, params) => client.query(sql, params),
    async reset() {
      await client.query(
        'DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;'
      )
    },
    async close() {
      await client.end()
      await cleanup()
    }
  }
}
