import * as path from 'node:path'
import { anyFileContains, listEntries, listFiles, readMigration, str } from './common.js'
import { embeddedSql } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

const FILE = /^(\d{4})_(.+)\.py$/
const MARKER = /migrations\.Migration\b/

/**
 * Django: `<app>/migrations/0001_<name>.py` per app, ordered by number within the app;
 * `django_migrations(id, app, name, applied)` records (app, name). `migrations-dir` is the project root
 * (every app below it) or one app's `migrations` folder. RunSQL SQL is linted. Migrations are atomic
 * unless the class sets `atomic = False`.
 */
export const django: ToolAdapter = {
  name: 'django',
  defaultDirs: ['.'],
  async detect(directory) {
    if (await anyFileContains(directory, FILE, MARKER)) return 3
    for (const entry of await listEntries(directory)) {
      if (
        entry.isDirectory &&
        (await anyFileContains(path.join(directory, entry.name, 'migrations'), FILE, MARKER))
      )
        return 3
    }
    return 0
  },
  async list(directory, cwd) {
    const apps: { app: string; dir: string }[] = []
    if ((await listFiles(directory, FILE)).length > 0)
      apps.push({ app: path.basename(path.dirname(path.resolve(directory))), dir: directory })
    else {
      for (const entry of await listEntries(directory)) {
        const dir = path.join(directory, entry.name, 'migrations')
        if (entry.isDirectory && (await listFiles(dir, FILE)).length > 0) apps.push({ app: entry.name, dir })
      }
    }
    const files: MigrationFile[] = []
    for (const { app, dir } of apps) {
      for (const name of await listFiles(dir, FILE)) {
        const { text, file } = await readMigration(cwd, path.join(dir, name))
        const migration = name.replace(/\.py$/, '')
        files.push({
          id: `${app}.${migration}`,
          name: `${app}.${migration}`,
          file,
          text,
          sql: embeddedSql(text, ['migrations.RunSQL', 'RunSQL']),
          transaction: /atomic\s*=\s*False/.test(text) ? 'none' : 'wrapped',
          group: app
        })
      }
    }
    return files
  },
  table: { name: 'django_migrations', columns: ['id', 'app', 'name', 'applied'] },
  select: table => `SELECT app, name FROM ${table} ORDER BY id`,
  applied: rows => rows.map(row => ({ id: `${str(row.app)}.${str(row.name)}`, failed: false }))
}
