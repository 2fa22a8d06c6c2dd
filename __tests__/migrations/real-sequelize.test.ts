import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { Sequelize, type QueryInterface } from 'sequelize'
import { SequelizeStorage, Umzug } from 'umzug'
import { sequelize as adapter } from '../../src/gates/migrations/tools/sequelize.js'
import { columnsOf, copyFixture, runGate, testDatabase, where, type TestDatabase } from './helpers.js'

// The fixture's migrations are CommonJS (sequelize-cli's format), loaded by Node itself.
const require = createRequire(import.meta.url)

interface CliMigration {
  up(queryInterface: QueryInterface, sequelize: typeof Sequelize): Promise<void>
  down(queryInterface: QueryInterface, sequelize: typeof Sequelize): Promise<void>
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

/**
 * Runs `action` with umzug over the project's migrations, stored the way sequelize-cli stores them
 * (SequelizeStorage: "SequelizeMeta"(name), the file names), then closes the connection.
 */
async function withUmzug<T>(
  project: string,
  action: (umzug: Umzug<QueryInterface>) => Promise<T>
): Promise<T> {
  // One connection: PGlite serves every connection from a single session.
  const sequelize = new Sequelize(db.url, { logging: false, pool: { max: 1 } })
  const umzug = new Umzug({
    migrations: {
      glob: path.join(project, 'migrations', '*.js'),
      resolve: ({ name, path: file, context }) => {
        const migration = require(file!) as CliMigration
        return {
          name,
          up: () => migration.up(context, Sequelize),
          down: () => migration.down(context, Sequelize)
        }
      }
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: undefined
  })
  try {
    return await action(umzug)
  } finally {
    await sequelize.close()
  }
}

const pendingOf = (umzug: Umzug<QueryInterface>): Promise<string[]> =>
  umzug.pending().then(list => list.map(m => m.name))

describe(`sequelize: migrations applied by umzug with SequelizeStorage (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'})`, () => {
  it('after applying some: the gate reads the real SequelizeMeta table and lists what umzug would run next', async () => {
    const project = copyFixture('real', 'sequelize')
    const toolPending = await withUmzug(project, async umzug => {
      await umzug.up({ to: '20240102000000-create-orders.js' })
      return pendingOf(umzug)
    })
    expect(toolPending).toEqual(['20240103000000-add-orders-total.js'])
    // The table as the tool made it is exactly the shape the adapter reads.
    expect(await columnsOf(db, 'public', 'SequelizeMeta')).toEqual(adapter.table.columns)

    const result = await runGate(project, { 'database-url': db.url })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual(toolPending)
    expect(result.outputs.pending).toBe('1')
    expect(where(result)).toEqual(['pending-migration@migrations/20240103000000-add-orders-total.js:1'])
    expect(result.findings[0]!.message).toMatch(/20240103000000-add-orders-total\.js/)
    expect(result.scope).toMatch(/^sequelize: 3 migrations in migrations, .*database: 2 applied, 1 pending$/)
  })

  it('after applying all: nothing pending, no finding', async () => {
    const project = copyFixture('real', 'sequelize')
    expect(
      await withUmzug(project, async umzug => {
        await umzug.up()
        return pendingOf(umzug)
      })
    ).toEqual([])
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([])
    expect(result.outputs.pending).toBe('0')
    expect(result.outputs['pending-migrations']).toBe('[]')
    expect(result.scope).toMatch(/database: 3 applied, 0 pending$/)
  })

  it('a migration file deleted after it ran: applied but missing from the repository', async () => {
    const project = copyFixture('real', 'sequelize')
    await withUmzug(project, umzug => umzug.up())
    rmSync(path.join(project, 'migrations', '20240102000000-create-orders.js'))
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual(['applied-migration-missing@:'])
    expect(result.findings[0]!.message).toBe(
      'Migration 20240102000000-create-orders.js is applied in the database but missing from the repository.'
    )
    expect(result.outputs.pending).toBe('0')
  })

  it('a new migration dated before the last applied one: out-of-order, and umzug would still run it', async () => {
    const project = copyFixture('real', 'sequelize')
    await withUmzug(project, umzug => umzug.up())
    writeFileSync(
      path.join(project, 'migrations', '20240101120000-users-phone.js'),
      "'use strict'\n\nmodule.exports = {\n  async up(queryInterface) {\n    await queryInterface.sequelize.query('ALTER TABLE users ADD COLUMN phone text')\n  },\n  async down(queryInterface) {\n    await queryInterface.sequelize.query('ALTER TABLE users DROP COLUMN phone')\n  }\n}\n"
    )
    expect(await withUmzug(project, pendingOf)).toEqual(['20240101120000-users-phone.js'])
    const result = await runGate(project, { 'database-url': db.url })
    expect(where(result)).toEqual([
      'out-of-order@migrations/20240101120000-users-phone.js:1',
      'pending-migration@migrations/20240101120000-users-phone.js:1'
    ])
    expect(result.findings[0]!.message).toBe(
      'Migration 20240101120000-users-phone.js is pending but sorts before 20240103000000-add-orders-total.js, which is already applied.'
    )
  })
})
