import * as path from 'node:path'
import { anyFileContains, CODE_FILE, listFiles, readMigration, str } from './common.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

/**
 * Sequelize (sequelize-cli, or umzug with SequelizeStorage): `migrations/<timestamp>-<name>.js` ordered by
 * file name; `"SequelizeMeta"(name varchar(255) primary key)` holds the applied file names. Sequelize does not
 * wrap migrations in a transaction unless the migration opens one itself.
 */
export const sequelize: ToolAdapter = {
  name: 'sequelize',
  defaultDirs: ['migrations', 'db/migrations', 'src/migrations'],
  async detect(directory) {
    return (await anyFileContains(directory, CODE_FILE, /\bqueryInterface\b/)) ? 2 : 0
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
        sql: embeddedSql(text, ['queryInterface.sequelize.query', 'sequelize.query']),
        hasDown: hasJsDown(text),
        transaction: /\.transaction\s*\(/.test(text) ? 'wrapped' : 'none'
      })
    }
    return files
  },
  table: { name: 'SequelizeMeta', columns: ['name'] },
  select: table => `SELECT name FROM ${table} ORDER BY name`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
