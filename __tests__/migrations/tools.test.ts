import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { locateMigrations } from '../../src/gates/migrations/locate.js'
import { flywayChecksum, normalizeFlywayVersion } from '../../src/gates/migrations/tools/flyway.js'
import { TOOLS } from '../../src/gates/migrations/tools/index.js'
import type { ToolName } from '../../src/gates/migrations/tools/types.js'
import { mapInputSource } from '../../src/inputs.js'
import { FIXTURES, project, runGate } from './helpers.js'

const source = mapInputSource({})
const fixture = (tool: string): string => path.join(FIXTURES, 'tools', tool)

async function listed(
  tool: ToolName
): Promise<{ tool: string; dir: string; ids: string[]; names: string[]; downs: (boolean | undefined)[] }> {
  const cwd = fixture(tool)
  const located = await locateMigrations(cwd, '', 'auto', source.describe)
  const files = await located.tool.list(located.directory, cwd, [])
  return {
    tool: located.tool.name,
    dir: located.display,
    ids: files.map(f => f.id),
    names: files.map(f => f.name),
    downs: files.map(f => f.hasDown)
  }
}

describe("tool adapters: detection from the layout, the tool's own order and ids", () => {
  it('prisma', async () => {
    expect(await listed('prisma')).toMatchObject({
      tool: 'prisma',
      dir: 'prisma/migrations',
      ids: ['20240101000000_init', '20240102000000_add_orders', '20240103000000_orders_index']
    })
  })

  it('flyway: versions compared numerically (V10 after V2), V1_1 is 1.1, repeatables last', async () => {
    expect(await listed('flyway')).toMatchObject({
      tool: 'flyway',
      dir: 'db/migration',
      ids: ['1', '1.1', '2', '10', 'R:user emails'],
      downs: [undefined, undefined, undefined, undefined, undefined]
    })
    expect(normalizeFlywayVersion('1_01_0')).toBe('1.1')
  })

  it('flyway checksum is CRC32 over lines without terminators, signed, BOM stripped', () => {
    // Reference values from an independent implementation (Python's zlib.crc32, the same IEEE CRC-32 as
    // java.util.zip.CRC32) fed line by line, then read as a signed 32-bit int.
    expect(flywayChecksum('SELECT 1;')).toBe(78787420)
    expect(flywayChecksum('CREATE TABLE users (id bigint PRIMARY KEY);\r\n')).toBe(1812668543)
    expect(flywayChecksum('a\nb')).toBe(flywayChecksum('a\r\nb'))
    expect(flywayChecksum('a\nb')).toBe(flywayChecksum('\ufeffab'))
    expect(flywayChecksum('a\nb')).not.toBe(flywayChecksum('a\nc'))
  })

  it('golang-migrate: numeric versions, down files', async () => {
    expect(await listed('golang-migrate')).toMatchObject({
      tool: 'golang-migrate',
      ids: ['1', '2', '10'],
      downs: [true, true, false]
    })
  })

  it('dbmate: -- migrate:down section with no SQL is no down migration', async () => {
    expect(await listed('dbmate')).toMatchObject({
      tool: 'dbmate',
      dir: 'db/migrations',
      ids: ['20240101000000', '20240102000000', '20240103000000'],
      downs: [true, true, false]
    })
  })

  it('rails, django (per app), alembic (revision graph order), drizzle (journal), sequelize, typeorm, knex', async () => {
    expect(await listed('rails')).toMatchObject({
      tool: 'rails',
      dir: 'db/migrate',
      ids: ['20240101000000', '20240102000000']
    })
    expect(await listed('django')).toMatchObject({
      tool: 'django',
      dir: '.',
      ids: ['accounts.0001_initial', 'shop.0001_initial', 'shop.0002_drop_note']
    })
    expect(await listed('alembic')).toMatchObject({
      tool: 'alembic',
      ids: ['1a2b3c4d5e6f', '9f8e7d6c5b4a', '0c0ffee00001'],
      downs: [true, false, true]
    })
    expect(await listed('drizzle')).toMatchObject({
      tool: 'drizzle',
      ids: ['1718000000000', '1718000100000', '1718000200000']
    })
    expect(await listed('sequelize')).toMatchObject({
      tool: 'sequelize',
      ids: ['20240101000000-create-users.js', '20240102000000-rename-email.js'],
      downs: [true, false]
    })
    expect(await listed('typeorm')).toMatchObject({
      tool: 'typeorm',
      dir: 'src/migration',
      ids: ['CreateUsers1718000000000', 'UsersEmail1718000100000']
    })
    expect(await listed('knex')).toMatchObject({
      tool: 'knex',
      ids: ['20240101000000_create_users.js', '20240102000000_create_orders.js']
    })
  })

  it("checksums are the tools' own: prisma and drizzle SHA-256 of the file", async () => {
    const cwd = fixture('drizzle')
    const files = await TOOLS.drizzle.list(path.join(cwd, 'drizzle'), cwd, [])
    const expected = createHash('sha256')
      .update(readFileSync(path.join(cwd, 'drizzle/0001_quiet_orders.sql')))
      .digest('hex')
    expect(files[1]!.checksums).toEqual([expected])
  })

  it('lints the SQL embedded in code migrations at its own line', async () => {
    const lines = async (tool: string): Promise<string[]> =>
      (await runGate(fixture(tool))).findings.map(f => `${f.rule}@${f.file}:${f.line}`)
    expect(await lines('django')).toEqual(['drop-column@shop/migrations/0002_drop_note.py:7'])
    expect(await lines('alembic')).toEqual([
      'drop-table@alembic/versions/9f8e7d6c5b4a_drop_legacy.py:13',
      'missing-down-migration@alembic/versions/9f8e7d6c5b4a_drop_legacy.py:13'
    ])
    expect(await lines('sequelize')).toEqual([
      'rename-column@migrations/20240102000000-rename-email.js:5',
      'missing-down-migration@migrations/20240102000000-rename-email.js:5'
    ])
    expect(await lines('typeorm')).toEqual([
      'add-column-not-null-without-default@src/migration/1718000100000-UsersEmail.ts:7'
    ])
    expect(await lines('rails')).toEqual([
      'create-index-non-concurrently@db/migrate/20240102000000_add_index_to_users.rb:4'
    ])
    expect(await lines('drizzle')).toEqual(['drop-column@drizzle/0002_loud_drop.sql:1'])
    expect(await lines('flyway')).toEqual([])
  })
})

describe('bad input', () => {
  it('an empty migrations directory is a clear error', async () => {
    const dir = project({ 'migrations/.keep': '' })
    await expect(runGate(dir, { 'migrations-dir': 'migrations' })).rejects.toThrow(
      "no migrations of a known tool found in 'migrations': set --tool and --migrations-dir"
    )
    await expect(runGate(dir, { 'migrations-dir': 'migrations', tool: 'dbmate' })).rejects.toThrow(
      'migrations contains no dbmate migrations: check --migrations-dir and --tool'
    )
  })

  it('a wrong tool, a missing directory, an unsupported dialect and a non-postgres URL are refused', async () => {
    const dir = fixture('dbmate')
    await expect(runGate(dir, { tool: 'liquibase' })).rejects.toThrow(
      /^--tool must be one of auto, prisma, flyway, golang-migrate, knex/
    )
    await expect(runGate(dir, { 'migrations-dir': 'nope' })).rejects.toThrow(
      "--migrations-dir: directory 'nope' not found"
    )
    await expect(runGate(dir, { tool: 'prisma' })).rejects.toThrow(
      'no prisma migrations directory found (looked in prisma/migrations, packages/*/prisma/migrations, apps/*/prisma/migrations): set --migrations-dir'
    )
    await expect(runGate(dir, { dialect: 'mysql' })).rejects.toThrow(
      "--dialect must be one of postgres (got 'mysql')"
    )
    await expect(runGate(dir, { 'database-url': 'mysql://u:hunter2@db/x' })).rejects.toThrow(
      "--database-url must be a postgres:// or postgresql:// URL (got 'mysql:')"
    )
  })

  it('two tools equally likely is an error naming both, not a guess', async () => {
    const dir = project({
      'db/migrations/20240101_a.sql': '-- migrate:up\nSELECT 1;\n',
      'migrations/000001_a.up.sql': 'SELECT 1;\n'
    })
    await expect(runGate(dir)).rejects.toThrow(
      'migrations of several tools found: golang-migrate (migrations), dbmate (db/migrations); set --tool'
    )
  })

  it('a malformed drizzle journal is a file error', async () => {
    const dir = project({ 'drizzle/meta/_journal.json': '{"entries": 3' })
    await expect(runGate(dir)).rejects.toThrow(/^drizzle\/meta\/_journal.json: not a drizzle journal: /)
  })
})
