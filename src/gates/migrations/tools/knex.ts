import { anyFileContains, CODE_FILE, str } from './common.js'
import { listCodeMigrations } from './code-migrations.js'
import type { ToolAdapter } from './types.js'

/**
 * knex: `migrations/*.{js,ts}` ordered by file name; `knex_migrations(id, name, batch, migration_time)`
 * with the file name (extension included) per applied migration, no checksum (and a `knex_migrations_lock`
 * table beside it). Each migration runs in a transaction unless it exports `config = { transaction: false }`.
 */
export const knex: ToolAdapter = {
  name: 'knex',
  defaultDirs: ['migrations', 'db/migrations'],
  async detect(directory) {
    return (await anyFileContains(directory, CODE_FILE, /\bknex\.schema\b|\(\s*knex\s*[,)]|Knex\b/)) ? 2 : 0
  },
  list: (directory, cwd) =>
    listCodeMigrations(directory, cwd, {
      sqlCallees: ['knex.raw', 'knex.schema.raw', 'trx.raw'],
      tool: 'knex',
      transaction: text => (/transaction\s*:\s*false/.test(text) ? 'none' : 'wrapped')
    }),
  table: { name: 'knex_migrations', columns: ['id', 'name', 'batch', 'migration_time'] },
  select: table => `SELECT name FROM ${table} ORDER BY id`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
