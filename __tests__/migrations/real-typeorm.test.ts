import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { DataSource } from 'typeorm'
import { typeorm as adapter } from '../../src/gates/migrations/tools/typeorm.js'
import { columnsOf, copyFixture, runGate, testDatabase, where, type TestDatabase } from './helpers.js'

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

const migrationsDir = (project: string): string => path.join(project, 'src', 'migration')

/**
 * A DataSource configured as a TypeORM project is: TypeORM loads the migration classes itself, from a glob
 * (or, for a deploy that predates later migrations, from the listed files only).
 */
async function withDataSource<T>(
  project: string,
  action: (source: DataSource) => Promise<T>,
  files = ['*.js']
): Promise<T> {
  const source = new DataSource({
    type: 'postgres',
    url: db.url,
    migrations: files.map(file => path.join(migrationsDir(project), file)),
    logging: false,
    // One connection: PGlite serves every connection from a single session.
    poolSize: 1
  })
  await source.initialize()
  try {
    return await action(source)
  } finally {
    await source.destroy()
  }
}

const applyWithTypeorm = (project: string, files?: string[]): Promise<string[]> =>
  withDataSource(project, source => source.runMigrations().then(ran => ran.map(m => m.name)), files)

describe(`typeorm: migrations applied by DataSource.runMigrations (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'})`, () => {
  it('after applying some: the gate reads the real migrations table and lists what TypeORM would run next', async () => {
    const project = copyFixture('real', 'typeorm')
    expect(
      await applyWithTypeorm(project, ['1718000000000-CreateUsers.js', '1718000100000-CreateOrders.js'])
    ).toEqual(['CreateUsers1718000000000', 'CreateOrders1718000100000'])
    expect(await columnsOf(db, 'public', 'migrations')).toEqual(adapter.table.columns)
    const result = await runGate(project, { 'database-url': db.url })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual(['UsersName1718000200000'])
    expect(where(result)).toEqual(['pending-migration@src/migration/1718000200000-UsersName.js:1'])
    expect(result.scope).toMatch(
      /^typeorm: 3 migrations in src\/migration, .*database: 2 applied, 1 pending$/
    )
  })

  it('after applying all: nothing pending, no finding', async () => {
    const project = copyFixture('real', 'typeorm')
    expect(await applyWithTypeorm(project)).toEqual([
      'CreateUsers1718000000000',
      'CreateOrders1718000100000',
      'UsersName1718000200000'
    ])
    expect(await withDataSource(project, source => source.showMigrations())).toBe(false)
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([])
    expect(result.outputs.pending).toBe('0')
    expect(result.scope).toMatch(/database: 3 applied, 0 pending$/)
  })

  it('a migration file deleted after it ran: applied but missing from the repository', async () => {
    const project = copyFixture('real', 'typeorm')
    await applyWithTypeorm(project)
    rmSync(path.join(migrationsDir(project), '1718000100000-CreateOrders.js'))
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual(['applied-migration-missing@:'])
    expect(result.findings[0]!.message).toBe(
      'Migration CreateOrders1718000100000 is applied in the database but missing from the repository.'
    )
  })

  it('a new migration older than the last applied one: out-of-order, and TypeORM would still run it', async () => {
    const project = copyFixture('real', 'typeorm')
    await applyWithTypeorm(project)
    writeFileSync(
      path.join(migrationsDir(project), '1718000050000-UsersPhone.js'),
      'module.exports = class UsersPhone1718000050000 {\n    name = \'UsersPhone1718000050000\'\n\n    async up(queryRunner) {\n        await queryRunner.query(`ALTER TABLE "users" ADD "phone" character varying`);\n    }\n\n    async down(queryRunner) {\n        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone"`);\n    }\n}\n'
    )
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([
      'out-of-order@src/migration/1718000050000-UsersPhone.js:1',
      'pending-migration@src/migration/1718000050000-UsersPhone.js:1'
    ])
    expect(result.findings[0]!.message).toBe(
      'Migration UsersPhone1718000050000 is pending but sorts before UsersName1718000200000, which is already applied.'
    )
    expect(await applyWithTypeorm(project)).toEqual(['UsersPhone1718000050000'])
  })
})
