import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { cpSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { createHash } from 'node:crypto'
import { flywayChecksum } from '../../src/gates/migrations/tools/flyway.js'
import { copyFixture, FIXTURES, REPO, runGate, testDatabase, where, type TestDatabase } from './helpers.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'

// Async: with PGlite the database is served from this very process, so a blocking child would deadlock.
const run = promisify(execFile)
const fixture = (tool: string): string => path.join(FIXTURES, 'tools', tool)
const sha256 = (file: string): string =>
  createHash('sha256')
    .update(execFileSync('cat', [file]))
    .digest('hex')
let db: TestDatabase

beforeAll(async () => {
  db = await testDatabase()
}, 120_000)
afterAll(async () => {
  await db?.close()
})
beforeEach(async () => {
  await db.reset()
})

/** Everything a user could see change: every object in user schemas and every row of every table. */
async function snapshot(): Promise<string> {
  const objects = await db.query(
    `SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2`
  )
  const parts = [JSON.stringify(objects.rows)]
  for (const row of objects.rows.filter(r => r.relkind === 'r')) {
    const rows = await db.query(`SELECT t::text AS r FROM "${row.nspname}"."${row.relname}" t ORDER BY 1`)
    parts.push(`${row.nspname}.${row.relname}: ${JSON.stringify(rows.rows.map(r => r.r))}`)
  }
  const roles = await db.query('SELECT rolname FROM pg_roles ORDER BY 1')
  return parts.join('\n') + JSON.stringify(roles.rows)
}

describe(`database checks (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'})`, () => {
  it('a fresh database without the history table: every migration pending, in order', async () => {
    const result = await runGate(fixture('golang-migrate'), { 'database-url': db.url })
    expect(result.outputs.pending).toBe('3')
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual([
      '000001_create_users',
      '000002_create_orders',
      '000010_orders_index'
    ])
    expect(where(result).filter(w => !w.startsWith('pending-migration'))).toEqual(['history-table-missing@:'])
    expect(result.findings.find(f => f.rule === 'history-table-missing')!.message).toMatch(
      /^No schema_migrations table in 127\.0\.0\.1:\d+\/\w+: all 3 migrations are pending\.$/
    )
    expect(sectionMarkdown(result.sections[0]!)).toContain(
      '| 3 | <code>000010_orders_index</code> | <code>migrations/000010_orders_index.up.sql</code> |'
    )
  })

  it('golang-migrate: dirty current version is a failed migration; the rest pending', async () => {
    await db.query(
      'CREATE TABLE IF NOT EXISTS "schema_migrations" (version bigint not null primary key, dirty boolean not null)'
    )
    await db.query('INSERT INTO schema_migrations VALUES (2, true)')
    const result = await runGate(fixture('golang-migrate'), { 'database-url': db.url })
    expect(where(result)).toEqual([
      'failed-migration@migrations/000002_create_orders.up.sql:1',
      'pending-migration@migrations/000010_orders_index.up.sql:1'
    ])
    expect(result.outputs.pending).toBe('1')
  })

  it('prisma: SHA-256 drift, failed (finished_at and rolled_back_at null), rolled-back attempts ignored', async () => {
    await db.query(`CREATE TABLE "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`)
    const dir = fixture('prisma')
    const sum = (name: string): string => sha256(path.join(dir, 'prisma/migrations', name, 'migration.sql'))
    await db.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES
      ('a', $1, now(), '20240101000000_init', 1),
      ('b', $2, now(), '20240102000000_add_orders', 1),
      ('c', $3, NULL, '20240103000000_orders_index', 0)`,
      [sum('20240101000000_init'), 'f'.repeat(64), sum('20240103000000_orders_index')]
    )
    const result = await runGate(dir, { 'database-url': db.url })
    expect(where(result)).toEqual([
      // Prisma's generated CREATE INDEX on a table from an earlier migration blocks writes (lint, line 2).
      'create-index-non-concurrently@prisma/migrations/20240103000000_orders_index/migration.sql:2',
      'checksum-mismatch@prisma/migrations/20240102000000_add_orders/migration.sql:1',
      'failed-migration@prisma/migrations/20240103000000_orders_index/migration.sql:1'
    ])
    expect(result.outputs.pending).toBe('0')
    // Resolved with `prisma migrate resolve --rolled-back`: the attempt is history, the migration is pending again.
    await db.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = 'c'")
    expect(where(await runGate(dir, { 'database-url': db.url }))).toEqual([
      'create-index-non-concurrently@prisma/migrations/20240103000000_orders_index/migration.sql:2',
      'checksum-mismatch@prisma/migrations/20240102000000_add_orders/migration.sql:1',
      'pending-migration@prisma/migrations/20240103000000_orders_index/migration.sql:1'
    ])
  })

  it('flyway: CRC32 drift, success=false, repeatable changed, out-of-order, baseline', async () => {
    await db.query(`CREATE TABLE "public"."flyway_schema_history" (
      "installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL,
      "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL,
      "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
      ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
      CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");`)
    const sum = (name: string): number =>
      flywayChecksum(
        execFileSync('cat', [path.join(fixture('flyway'), 'db/migration', name)], { encoding: 'utf8' })
      )
    const insert = (
      rank: number,
      version: string | null,
      description: string,
      script: string,
      checksum: number,
      success = true
    ): Promise<unknown> =>
      db.query(`INSERT INTO flyway_schema_history VALUES ($1, $2, $3, 'SQL', $4, $5, 'ci', now(), 5, $6)`, [
        rank,
        version,
        description,
        script,
        checksum,
        success
      ])
    await insert(1, '1', 'create users', 'V1__create_users.sql', sum('V1__create_users.sql'))
    await insert(2, '1.1', 'users email', 'V1_1__users_email.sql', 12345)
    await insert(3, '10', 'orders index', 'V10__orders_index.sql', sum('V10__orders_index.sql'), false)
    await insert(4, null, 'user emails', 'R__user_emails.sql', 999)
    const result = await runGate(fixture('flyway'), { 'database-url': db.url })
    expect(where(result)).toEqual([
      'checksum-mismatch@db/migration/V1_1__users_email.sql:1',
      'failed-migration@db/migration/V10__orders_index.sql:1',
      'repeatable-migration-changed@db/migration/R__user_emails.sql:1',
      'out-of-order@db/migration/V2__create_orders.sql:1',
      'pending-migration@db/migration/V2__create_orders.sql:1'
    ])
    expect(result.findings[0]!.message).toBe(
      `Migration V1_1__users_email was edited after it was applied: checksum ${sum('V1_1__users_email.sql')} in the repository, 12345 in the database.`
    )
    // A baseline at 2 marks everything up to it applied (no checksum to compare).
    await db.query('DELETE FROM flyway_schema_history')
    await db.query(
      `INSERT INTO flyway_schema_history VALUES (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'ci', now(), 0, true)`
    )
    const baselined = await runGate(fixture('flyway'), { 'database-url': db.url })
    expect(JSON.parse(baselined.outputs['pending-migrations']!)).toEqual([
      'V10__orders_index',
      'R__user_emails'
    ])
  })

  it('dbmate: applied but missing from the repo, out-of-order', async () => {
    await db.query('create table if not exists schema_migrations (version varchar(128) primary key)')
    await db.query(
      "INSERT INTO schema_migrations VALUES ('20231231000000'), ('20240101000000'), ('20240103000000')"
    )
    const result = await runGate(fixture('dbmate'), { 'database-url': db.url })
    // Without a base ref only what this deploy runs is linted: 20240103's DROP COLUMN already ran.
    expect(where(result)).toEqual([
      'applied-migration-missing@:',
      'out-of-order@db/migrations/20240102000000_create_orders.sql:1',
      'pending-migration@db/migrations/20240102000000_create_orders.sql:1'
    ])
    expect(result.scope).toBe(
      'dbmate: 3 migrations in db/migrations, 1 pending linted, 1 SQL statement, database: 3 applied, 1 pending'
    )
    expect(result.findings[0]!.message).toBe(
      'Migration 20231231000000 is applied in the database but missing from the repository.'
    )
  })

  it('rails, django, alembic, drizzle, sequelize, typeorm: history tables as each tool creates them', async () => {
    await db.query(`CREATE TABLE "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
      CREATE TABLE "ar_internal_metadata" ("key" character varying NOT NULL PRIMARY KEY, "value" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
      INSERT INTO schema_migrations VALUES ('20240101000000');`)
    expect(
      JSON.parse((await runGate(fixture('rails'), { 'database-url': db.url })).outputs['pending-migrations']!)
    ).toEqual(['20240102000000_add_index_to_users'])

    await db.query(`CREATE TABLE "django_migrations" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,
      "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" timestamp with time zone NOT NULL);
      INSERT INTO django_migrations (app, name, applied) VALUES ('accounts', '0001_initial', now()), ('shop', '0002_drop_note', now());`)
    const django = await runGate(fixture('django'), { 'database-url': db.url })
    // Ordered per app: shop.0001 pending below the applied shop.0002; accounts is unaffected.
    expect(where(django).filter(w => !w.startsWith('drop-column'))).toEqual([
      'out-of-order@shop/migrations/0001_initial.py:1',
      'pending-migration@shop/migrations/0001_initial.py:1'
    ])

    await db.query(`CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
      INSERT INTO alembic_version VALUES ('9f8e7d6c5b4a');`)
    expect(
      JSON.parse(
        (await runGate(fixture('alembic'), { 'database-url': db.url })).outputs['pending-migrations']!
      )
    ).toEqual(['0c0ffee00001_orders'])

    const drizzleDir = fixture('drizzle')
    await db.query(`CREATE SCHEMA IF NOT EXISTS "drizzle";
      CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);`)
    await db.query(
      'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, 1718000000000), ($2, 1718000100000)',
      [sha256(path.join(drizzleDir, 'drizzle/0000_brave_users.sql')), 'edited']
    )
    const drizzle = await runGate(drizzleDir, { 'database-url': db.url })
    expect(where(drizzle)).toEqual([
      'drop-column@drizzle/0002_loud_drop.sql:1',
      'checksum-mismatch@drizzle/0001_quiet_orders.sql:1',
      'pending-migration@drizzle/0002_loud_drop.sql:1'
    ])

    await db.query(`CREATE TABLE IF NOT EXISTS "SequelizeMeta" ("name" VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY ("name"));
      INSERT INTO "SequelizeMeta" VALUES ('20240101000000-create-users.js');`)
    expect(
      (await runGate(fixture('sequelize'), { 'database-url': db.url })).outputs['pending-migrations']
    ).toBe('["20240102000000-rename-email.js"]')

    await db.query(`CREATE TABLE "migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY ("id"));
      INSERT INTO migrations ("timestamp", name) VALUES (1718000000000, 'CreateUsers1718000000000');`)
    expect(
      (await runGate(fixture('typeorm'), { 'database-url': db.url })).outputs['pending-migrations']
    ).toBe('["UsersEmail1718000100000"]')
  })

  it('knex and node-pg-migrate: migrations applied by the real tools, then checked', async () => {
    const knexDir = copyFixture('tools', 'knex')
    await run(
      process.execPath,
      [
        '-e',
        `const k = require('knex')({ client: 'pg', connection: process.argv[1] }); k.migrate.latest({ directory: process.argv[2] }).then(() => k.destroy())`,
        db.url,
        path.join(knexDir, 'migrations')
      ],
      { cwd: REPO }
    )
    writeFileSync(
      path.join(knexDir, 'migrations/20240103000000_add_total.js'),
      "exports.up = knex => knex.raw('ALTER TABLE orders ADD COLUMN total integer')\nexports.down = knex => knex.raw('ALTER TABLE orders DROP COLUMN total')\n"
    )
    const knex = await runGate(knexDir, { 'database-url': db.url })
    expect(where(knex)).toEqual(['pending-migration@migrations/20240103000000_add_total.js:1'])
    expect(knex.scope).toBe(
      'knex: 3 migrations in migrations, 1 pending linted, 1 SQL statement, database: 2 applied, 1 pending'
    )

    // The example service, applied with node-pg-migrate itself, up to its third migration.
    await db.reset()
    const service = mkdtempSync(path.join(os.tmpdir(), 'dg-migrations-service-'))
    cpSync(path.join(REPO, 'examples/service'), service, { recursive: true })
    await run(
      process.execPath,
      [
        path.join(REPO, 'node_modules/node-pg-migrate/bin/node-pg-migrate.js'),
        'up',
        '3',
        '-m',
        'migrations',
        '--no-check-order'
      ],
      {
        cwd: service,
        env: { ...process.env, DATABASE_URL: db.url }
      }
    )
    const result = await runGate(service, { 'database-url': db.url })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual([
      '1718000300000_add-users-phone',
      '1718000400000_orders-paid-at'
    ])
    expect(where(result)).toEqual([
      // node-pg-migrate runs the file in one transaction: VALIDATE keeps the ADD's ACCESS EXCLUSIVE lock.
      'add-check-validated@migrations/1718000400000_orders-paid-at.sql:6',
      'pending-migration@migrations/1718000300000_add-users-phone.sql:1',
      'pending-migration@migrations/1718000400000_orders-paid-at.sql:1'
    ])
    // The migrations dropped from the repo while applied: the database is ahead of the code.
    execFileSync('rm', [path.join(service, 'migrations/1718000200000_orders-user-id-index.js')])
    expect(where(await runGate(service, { 'database-url': db.url }))).toContain('applied-migration-missing@:')
  })

  it('never writes: the database is identical before and after, and a read-only role is enough', async () => {
    await db.query('create table if not exists schema_migrations (version varchar(128) primary key)')
    await db.query("INSERT INTO schema_migrations VALUES ('20240101000000')")
    await db.query(
      "CREATE TABLE orders (id bigint PRIMARY KEY, note text); INSERT INTO orders VALUES (1, 'a'), (2, NULL)"
    )
    await db.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'deploy_gates_readonly') THEN
        CREATE ROLE deploy_gates_readonly LOGIN PASSWORD 's3cr3t-p@ss';
      END IF; END $$;
      GRANT USAGE ON SCHEMA public TO deploy_gates_readonly;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO deploy_gates_readonly;
      ALTER ROLE deploy_gates_readonly SET default_transaction_read_only = on;`)
    const before = await snapshot()
    const readOnly = new URL(db.url)
    readOnly.username = 'deploy_gates_readonly'
    readOnly.password = encodeURIComponent('s3cr3t-p@ss')
    const result = await runGate(fixture('dbmate'), { 'database-url': readOnly.toString() })
    expect(result.outputs.pending).toBe('2')
    expect(where(result).filter(w => w.startsWith('database') || w.startsWith('history'))).toEqual([])
    expect(await snapshot()).toBe(before)
    // The password is handed to the reporter for masking, and appears in no finding.
    expect(result.secrets).toEqual(expect.arrayContaining(['s3cr3t-p%40ss', 's3cr3t-p@ss']))
    expect(JSON.stringify(result.findings) + result.scope).not.toContain('s3cr3t')
  })

  it('the drift check never writes either: a SELECT-only role reads the catalog, and the database is unchanged', async () => {
    const dir = copyFixture('tools', 'golang-migrate')
    for (const file of ['000001_create_users.up.sql', '000002_create_orders.up.sql'])
      await db.query(readFileSync(path.join(dir, 'migrations', file), 'utf8'))
    await db.query(
      'CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL); INSERT INTO schema_migrations VALUES (2, false)'
    )
    // A hotfix made in production and never written as a migration.
    await db.query('CREATE INDEX orders_hotfix_idx ON orders (id)')
    await db.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'deploy_gates_catalog_reader') THEN
        CREATE ROLE deploy_gates_catalog_reader LOGIN PASSWORD 'r3ad-only';
      END IF; END $$;
      GRANT USAGE ON SCHEMA public TO deploy_gates_catalog_reader;
      GRANT SELECT ON schema_migrations TO deploy_gates_catalog_reader;
      ALTER ROLE deploy_gates_catalog_reader SET default_transaction_read_only = on;`)
    const before = await snapshot()
    const readOnly = new URL(db.url)
    readOnly.username = 'deploy_gates_catalog_reader'
    readOnly.password = 'r3ad-only'
    const result = await runGate(dir, { 'database-url': readOnly.toString(), drift: 'true' })
    expect(result.findings.filter(f => f.rule === 'schema-drift').map(f => f.message)).toEqual([
      'Index public.orders_hotfix_idx exists in the database but no applied migration creates it: CREATE INDEX orders_hotfix_idx ON public.orders USING btree (id).'
    ])
    expect(await snapshot()).toBe(before)
    expect(JSON.stringify(result.findings) + result.scope).not.toContain('r3ad-only')
  }, 60_000)

  it('a history table of an unexpected shape is an error naming the missing columns', async () => {
    await db.query('CREATE TABLE schema_migrations (id integer)')
    const result = await runGate(fixture('golang-migrate'), { 'database-url': db.url })
    expect(where(result)).toEqual(['history-table-shape@:'])
    expect(result.findings[0]!.message).toBe(
      'History table schema_migrations has no column(s) version, dirty: it is not a golang-migrate history table.'
    )
    expect(result.outputs.pending).toBeUndefined()
  })
})

describe('unreachable databases fail closed, without leaking the password', () => {
  it('connection refused', async () => {
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as net.AddressInfo).port
    await new Promise(resolve => server.close(resolve))
    const result = await runGate(fixture('dbmate'), {
      'database-url': `postgres://app:hunter2@127.0.0.1:${port}/app`
    })
    const failure = result.findings.find(f => f.rule === 'database-unreachable')!
    expect(failure.severity).toBe('error')
    expect(failure.message).toBe(
      `Database check failed: cannot connect to 127.0.0.1:${port}/app: connect ECONNREFUSED 127.0.0.1:${port}.`
    )
    expect(result.secrets).toEqual(['hunter2'])
  })

  it('a server that accepts but never answers times out within the connect timeout', async () => {
    const sockets: net.Socket[] = []
    const server = net.createServer(socket => sockets.push(socket))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as net.AddressInfo).port
    const started = Date.now()
    try {
      const result = await runGate(
        fixture('dbmate'),
        { 'database-url': `postgres://app:hunter2@127.0.0.1:${port}/app` },
        { connectTimeoutMs: 400, statementTimeoutMs: 400 }
      )
      expect(where(result).filter(w => w.startsWith('database'))).toEqual(['database-unreachable@:'])
      expect(result.findings.find(f => f.rule === 'database-unreachable')!.message).toBe(
        `Database check failed: cannot connect to 127.0.0.1:${port}/app: connection timed out.`
      )
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      sockets.forEach(s => s.destroy())
      server.close()
    }
  })
})
