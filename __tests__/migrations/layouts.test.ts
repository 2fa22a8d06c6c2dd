import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { git, project, runGate, testDatabase, where, type TestDatabase } from './helpers.js'

/** Layouts and history as each tool itself sees them: what it refuses, skips or finds. */

const alembicRevision = (revision: string, down: string, sql: string): string =>
  `from alembic import op\n\nrevision = "${revision}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    op.execute("${sql}")\n\n\ndef downgrade():\n    op.execute("SELECT 1")\n`

const djangoMigration = (dependencies: string, operations = '', extra = ''): string =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [\n${dependencies}    ]\n\n    operations = [\n${operations}    ]\n`

describe('duplicate versions are errors, as each tool refuses them', () => {
  it('Flyway: V2__ and V2.0__ are the same version; found in sub-folders too', async () => {
    const dir = project({
      'db/migration/V1__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'db/migration/2024/V2__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'db/migration/2024/V2.0__other_orders.sql': 'CREATE TABLE other_orders (id bigint PRIMARY KEY);\n'
    })
    const result = await runGate(dir)
    expect(where(result)).toEqual(['duplicate-version@db/migration/2024/V2__orders.sql:1'])
    expect(result.findings[0]!.message).toBe(
      'Migrations V2.0__other_orders and V2__orders have the same version 2: flyway refuses to run (or runs only one of them).'
    )
    expect(result.scope).toBe('flyway: 3 migrations in db/migration, 3 linted, 3 SQL statements')
  })

  it('golang-migrate: 2_ and 002_ are both version 2', async () => {
    const dir = project({
      'migrations/1_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/1_users.down.sql': 'DROP TABLE users;\n',
      'migrations/2_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'migrations/2_orders.down.sql': 'DROP TABLE orders;\n',
      'migrations/002_items.up.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n',
      'migrations/002_items.down.sql': 'DROP TABLE items;\n'
    })
    expect(where(await runGate(dir))).toEqual(['duplicate-version@migrations/2_orders.up.sql:1'])
  })

  it('Rails: two files with one timestamp, one of them in db/post_migrate (which db:migrate runs too)', async () => {
    const migration = (name: string, body: string): string =>
      `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`
    const dir = project({
      'db/migrate/20240101000000_create_users.rb': migration('CreateUsers', 'create_table :users'),
      'db/post_migrate/20240101000000_backfill_users.rb': migration('BackfillUsers', 'execute("SELECT 1")'),
      'db/post_migrate/20240105000000_drop_legacy.rb': migration(
        'DropLegacy',
        'execute("ALTER TABLE users DROP COLUMN legacy")'
      )
    })
    const result = await runGate(dir)
    expect(where(result)).toEqual([
      'duplicate-version@db/post_migrate/20240101000000_backfill_users.rb:1',
      'drop-column@db/post_migrate/20240105000000_drop_legacy.rb:3'
    ])
    expect((result.data as { migrations: { file: string }[] }).migrations.map(m => m.file)).toEqual([
      'db/migrate/20240101000000_create_users.rb',
      'db/post_migrate/20240101000000_backfill_users.rb',
      'db/post_migrate/20240105000000_drop_legacy.rb'
    ])
  })

  it('Alembic: two heads (two merged branches, each with a revision on the same parent); a merge revision fixes it', async () => {
    const files = {
      'alembic/versions/a1_users.py': alembicRevision('a1', 'None', 'CREATE TABLE users (id bigint)'),
      'alembic/versions/b2_orders.py': alembicRevision('b2', '"a1"', 'CREATE TABLE orders (id bigint)'),
      'alembic/versions/c3_items.py': alembicRevision('c3', '"a1"', 'CREATE TABLE items (id bigint)')
    }
    const result = await runGate(project(files))
    expect(where(result)).toEqual([
      'multiple-heads@alembic/versions/b2_orders.py:4',
      'multiple-heads@alembic/versions/c3_items.py:4'
    ])
    expect(result.findings[0]!.message).toBe(
      'The revision graph has 2 heads (b2, c3): `alembic upgrade head` refuses to run until one revises the other or they are merged (`alembic merge heads`).'
    )
    const merged = await runGate(
      project({
        ...files,
        'alembic/versions/d4_merge.py': alembicRevision('d4', '("b2", "c3")', 'SELECT 1')
      })
    )
    expect(where(merged)).toEqual([])
  })

  it('Alembic: the same revision id in two files', async () => {
    const dir = project({
      'alembic/versions/a1_users.py': alembicRevision('a1', 'None', 'CREATE TABLE users (id bigint)'),
      'alembic/versions/a1_again.py': alembicRevision('a1', 'None', 'CREATE TABLE again (id bigint)')
    })
    expect(where(await runGate(dir))).toEqual(['duplicate-version@alembic/versions/a1_users.py:3'])
  })
})

describe('Flyway files as Flyway reads them', () => {
  const twoIndexes =
    'CREATE INDEX CONCURRENTLY users_a ON users (a);\nCREATE INDEX CONCURRENTLY users_b ON users (b);\n'

  it('V2__x.sql.conf executeInTransaction=false: CONCURRENTLY is fine; without it the script fails in its transaction', async () => {
    const base = {
      'db/migration/V1__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, a int, b int);\n',
      'db/migration/V2__indexes.sql': twoIndexes
    }
    expect(where(await runGate(project(base)))).toEqual([
      'concurrently-in-transaction@db/migration/V2__indexes.sql:1',
      'concurrently-in-transaction@db/migration/V2__indexes.sql:2'
    ])
    const configured = project({
      ...base,
      'db/migration/V2__indexes.sql.conf': '# per-script config\nexecuteInTransaction=false\n'
    })
    // Runs fine; without a transaction, a failed second index leaves the first, and a re-run stops on it.
    expect(where(await runGate(configured))).toEqual([
      'non-robust-statement@db/migration/V2__indexes.sql:1',
      'non-robust-statement@db/migration/V2__indexes.sql:2'
    ])
  })

  it('misnamed scripts are reported (Flyway skips them), callbacks are not', async () => {
    const dir = project({
      'db/migration/V1__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'db/migration/V2_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'db/migration/v3__lower.sql': 'CREATE TABLE lower_case (id bigint PRIMARY KEY);\n',
      'db/migration/afterMigrate.sql': 'ANALYZE;\n'
    })
    const result = await runGate(dir)
    expect(where(result)).toEqual([
      'misnamed-migration@db/migration/V2_orders.sql:1',
      'misnamed-migration@db/migration/v3__lower.sql:1'
    ])
    expect(result.findings[0]!.message).toBe(
      "V2_orders.sql does not match Flyway's V<version>__<description>.sql or R__<description>.sql: Flyway skips it, so it never runs."
    )
  })
})

describe('detection of real-world layouts', () => {
  it('Django apps under a project package (saleor, netbox, cookiecutter-django), with app labels from apps.py', async () => {
    const dir = project({
      'manage.py': '#!/usr/bin/env python\n',
      'saleor/account/migrations/__init__.py': '',
      'saleor/account/migrations/0001_initial.py': djangoMigration(''),
      'saleor/account/migrations/0002_drop_note.py': djangoMigration(
        '        ("account", "0001_initial"),\n',
        '',
        ''
      ),
      'saleor/order/apps.py':
        'from django.apps import AppConfig\n\n\nclass OrderAppConfig(AppConfig):\n    name = "saleor.order"\n    label = "orders"\n',
      'saleor/order/migrations/0001_initial.py': djangoMigration('        ("account", "0001_initial"),\n')
    })
    const result = await runGate(dir)
    expect(result.scope).toBe('django: 3 migrations in ., 3 linted, 0 SQL statements')
    expect((result.data as { migrations: { id: string }[] }).migrations.map(m => m.id)).toEqual([
      'account.0001_initial',
      'account.0002_drop_note',
      'orders.0001_initial'
    ])
  })

  it('Django: two leaf migrations in one app are "Conflicting migrations"', async () => {
    const dir = project({
      'shop/migrations/0001_initial.py': djangoMigration(''),
      'shop/migrations/0002_a.py': djangoMigration('        ("shop", "0001_initial"),\n'),
      'shop/migrations/0002_b.py': djangoMigration('        ("shop", "0001_initial"),\n')
    })
    expect(where(await runGate(dir))).toEqual([
      'multiple-heads@shop/migrations/0002_a.py:1',
      'multiple-heads@shop/migrations/0002_b.py:1'
    ])
  })

  it('monorepo Prisma: packages/<name>/prisma/migrations', async () => {
    const dir = project({
      'packages/db/prisma/schema.prisma':
        'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
      'packages/db/prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'packages/db/prisma/migrations/20240101000000_init/migration.sql':
        'CREATE TABLE "User" (id serial PRIMARY KEY);\n'
    })
    expect((await runGate(dir)).scope).toBe(
      'prisma: 1 migration in packages/db/prisma/migrations, 1 linted, 1 SQL statement'
    )
  })

  it('Prisma provider = "mysql" and drizzle "dialect": "sqlite": one clear error, no PostgreSQL syntax errors', async () => {
    const mysql = project({
      'prisma/schema.prisma':
        'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n',
      'prisma/migrations/20240101000000_init/migration.sql':
        'CREATE TABLE `User` (`id` INTEGER NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) DEFAULT CHARACTER SET utf8mb4;\n'
    })
    const prisma = await runGate(mysql)
    expect(where(prisma)).toEqual(['unsupported-dialect@prisma/schema.prisma:6'])
    expect(prisma.findings[0]!.message).toBe(
      'prisma migrations in prisma/migrations are written for mysql: the migration gate checks PostgreSQL only, so nothing was linted.'
    )
    expect(prisma.outputs['rollback-safe']).toBe('false')
    const sqlite = project({
      'drizzle/meta/_journal.json':
        '{\n  "version": "7",\n  "dialect": "sqlite",\n  "entries": [{ "idx": 0, "version": "6", "when": 1700000000000, "tag": "0000_init", "breakpoints": true }]\n}\n',
      'drizzle/0000_init.sql': 'CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT);\n'
    })
    expect(where(await runGate(sqlite))).toEqual(['unsupported-dialect@drizzle/meta/_journal.json:3'])
  })
})

describe('inputs', () => {
  it('an sslrootcert that names a missing file is a one-line input error', async () => {
    const dir = project({ 'migrations/1_a.up.sql': 'SELECT 1;\n' })
    await expect(
      runGate(dir, {
        'database-url': 'postgres://u:secret@db.example:5432/app?sslrootcert=/nonexistent/ca.pem'
      })
    ).rejects.toThrow("--database-url: sslrootcert file '/nonexistent/ca.pem' does not exist")
  })

  it('history-table must be a name or schema.name', async () => {
    const dir = project({ 'migrations/1_a.up.sql': 'SELECT 1;\n' })
    await expect(runGate(dir, { 'history-table': 'a.b.c' })).rejects.toThrow(
      "--history-table must be a table name or schema.name (got 'a.b.c')"
    )
  })
})

describe(`history as the tools write it (${process.env.DEPLOY_GATES_TEST_DATABASE_URL ? 'real PostgreSQL server' : 'PGlite on loopback'})`, () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await testDatabase()
  }, 120_000)
  afterAll(async () => {
    await db?.close()
  })
  beforeEach(async () => {
    await db.reset()
    await db.query('DROP SCHEMA IF EXISTS ops CASCADE')
  })

  it('history-table names a renamed table in another schema; the default name is then not looked for', async () => {
    const dir = project({
      'db/migration/V1__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'db/migration/V2__orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n'
    })
    await db.query('CREATE SCHEMA ops')
    await db.query(`CREATE TABLE ops.schema_history (installed_rank int PRIMARY KEY, version varchar(50),
      description varchar(200), type varchar(20), script varchar(1000), checksum int, installed_by varchar(100),
      installed_on timestamp DEFAULT now(), execution_time int, success boolean)`)
    await db.query(
      `INSERT INTO ops.schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', NULL, 'ci', now(), 1, true)`
    )
    const result = await runGate(dir, { 'database-url': db.url, 'history-table': 'ops.schema_history' })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual(['V2__orders'])
    const unnamed = await runGate(dir, { 'database-url': db.url })
    expect(where(unnamed)).toContain('history-table-missing@:')
  })

  it("Prisma's ?schema= names the schema of _prisma_migrations", async () => {
    const dir = project({
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" (id serial PRIMARY KEY);\n',
      'prisma/migrations/20240102000000_post/migration.sql': 'CREATE TABLE "Post" (id serial PRIMARY KEY);\n'
    })
    await db.query('CREATE SCHEMA ops')
    await db.query(`CREATE TABLE ops._prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL,
      finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,
      started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count int NOT NULL DEFAULT 0)`)
    await db.query(
      `INSERT INTO ops._prisma_migrations VALUES ('1', '', now(), '20240101000000_init', NULL, NULL, now(), 1)`
    )
    const url = new URL(db.url)
    url.searchParams.set('schema', 'ops')
    const result = await runGate(dir, { 'database-url': url.toString() })
    expect(JSON.parse(result.outputs['pending-migrations']!)).toEqual(['20240102000000_post'])
  })

  it('Django: rows of django.contrib apps and of migrations a squash replaced are not "applied but missing"', async () => {
    const dir = project({
      'shop/migrations/0001_squashed_0003.py': djangoMigration(
        '',
        '',
        '    replaces = [("shop", "0001_initial"), ("shop", "0002_price"), ("shop", "0003_stock")]\n\n'
      ),
      'shop/migrations/0004_tags.py': djangoMigration('        ("shop", "0001_squashed_0003"),\n')
    })
    await db.query(
      'CREATE TABLE django_migrations (id serial PRIMARY KEY, app varchar(255), name varchar(255), applied timestamptz)'
    )
    await db.query(`INSERT INTO django_migrations (app, name, applied) VALUES
      ('contenttypes', '0001_initial', now()), ('auth', '0001_initial', now()), ('admin', '0001_initial', now()),
      ('sessions', '0001_initial', now()), ('shop', '0001_initial', now()), ('shop', '0002_price', now()),
      ('shop', '0003_stock', now()), ('shop', '0009_gone', now())`)
    const result = await runGate(dir, { 'database-url': db.url })
    // Only the repository's own app's unknown row is missing; the squash counts as applied.
    expect(where(result)).toEqual([
      'applied-migration-missing@:',
      'pending-migration@shop/migrations/0004_tags.py:1'
    ])
    expect(result.findings[0]!.message).toBe(
      'Migration shop.0009_gone is applied in the database but missing from the repository.'
    )
  })

  it('golang-migrate without a base ref: a file below the current version that arrived after it will never run', async () => {
    const dir = project({ 'migrations/1_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' })
    const commit = (message: string): string => git(dir, 'add', '.') + git(dir, 'commit', '-qm', message)
    git(dir, 'init', '-q')
    commit('users')
    // A branch numbers its migration 2 and commits it first; main gets 3 (and is migrated to it); then the merge.
    git(dir, 'checkout', '-qb', 'items')
    writeFileSync(
      path.join(dir, 'migrations/2_items.up.sql'),
      'CREATE TABLE items (id bigint PRIMARY KEY);\n'
    )
    commit('items')
    git(dir, 'checkout', '-q', 'main')
    writeFileSync(
      path.join(dir, 'migrations/3_orders.up.sql'),
      'CREATE TABLE orders (id bigint PRIMARY KEY);\n'
    )
    commit('orders')
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge items', 'items')
    await db.query('CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)')
    await db.query('INSERT INTO schema_migrations VALUES (3, false)')
    const result = await runGate(dir, { 'database-url': db.url })
    expect(where(result)).toEqual(['out-of-order@migrations/2_items.up.sql:1'])
    expect(result.findings[0]!.severity).toBe('warning')
    expect(result.findings[0]!.message).toBe(
      "Migration 2_items sorts below the database's current version 3 but arrived on this branch after 3_orders: golang-migrate takes it as applied and will never run it (unless this database was created after it)."
    )
  })

  it('with database-url and no base-ref, an up-to-date database does not fail on old migrations', async () => {
    const dir = project({
      'migrations/1_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, note text);\n',
      'migrations/1_users.down.sql': 'DROP TABLE users;\n',
      'migrations/2_drop_note.up.sql': 'ALTER TABLE users DROP COLUMN note;\n',
      'migrations/2_drop_note.down.sql': 'ALTER TABLE users ADD COLUMN note text;\n'
    })
    await db.query('CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)')
    await db.query('INSERT INTO schema_migrations VALUES (2, false)')
    const upToDate = await runGate(dir, { 'database-url': db.url })
    expect(where(upToDate)).toEqual([])
    expect(upToDate.outputs.destructive).toBe('false')
    await db.query('UPDATE schema_migrations SET version = 1')
    const behind = await runGate(dir, { 'database-url': db.url })
    expect(where(behind)).toEqual([
      'drop-column@migrations/2_drop_note.up.sql:1',
      'pending-migration@migrations/2_drop_note.up.sql:1'
    ])
  })
})
