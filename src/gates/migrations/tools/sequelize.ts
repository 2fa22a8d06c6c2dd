import { anyFileContains, CODE_FILE, str } from './common.js'
import { listCodeMigrations } from './code-migrations.js'
import type { ToolAdapter } from './types.js'

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
  list: (directory, cwd) =>
    listCodeMigrations(directory, cwd, {
      sqlCallees: ['queryInterface.sequelize.query', 'sequelize.query'],
      tool: 'sequelize',
      transaction: text => (/\.transaction\s*\(/.test(text) ? 'wrapped' : 'none')
    }),
  table: { name: 'SequelizeMeta', columns: ['name'] },
  select: table => `SELECT name FROM ${table} ORDER BY name`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
