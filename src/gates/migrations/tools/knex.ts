import * as path from 'node:path'
import { anyFileContains, CODE_FILE, listFiles, readMigration, str } from './common.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

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
  async list(directory, cwd) {
    const files: MigrationFile[] = []
    for (const name of await listFiles(directory, CODE_FILE)) {
      if (name.endsWith('.d.ts')) continue
      const { text, file } = await readMigration(cwd, path.join(directory, name))
      files.push({
        id: name,
        name,
        file,
        text,
        sql: embeddedSql(text, ['knex.raw', 'knex.schema.raw', 'trx.raw']),
        hasDown: hasJsDown(text),
        transaction: /transaction\s*:\s*false/.test(text) ? 'none' : 'wrapped'
      })
    }
    return files
  },
  table: { name: 'knex_migrations', columns: ['id', 'name', 'batch', 'migration_time'] },
  select: table => `SELECT name FROM ${table} ORDER BY id`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
