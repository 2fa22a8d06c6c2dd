import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { drizzle as drizzleOrm } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { drizzle as adapter } from '../../src/gates/migrations/tools/drizzle.js'
import { columnsOf, copyFixture, runGate, testDatabase, where, type TestDatabase } from './helpers.js'

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[]
}

let db: TestDatabase
beforeAll(async () => {
  db = await testDatabase()
}, 60_000)
afterAll(async () => {
  await db?.close()
})
beforeEach(async () => {
  await db.reset()
})

const folder = (project: string): string => path.join(project, 'drizzle')
const journalFile = (project: string): string => path.join(folder(project), 'meta', '_journal.json')
const readJournal = (project: string): Journal =>
  JSON.parse(readFileSync(journalFile(project), 'utf8')) as Journal
const writeJournal = (project: string, journal: Journal): void =>
  writeFileSync(journalFile(project), JSON.stringify(journal, null, 2))
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

/**
 * drizzle-orm's own migrator over the project's drizzle-kit folder. With `first`, only that many journal
 * entries exist while it runs (the deploy before the later migrations were generated).
 */
async function applyWithDrizzle(project: string, first?: number): Promise<void> {
  const full = readJournal(project)
  if (first !== undefined) writeJournal(project, { ...full, entries: full.entries.slice(0, first) })
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    await migrate(drizzleOrm(client), { migrationsFolder: folder(project) })
  } finally {
    await client.end()
    writeJournal(project, full)
  }
}

const userColumns = (): Promise<string[]> => columnsOf(db, 'public', 'users')

describe(`drizzle: migrations applied by drizzle-orm's migrator (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'})`, () => {
  it('after applying some: the gate reads drizzle.__drizzle_migrations as the migrator wrote it', async () => {
    const project = copyFixture('real', 'drizzle')
    await applyWithDrizzle(project, 2)
    expect(await columnsOf(db, 'drizzle', '__drizzle_migrations')).toEqual(adapter.table.columns)
    // The migrator's rows: the file's SHA-256 and the journal's `when`.
    const rows = await db.query('SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id')
    expect(rows.rows).toEqual([
      { hash: sha256(path.join(folder(project), '0000_init_users.sql')), created_at: '1718000000000' },
      { hash: sha256(path.join(folder(project), '0001_create_orders.sql')), created_at: '1718000100000' }
    ])

    const result = await runGate(project, { 'database-url': db.url })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual(['0002_users_name'])
    expect(where(result)).toEqual(['pending-migration@drizzle/0002_users_name.sql:1'])
    expect(result.scope).toMatch(/^drizzle: 3 migrations in drizzle, .*database: 2 applied, 1 pending$/)
  })

  it('after applying all: nothing pending, no finding', async () => {
    const project = copyFixture('real', 'drizzle')
    await applyWithDrizzle(project)
    expect(await userColumns()).toEqual(['id', 'email', 'created_at', 'name'])
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([])
    expect(result.outputs.pending).toBe('0')
    expect(result.scope).toMatch(/database: 3 applied, 0 pending$/)
  })

  it('an applied migration edited afterwards: SHA-256 drift, and the migrator never runs the edit', async () => {
    const project = copyFixture('real', 'drizzle')
    await applyWithDrizzle(project)
    const file = path.join(folder(project), '0001_create_orders.sql')
    const appliedHash = sha256(file)
    writeFileSync(
      file,
      readFileSync(file, 'utf8') + '\n--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "phone" text;'
    )
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual(['checksum-mismatch@drizzle/0001_create_orders.sql:1'])
    expect(result.findings[0]!.message).toBe(
      `Migration 0001_create_orders was edited after it was applied: checksum ${sha256(file)} in the repository, ${appliedHash} in the database.`
    )
    // What the finding warns about: the next deploy's migrator skips the edited file.
    await applyWithDrizzle(project)
    expect(await userColumns()).not.toContain('phone')
  })

  it('a migration removed (file and journal entry) after it ran: applied but missing', async () => {
    const project = copyFixture('real', 'drizzle')
    await applyWithDrizzle(project)
    const journal = readJournal(project)
    writeJournal(project, { ...journal, entries: journal.entries.filter(e => e.tag !== '0002_users_name') })
    rmSync(path.join(folder(project), '0002_users_name.sql'))
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual(['applied-migration-missing@:'])
    expect(result.findings[0]!.message).toBe(
      'Migration 1718000200000 is applied in the database but missing from the repository.'
    )
  })

  it('a journal entry whose file was deleted: the migrator and the gate both refuse, naming the file', async () => {
    const project = copyFixture('real', 'drizzle')
    rmSync(path.join(folder(project), '0001_create_orders.sql'))
    await expect(applyWithDrizzle(project)).rejects.toThrow(/No file .*0001_create_orders\.sql found/)
    await expect(runGate(project, { 'database-url': db.url })).rejects.toThrow(
      'drizzle/0001_create_orders.sql: file not found'
    )
  })

  it('a new migration generated before the last applied one (merged late): out-of-order, skipped by the migrator', async () => {
    const project = copyFixture('real', 'drizzle')
    await applyWithDrizzle(project)
    const journal = readJournal(project)
    journal.entries.push({
      idx: 3,
      version: '7',
      when: 1718000150000,
      tag: '0003_users_phone',
      breakpoints: true
    })
    writeJournal(project, journal)
    writeFileSync(
      path.join(folder(project), '0003_users_phone.sql'),
      'ALTER TABLE "users" ADD COLUMN "phone" text;'
    )
    await applyWithDrizzle(project)
    expect(await userColumns()).not.toContain('phone')

    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([
      'out-of-order@drizzle/0003_users_phone.sql:1',
      'pending-migration@drizzle/0003_users_phone.sql:1'
    ])
    expect(result.findings[0]!.message).toBe(
      'Migration 0003_users_phone is pending but sorts before 0002_users_name, which is already applied.'
    )
  })
})
