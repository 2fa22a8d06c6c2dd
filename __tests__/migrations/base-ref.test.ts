import { describe, expect, it } from '@jest/globals'
import { unlinkSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { git, project, runGate, where } from './helpers.js'

function repository(): { dir: string; base: string } {
  const dir = project({
    'db/migrations/20240101000000_users.sql':
      '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, name text);\n\n-- migrate:down\nDROP TABLE users;\n',
    'db/migrations/20240102000000_orders.sql':
      '-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY);\nALTER TABLE users DROP COLUMN name;\n\n-- migrate:down\nDROP TABLE orders;\n',
    'db/migrations/20240103000000_legacy.sql': '-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 1;\n'
  })
  git(dir, 'init', '-q')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'base')
  return { dir, base: git(dir, 'rev-parse', 'HEAD').trim() }
}

function change(dir: string): void {
  // Edit an applied migration on its 3rd line, delete one, add a new one.
  writeFileSync(
    path.join(dir, 'db/migrations/20240101000000_users.sql'),
    '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, name text);\nALTER TABLE users ADD COLUMN email text NOT NULL;\n\n-- migrate:down\nDROP TABLE users;\n'
  )
  unlinkSync(path.join(dir, 'db/migrations/20240103000000_legacy.sql'))
  writeFileSync(
    path.join(dir, 'db/migrations/20240104000000_index.sql'),
    '-- migrate:up\nCREATE INDEX users_id_idx ON users (id);\n\n-- migrate:down\nDROP INDEX users_id_idx;\n'
  )
}

describe('base-ref: lint only what changed, and catch edited history', () => {
  it('flags an edited migration at its first changed line and a deleted one; lints only changed files', async () => {
    const { dir } = repository()
    change(dir)
    const result = await runGate(dir, { 'base-ref': 'HEAD' })
    expect(where(result)).toEqual([
      'edited-migration@db/migrations/20240101000000_users.sql:3',
      'removed-migration@db/migrations/20240103000000_legacy.sql:',
      'create-index-non-concurrently@db/migrations/20240104000000_index.sql:2'
    ])
    // The edit adds a NOT NULL column to a table the same file creates: not a lint finding, but edited history.
    // 20240102's DROP COLUMN is unchanged since the base: not linted, so not destructive in this change.
    expect(result.outputs.destructive).toBe('false')
    expect(result.scope).toBe(
      'dbmate: 3 migrations in db/migrations, 2 changed since HEAD linted, 3 SQL statements'
    )
    expect(result.findings[0]!.message).toBe(
      'Migration 20240101000000_users exists on HEAD and was modified in this change.'
    )
  })

  it("reads git's answers the same whatever the repository's git config colours or diffs with", async () => {
    const { dir } = repository()
    change(dir)
    // Forced colour wraps `@@ -2,0 +3 @@` and the status letters in escape codes; an external diff replaces
    // git's own output altogether. Either would lose the changed line, or the change itself.
    git(dir, 'config', 'color.ui', 'always')
    git(dir, 'config', 'diff.external', 'false')
    const result = await runGate(dir, { 'base-ref': 'HEAD' })
    expect(where(result)).toEqual([
      'edited-migration@db/migrations/20240101000000_users.sql:3',
      'removed-migration@db/migrations/20240103000000_legacy.sql:',
      'create-index-non-concurrently@db/migrations/20240104000000_index.sql:2'
    ])
  })

  it('on a pull_request event the PR base is the default; without one everything is linted', async () => {
    const { dir, base } = repository()
    change(dir)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'change')
    const pr = await runGate(
      dir,
      {},
      {},
      { eventName: 'pull_request', event: { pull_request: { base: { sha: base } } } }
    )
    expect(where(pr)).toContain('edited-migration@db/migrations/20240101000000_users.sql:3')
    expect(pr.scope).toContain(`2 changed since ${base.slice(0, 7)} linted`)
    const push = await runGate(dir, {}, {}, { eventName: 'push' })
    expect(where(push)).toContain('drop-column@db/migrations/20240102000000_orders.sql:3')
    expect(where(push).some(w => w.startsWith('edited-migration'))).toBe(false)
  })

  it('a base rewritten by a force-push: says so and compares with the merge base of the default branch', async () => {
    const { dir } = repository()
    git(dir, 'checkout', '-qb', 'feature')
    change(dir)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'change')
    const gone = 'a'.repeat(40)
    const result = await runGate(
      dir,
      {},
      {},
      {
        eventName: 'pull_request',
        event: { pull_request: { base: { sha: gone } }, repository: { default_branch: 'main' } }
      }
    )
    expect(where(result)).toEqual([
      'base-ref-unreachable@:',
      'edited-migration@db/migrations/20240101000000_users.sql:3',
      'removed-migration@db/migrations/20240103000000_legacy.sql:',
      'create-index-non-concurrently@db/migrations/20240104000000_index.sql:2'
    ])
    expect(result.findings[0]!.message).toBe(
      `Base ${gone} is not in this clone (rewritten by a force-push, or not fetched): compared with the merge base of main instead.`
    )
    expect(result.scope).toContain('2 changed since main linted')
  })

  it('a base that is missing with no default branch either is a clear error, not a silent full lint', async () => {
    const { dir } = repository()
    git(dir, 'branch', '-qm', 'main', 'trunk')
    await expect(runGate(dir, { 'base-ref': 'origin/nope' })).rejects.toThrow(
      "base-ref 'origin/nope' is not in this clone and no default branch is either: fetch it (actions/checkout with fetch-depth: 0) or set base-ref to a ref that exists"
    )
  })

  it("forty zeros (a branch's first push) mean no base: everything is linted", async () => {
    const { dir } = repository()
    const result = await runGate(dir, { 'base-ref': '0'.repeat(40) })
    expect(where(result)).toContain('drop-column@db/migrations/20240102000000_orders.sql:3')
    expect(result.scope).toBe('dbmate: 3 migrations in db/migrations, 3 linted, 4 SQL statements')
  })

  it('a base-ref that looks like a git option never reaches git', async () => {
    const { dir } = repository()
    await expect(runGate(dir, { 'base-ref': '--output=/tmp/x' })).rejects.toThrow(
      "--base-ref is not a git ref or commit (got '--output=/tmp/x')"
    )
  })
})
