import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { runMigrationsGate } from '../../src/gates/migrations/index.js'
import { sectionToMarkdownBody } from '../../src/report/blocks.js'
import { testGateIO } from '../helpers/gate-io.js'
import { configFor, project, REPO, runGate, testDatabase, where, type TestDatabase } from './helpers.js'

// Async: with PGlite the database is served from this very process, so a blocking child would deadlock.
const run = promisify(execFile)
let db: TestDatabase
beforeAll(async () => {
  db = await testDatabase()
}, 120_000)
afterAll(async () => {
  await db?.close()
})
beforeEach(async () => {
  await db.reset()
  await db.query('DROP TYPE IF EXISTS status CASCADE')
  await db.query('DROP FUNCTION IF EXISTS hotfix_recalc()')
})

const USERS = `CREATE TYPE status AS ENUM ('active', 'banned');
CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(100) NOT NULL, status status NOT NULL DEFAULT 'active', name text);
CREATE INDEX users_email_idx ON users (email);
`
const ORDERS = `CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  total numeric(10, 2) CONSTRAINT orders_total_check CHECK (total >= 0)
);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT total FROM orders WHERE id = $1 $$;
`

/** A golang-migrate project whose first two migrations are applied (by their own SQL) and the third pending. */
async function appliedProject(): Promise<string> {
  const dir = project({
    'migrations/1_users.up.sql': USERS,
    'migrations/1_users.down.sql': 'DROP TABLE users;\n',
    'migrations/2_orders.up.sql': ORDERS,
    'migrations/2_orders.down.sql': 'DROP TABLE orders;\n',
    'migrations/3_phone.up.sql': 'ALTER TABLE users ADD COLUMN phone text;\n',
    'migrations/3_phone.down.sql': 'ALTER TABLE users DROP COLUMN phone;\n'
  })
  await db.query(USERS)
  await db.query(ORDERS)
  await db.query('CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)')
  await db.query('INSERT INTO schema_migrations VALUES (2, false)')
  return dir
}

const drifts = (result: Awaited<ReturnType<typeof runGate>>): string[] =>
  result.findings.filter(f => f.rule === 'schema-drift').map(f => f.message)

describe(`schema drift (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'} against the PGlite shadow)`, () => {
  it('a database exactly as its applied migrations left it: no drift, and the pending migration is not drift', async () => {
    const dir = await appliedProject()
    const result = await runGate(dir, { 'database-url': db.url, drift: 'true' })
    expect(drifts(result)).toEqual([])
    expect(where(result)).toEqual(['pending-migration@migrations/3_phone.up.sql:1'])
    expect(result.scope).toMatch(
      /, database: 2 applied, 1 pending, no schema drift \(\d+ objects compared\)$/
    )
  }, 60_000)

  it('an index added by hand, a column changed in the console, a hotfix function, an enum value, a view and an index gone', async () => {
    const dir = await appliedProject()
    await db.query('CREATE INDEX orders_user_idx ON orders (user_id)')
    await db.query('ALTER TABLE users ALTER COLUMN email TYPE varchar(200)')
    await db.query('ALTER TABLE users ALTER COLUMN name SET NOT NULL')
    await db.query("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'banned'")
    await db.query('CREATE FUNCTION hotfix_recalc() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$')
    await db.query("ALTER TYPE status ADD VALUE 'deleted'")
    await db.query('CREATE OR REPLACE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 500')
    await db.query('DROP INDEX users_email_idx')
    await db.query('ALTER TABLE orders DROP CONSTRAINT orders_total_check')
    const result = await runGate(dir, { 'database-url': db.url, drift: 'true' })
    expect(drifts(result)).toEqual([
      'Column public.users.email: type is character varying(200) in the database, character varying(100) from the migrations.',
      'Column public.users.name: nullable is NOT NULL in the database, NULL from the migrations.',
      "Column public.users.status: default is 'banned'::status in the database, 'active'::status from the migrations.",
      'Index public.orders_user_idx exists in the database but no applied migration creates it: CREATE INDEX orders_user_idx ON public.orders USING btree (user_id).',
      'Index public.users_email_idx is created by the applied migrations but missing from the database (CREATE INDEX users_email_idx ON public.users USING btree (email)).',
      'Constraint public.orders.orders_total_check is created by the applied migrations but missing from the database (CHECK ((total >= (0)::numeric))).',
      'Enum type public.status: values is active, banned, deleted in the database, active, banned from the migrations.',
      expect.stringMatching(
        /^View public\.big_orders: definition differs \(database: .*500.*; migrations: .*100.*\)\.$/
      ),
      'Function public.hotfix_recalc() exists in the database but no applied migration creates it: returns void, sql.'
    ])
    expect(result.findings.find(f => f.rule === 'schema-drift')!.severity).toBe('error')
    expect(result.scope).toContain('schema drift: 9 differences')
    const table = sectionToMarkdownBody(result.sections.find(s => s.heading === 'Schema drift')!)
    expect(table).toContain('The database differs from what its 2 applied migrations create in 9 places:')
    expect(table).toContain(
      '| column | <code>public.users.email</code> | type is character varying(200) in the database, character varying(100) from the migrations. |'
    )
    expect(table).toContain(
      '| index | <code>public.orders_user_idx</code> | exists in the database but no applied migration creates it: CREATE INDEX orders\\_user\\_idx ON public.orders USING btree (user\\_id). |'
    )
  }, 60_000)

  it('a migration the replay cannot run (a Flyway placeholder) is said, never a silent pass', async () => {
    const dir = project({
      'db/migration/V1__users.sql': 'CREATE TABLE ${schema}.users (id bigint PRIMARY KEY);\n'
    })
    await db.query(`CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
      description varchar(200), type varchar(20), script varchar(1000), checksum int, installed_by varchar(100),
      installed_on timestamp DEFAULT now(), execution_time int, success boolean)`)
    await db.query(
      `INSERT INTO flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', NULL, 'ci', now(), 1, true)`
    )
    const result = await runGate(dir, { 'database-url': db.url, drift: 'true' })
    const failure = result.findings.find(f => f.rule === 'schema-drift')!
    expect(failure.severity).toBe('error')
    expect(failure.message).toBe(
      'Schema drift could not be checked: V1__users uses the placeholder ${schema}, whose value the replay does not know. Fix the replay, or set drift: false to skip the check.'
    )
  }, 60_000)

  it('a code tool (knex): the replay of the applied migrations is what the database is compared with', async () => {
    const dir = project({
      'knexfile.cjs':
        "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations' } }\n",
      'migrations/20240101000000_users.js':
        "exports.up = knex => knex.schema.createTable('users', t => { t.bigIncrements('id'); t.string('email').notNullable() })\nexports.down = knex => knex.schema.dropTable('users')\n",
      'migrations/20240102000000_orders.js':
        "exports.up = knex => knex.schema.createTable('orders', t => { t.increments('id'); t.bigInteger('user_id').references('users.id') })\nexports.down = knex => knex.schema.dropTable('orders')\n",
      'migrations/20240103000000_pending.js':
        "exports.up = knex => knex.schema.alterTable('users', t => { t.string('phone') })\nexports.down = async () => {}\n"
    })
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'))
    // Applied by knex itself, one migration at a time: the third stays pending.
    const knex = path.join(dir, 'node_modules', '.bin', 'knex')
    const env = { ...process.env, DATABASE_URL: db.url }
    for (let i = 0; i < 2; i++)
      await run(knex, ['migrate:up', '--knexfile', 'knexfile.cjs'], { cwd: dir, env })
    await db.query('CREATE UNIQUE INDEX users_email_key ON users (email)')
    const result = await runMigrationsGate(
      configFor({ 'database-url': db.url }),
      testGateIO(dir, { env: process.env })
    )
    expect(drifts(result)).toEqual([
      'Index public.users_email_key exists in the database but no applied migration creates it: CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email).'
    ])
    expect(where(result)).toEqual([
      'pending-migration@migrations/20240103000000_pending.js:1',
      'schema-drift@:'
    ])
  }, 60_000)
})
