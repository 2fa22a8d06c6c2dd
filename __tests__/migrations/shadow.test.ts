import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runMigrationsGate } from '../../src/gates/migrations/index.js'
import type { GateResult } from '../../src/types.js'
import { sectionToMarkdownBody } from '../../src/report/blocks.js'
import { testGateIO } from '../helpers/gate-io.js'
import { configFor, FIXTURES, git, REPO, where } from './helpers.js'

/**
 * The shadow replay with the real tools: each project's base migrations are committed, the change's
 * migration is new, and the project's own migrate command runs against an embedded PGlite through the
 * recording proxy. Findings are what the tool sent, at the operation's line in the migration file.
 */
function shadowProject(tool: string, { nodeModules = false } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dg-shadow-${tool}-`))
  cpSync(path.join(FIXTURES, 'shadow', tool, 'base'), dir, { recursive: true })
  if (nodeModules) symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'))
  git(dir, 'init', '-q')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'base')
  cpSync(path.join(FIXTURES, 'shadow', tool, 'change'), dir, { recursive: true })
  return dir
}

const shadowGate = (dir: string, inputs: Record<string, string> = {}): Promise<GateResult> =>
  runMigrationsGate(configFor({ 'base-ref': 'HEAD', ...inputs }), testGateIO(dir, { env: process.env }))

const shadowData = (result: GateResult): Record<string, unknown> =>
  (result.data as { shadow: Record<string, unknown> }).shadow

describe('shadow replay with the real tools (PGlite on loopback)', () => {
  it('knex: every schema operation as knex sends it; a NOT NULL column on a table new in the change is fine', async () => {
    const result = await shadowGate(shadowProject('knex', { nodeModules: true }))
    const file = 'migrations/20240103000000_change.js'
    expect(where(result)).toEqual([
      `drop-column@${file}:3`,
      `rename-column@${file}:6`,
      `add-column-not-null-without-default@${file}:9`,
      // `.alter()` sends a type change and a DROP NOT NULL the migration never spelled out.
      `drop-not-null@${file}:12`,
      `change-column-type@${file}:12`,
      `create-index-non-concurrently@${file}:15`
    ])
    expect(result.findings[0]!.message).toBe(
      'Drops column users.note and its data. Sent by the tool: alter table "users" drop column "note"'
    )
    expect(result.outputs).toMatchObject({ destructive: 'true', 'rollback-safe': 'false' })
    expect(result.scope).toMatch(
      /^knex: 3 migrations in migrations, 1 changed since HEAD linted, 9 SQL statements, shadow: 3 migrations replayed by `node_modules\/\.bin\/knex migrate:latest --knexfile knexfile\.cjs` in \d+\.\ds$/
    )
    expect(shadowData(result)).toMatchObject({ status: 'replayed', replayed: 1, unseen: [] })
    const section = sectionToMarkdownBody(result.sections.find(s => s.heading === 'Shadow replay')!)
    expect(section).toMatch(
      /^\\`node\\_modules\/\.bin\/knex migrate:latest --knexfile knexfile\.cjs\\` migrated an empty PostgreSQL in \d+\.\ds: 3 migrations, \d+ statements recorded at the wire protocol\./
    )
    expect(section).toContain(
      '| <code>20240103000000_change.js</code> | <code>migrations/20240103000000_change.js</code> | 9 | one transaction |'
    )
  }, 60_000)

  it('Sequelize (sequelize-cli db:migrate --url): no transaction, so every statement is on its own', async () => {
    const result = await shadowGate(shadowProject('sequelize', { nodeModules: true }))
    const file = 'migrations/20240102000000-change-users.js'
    expect(where(result).filter(w => !w.startsWith('non-robust-statement'))).toEqual([
      `drop-column@${file}:4`,
      `rename-column@${file}:5`,
      `add-column-not-null-without-default@${file}:6`,
      `drop-not-null@${file}:7`,
      `change-column-type@${file}:7`,
      `create-index-non-concurrently@${file}:8`
    ])
  }, 60_000)

  it('TypeORM (typeorm migration:run -d data-source): changeColumn to another type drops and re-adds the column', async () => {
    const result = await shadowGate(shadowProject('typeorm', { nodeModules: true }), {
      tool: 'typeorm',
      'migrations-dir': 'migrations'
    })
    const file = 'migrations/1718000100000-ChangeUsers.js'
    expect(where(result)).toEqual([
      `drop-column@${file}:5`,
      `rename-column@${file}:6`,
      `add-column-not-null-without-default@${file}:7`,
      `drop-column@${file}:8`,
      `create-index-non-concurrently@${file}:9`
    ])
    expect(result.findings[3]!.message).toBe(
      'Drops column users.age and its data. Sent by the tool: ALTER TABLE "users" DROP COLUMN "age"'
    )
  }, 60_000)

  it('node-pg-migrate (node-pg-migrate up): pgm.* operations; `exports.down = false` is no down migration', async () => {
    const result = await shadowGate(shadowProject('node-pg-migrate', { nodeModules: true }))
    const file = 'migrations/1718000100000_change-users.js'
    expect(where(result)).toEqual([
      `drop-column@${file}:2`,
      `rename-column@${file}:3`,
      `add-column-not-null-without-default@${file}:4`,
      `change-column-type@${file}:5`,
      `create-index-non-concurrently@${file}:6`,
      `missing-down-migration@${file}:2`
    ])
    expect(result.findings[3]!.message).toBe(
      'Changes the type of users.age. Sent by the tool: ALTER TABLE "users" ALTER "age" SET DATA TYPE bigint'
    )
  }, 60_000)

  it('Django (manage.py migrate): operations of the change, django.contrib migrations ignored', async () => {
    const result = await shadowGate(shadowProject('django'), {
      'shadow-command': '/usr/bin/python3 manage.py migrate --noinput'
    })
    const file = 'shop/migrations/0002_change.py'
    expect(where(result)).toEqual([
      `drop-column@${file}:10`,
      `rename-column@${file}:11`,
      `set-not-null@${file}:12`,
      `change-column-type@${file}:13`,
      `create-index-non-concurrently@${file}:14`
    ])
    // contenttypes' own migrations ran too, but are not this repository's.
    expect(result.scope).toContain(
      'shadow: 2 migrations replayed by `/usr/bin/python3 manage.py migrate --noinput`'
    )
  }, 60_000)

  it('Alembic (alembic upgrade head): op.* operations, and a downgrade that is only pass', async () => {
    const result = await shadowGate(shadowProject('alembic'), {
      'shadow-command': '/usr/bin/alembic upgrade head'
    })
    const file = 'alembic/versions/b2_change.py'
    expect(where(result)).toEqual([
      `drop-column@${file}:9`,
      `rename-column@${file}:10`,
      `add-column-not-null-without-default@${file}:11`,
      `change-column-type@${file}:12`,
      `create-index-non-concurrently@${file}:13`,
      `missing-down-migration@${file}:9`
    ])
  }, 60_000)

  it('Rails (ActiveRecord::MigrationContext, as db:migrate runs it)', async () => {
    const result = await shadowGate(shadowProject('rails'), { 'shadow-command': 'ruby migrate.rb' })
    const file = 'db/migrate/20240102000000_change_users.rb'
    expect(where(result)).toEqual([
      `drop-column@${file}:3`,
      `rename-column@${file}:4`,
      `add-column-not-null-without-default@${file}:5`,
      `change-column-type@${file}:6`,
      `create-index-non-concurrently@${file}:7`
    ])
  }, 60_000)
})

describe('the embedded shadow', () => {
  it('starts from the initialised cluster made by the installed PGlite (re-run scripts/pglite-datadir.mjs after an upgrade)', () => {
    const installed = JSON.parse(
      readFileSync(path.join(REPO, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')
    ) as { version: string }
    const made = JSON.parse(
      readFileSync(path.join(REPO, 'src', 'gates', 'migrations', 'pglite-datadir.json'), 'utf8')
    ) as { pglite: string }
    expect(made.pglite).toBe(installed.version)
  })
})

describe('shadow replay: what it cannot see is said, never passed', () => {
  it("the tool's runtime is not installed: one warning naming it, the static reading, rollback-safe false", async () => {
    const result = await shadowGate(shadowProject('knex'))
    const file = 'migrations/20240103000000_change.js'
    // The static reading of knex's schema builder still sees the operations it knows (not `.alter()`'s DROP NOT NULL).
    expect(where(result)).toEqual([
      'shadow-runtime-missing@:',
      `drop-column@${file}:3`,
      `rename-column@${file}:6`,
      `add-column-not-null-without-default@${file}:9`,
      `change-column-type@${file}:12`,
      `create-index-non-concurrently@${file}:15`
    ])
    expect(result.findings[0]!.message).toBe(
      'The shadow replay of knex migrations (`npx knex migrate:latest`) needs knex in node_modules (npm ci): 1 migration was read statically only, so rollback-safe is false.'
    )
    expect(result.findings[0]!.severity).toBe('warning')
    expect(result.outputs['rollback-safe']).toBe('false')
    const required = await shadowGate(shadowProject('knex'), { shadow: 'true' })
    expect(required.findings[0]!.severity).toBe('error')
  })

  it('shadow: false reads the code statically only', async () => {
    const result = await shadowGate(shadowProject('knex', { nodeModules: true }), { shadow: 'false' })
    expect(shadowData(result)).toBeUndefined()
    expect(where(result).some(w => w.startsWith('shadow-'))).toBe(false)
  })

  it("a migration that fails on an empty database fails the gate at that file, with the tool's error", async () => {
    const dir = shadowProject('knex', { nodeModules: true })
    writeFileSync(
      path.join(dir, 'migrations/20240104000000_broken.js'),
      "exports.up = knex => knex.schema.alterTable('missing_table', t => { t.dropColumn('x') })\nexports.down = async () => {}\n"
    )
    const result = await shadowGate(dir)
    const failure = result.findings.find(f => f.rule === 'shadow-replay-failed')!
    expect(failure.file).toBe('migrations/20240104000000_broken.js')
    expect(failure.severity).toBe('error')
    expect(failure.message).toMatch(
      /^`node_modules\/\.bin\/knex migrate:latest --knexfile knexfile\.cjs` failed on the shadow database in 20240104000000_broken\.js: it exited with code 1; PostgreSQL answered ERROR 42P01: relation "missing_table" does not exist \(to: alter table "missing_table" drop column "x"\)\.\n[\s\S]*migration file "20240104000000_broken\.js" failed/
    )
    expect(result.outputs['rollback-safe']).toBe('false')
  }, 60_000)

  it('a command that does not migrate the shadow (its config ignores DATABASE_URL) fails closed', async () => {
    const result = await shadowGate(shadowProject('knex', { nodeModules: true }), {
      'shadow-command': 'node --version'
    })
    expect(where(result)[0]).toBe('shadow-replay-failed@migrations/20240101000000_users.js:1')
    expect(result.findings[0]!.message).toContain(
      'it exited successfully but recorded no migration through the shadow: does its database configuration read DATABASE_URL (or PGHOST/PGPORT)?'
    )
  }, 60_000)

  it('a migration file the tool does not load is reported: the deploy will not run it either', async () => {
    const dir = shadowProject('knex', { nodeModules: true })
    // knex loads only the extensions its config lists; this .cjs file is one the gate lists but knex skips.
    writeFileSync(
      path.join(dir, 'knexfile.cjs'),
      "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations', loadExtensions: ['.js'] } }\n"
    )
    writeFileSync(
      path.join(dir, 'migrations/20240104000000_extra.cjs'),
      "exports.up = knex => knex.schema.dropTable('orders')\nexports.down = async () => {}\n"
    )
    const result = await shadowGate(dir)
    const notRun = result.findings.find(f => f.rule === 'shadow-migration-not-run')!
    expect(notRun.file).toBe('migrations/20240104000000_extra.cjs')
    expect(notRun.message).toBe(
      '`node_modules/.bin/knex migrate:latest --knexfile knexfile.cjs` did not run 20240104000000_extra.cjs on an empty database: the tool does not see this file, so the deploy will not run it either.'
    )
    expect(result.outputs['rollback-safe']).toBe('false')
  }, 60_000)

  it('a command that does not finish is killed at shadow-timeout, and says so', async () => {
    const started = Date.now()
    const result = await shadowGate(shadowProject('knex', { nodeModules: true }), {
      'shadow-command': 'node -e "setTimeout(() => {}, 60000)"',
      'shadow-timeout': '1s'
    })
    expect(result.findings[0]!.message).toContain(
      'failed on the shadow database in 20240101000000_users.js: it did not finish within 1s (shadow-timeout).'
    )
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 60_000)

  it("the tool's output is quoted without the runner's secrets", async () => {
    const dir = shadowProject('knex', { nodeModules: true })
    const result = await runMigrationsGate(
      configFor({
        'base-ref': 'HEAD',
        'shadow-command': 'node -e "console.error(process.env.NPM_TOKEN); process.exit(3)"'
      }),
      testGateIO(dir, { env: { ...process.env, NPM_TOKEN: 'npm_s3cr3tvalue' } })
    )
    const failure = result.findings.find(f => f.rule === 'shadow-replay-failed')!
    expect(failure.message).toContain('it exited with code 3')
    expect(failure.message).toContain('***')
    expect(failure.message).not.toContain('npm_s3cr3tvalue')
  }, 60_000)

  it('shadow-command never reaches a shell', async () => {
    expect(() => configFor({ 'shadow-command': 'npx knex migrate:latest; curl evil.example' })).toThrow(
      "--shadow-command is run without a shell: ';' would not mean what it does in one; put the steps in a script and name the script"
    )
  })
})

const serverUrl = process.env.DEPLOY_GATES_TEST_DATABASE_URL
// A real server as the shadow (a `services: postgres` container in a job): needs the test server.
;(serverUrl ? describe : describe.skip)('shadow-database-url: an empty server of yours', () => {
  let shadowUrl: string
  let admin: pg.Client
  const name = `deploy_gates_shadow_${process.pid}`
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(serverUrl!)
    url.pathname = `/${name}`
    shadowUrl = url.toString()
  })
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  })
  const tablesIn = async (url: string): Promise<number> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const result = await client.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
      )
      return result.rows[0].n as number
    } finally {
      await client.end()
    }
  }

  it('replays on it like on PGlite, and leaves it empty', async () => {
    const result = await shadowGate(shadowProject('knex', { nodeModules: true }), {
      'shadow-database-url': shadowUrl
    })
    expect(where(result)).toContain('rename-column@migrations/20240103000000_change.js:6')
    expect(shadowData(result)).toMatchObject({ status: 'replayed', replayed: 1 })
    expect(await tablesIn(shadowUrl)).toBe(0)
  }, 60_000)

  it('a shadow with tables in it is refused, never wiped; the real database is never the shadow', async () => {
    const client = new pg.Client({ connectionString: shadowUrl })
    await client.connect()
    await client.query('CREATE TABLE precious (id int)')
    await client.end()
    try {
      await expect(
        shadowGate(shadowProject('knex', { nodeModules: true }), { 'shadow-database-url': shadowUrl })
      ).rejects.toThrow(
        /^the shadow database 127\.0\.0\.1:\d+\/deploy_gates_shadow_\d+ is not empty \(1 tables, views or sequences\): the replay writes to it, so give it an empty database$/
      )
      expect(await tablesIn(shadowUrl)).toBe(1)
      await expect(
        shadowGate(shadowProject('knex', { nodeModules: true }), {
          'shadow-database-url': shadowUrl,
          'database-url': shadowUrl
        })
      ).rejects.toThrow(
        'shadow-database-url names the same database as database-url: the shadow must be a scratch database'
      )
    } finally {
      const drop = new pg.Client({ connectionString: shadowUrl })
      await drop.connect()
      await drop.query('DROP TABLE precious')
      await drop.end()
    }
  }, 60_000)
})
