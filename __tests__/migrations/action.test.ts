// Runner protocol: the bundled dist/index.js run as the GitHub runner runs it, against a real database
// (the CI PostgreSQL server, or PGlite on loopback on a machine without one).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'
import { REPO, testDatabase, type TestDatabase } from './helpers.js'

const run = promisify(execFile)
let db: TestDatabase

beforeAll(async () => {
  ensureBuilt()
  db = await testDatabase()
}, 180_000)
afterAll(async () => {
  await db?.close()
})

/** The example service with its first three migrations applied by node-pg-migrate, plus the destructive breakage. */
async function workspace(): Promise<string> {
  await db.reset()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-migrations-action-'))
  cpSync(path.join(REPO, 'examples/service'), dir, { recursive: true })
  await run(
    process.execPath,
    [path.join(REPO, 'node_modules/node-pg-migrate/bin/node-pg-migrate.js'), 'up', '3', '-m', 'migrations'],
    {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: db.url }
    }
  )
  cpSync(
    path.join(REPO, 'examples/breakages/migration-destructive/migrations'),
    path.join(dir, 'migrations'),
    { recursive: true }
  )
  return dir
}

describe.each(NODE_BINARIES)('gate: migrations through dist/index.js ($label)', ({ path: node }) => {
  it('reports pending migrations, annotates the destructive statement, sets outputs, masks the password', async () => {
    const cwd = await workspace()
    const url = new URL(db.url)
    url.password = 'Pa55-word-never-shown'
    const result = await runAction({
      inputs: { gate: 'migrations', 'database-url': url.toString(), comment: 'false' },
      cwd,
      node
    })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      status: 'failed',
      pending: '3',
      'pending-migrations':
        '["1718000300000_add-users-phone","1718000400000_orders-paid-at","1718000500000_users-drop-name"]',
      destructive: 'true',
      'rollback-safe': 'false'
    })
    const errors = result.annotations.filter(a => a.level === 'error' && a.file)
    expect(errors.map(a => `${a.title}@${a.file}:${a.line}:${a.col}`)).toEqual([
      'rename-column@migrations/1718000500000_users-drop-name.sql:3:1',
      'drop-column@migrations/1718000500000_users-drop-name.sql:4:1'
    ])
    expect(result.summary).toContain('Pending migrations')
    expect(result.summary).toContain('<code>1718000500000_users-drop-name</code>')
    const visible =
      result.stdout.replace(/::add-mask::.*\n/g, '') +
      result.stderr +
      result.summary +
      JSON.stringify(result.outputs)
    expect(visible).not.toContain('Pa55-word-never-shown')
  }, 120_000)

  it('an unreachable database fails the step with one clear line', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'dg-migrations-action-'))
    cpSync(path.join(REPO, 'examples/service'), cwd, { recursive: true })
    const result = await runAction({
      inputs: {
        gate: 'migrations',
        'database-url': 'postgres://app:hunter2@127.0.0.1:1/app',
        comment: 'false'
      },
      cwd,
      node
    })
    expect(result.code).toBe(1)
    const failure = result.annotations.find(a => a.title === 'database-unreachable')!
    expect(failure.message).toContain(
      'Database check failed: cannot connect to 127.0.0.1:1/app: connect ECONNREFUSED 127.0.0.1:1.'
    )
    expect(result.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('hunter2')
  }, 60_000)
})
