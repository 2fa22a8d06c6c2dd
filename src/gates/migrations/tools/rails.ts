import * as path from 'node:path'
import { anyFileContains, exists, listFiles, readMigration, str } from './common.js'
import { readCodeMigration } from './code-migrations.js'
import { embeddedSql } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

const FILE = /^(\d+)_(.+)\.rb$/

/**
 * Rails (Active Record): `db/migrate/<timestamp>_<name>.rb` (and `db/post_migrate/`, GitLab's post-deployment
 * migrations, which `rails db:migrate` runs too unless SKIP_POST_DEPLOYMENT_MIGRATIONS is set) ordered by version; `schema_migrations(version
 * varchar primary key)` lists applied versions (`ar_internal_metadata` beside it). `execute` SQL is linted.
 * DDL runs in a transaction unless the class calls `disable_ddl_transaction!`.
 */
export const rails: ToolAdapter = {
  name: 'rails',
  defaultDirs: ['db/migrate'],
  async detect(directory) {
    return (await anyFileContains(directory, /\.rb$/, /ActiveRecord::Migration/)) ? 3 : 0
  },
  async list(directory, cwd) {
    const files: MigrationFile[] = []
    const dirs = [directory]
    const postMigrate = path.join(path.dirname(directory), 'post_migrate')
    if (path.basename(directory) === 'migrate' && (await exists(postMigrate))) dirs.push(postMigrate)
    const names = (
      await Promise.all(dirs.map(async dir => (await listFiles(dir, FILE)).map(name => ({ dir, name }))))
    ).flat()
    for (const { dir, name } of names) {
      const match = FILE.exec(name)!
      const { text, file } = await readMigration(cwd, path.join(dir, name))
      files.push({
        id: match[1]!,
        name: name.replace(/\.rb$/, ''),
        file,
        text,
        sql: embeddedSql(text, ['execute']),
        code: readCodeMigration(text, 'rails'),
        transaction: /disable_ddl_transaction!/.test(text) ? 'none' : 'wrapped'
      })
    }
    return files.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0))
  },
  table: { name: 'schema_migrations', columns: ['version'] },
  select: table => `SELECT version FROM ${table} ORDER BY version`,
  applied: rows => rows.map(row => ({ id: str(row.version), failed: false }))
}
