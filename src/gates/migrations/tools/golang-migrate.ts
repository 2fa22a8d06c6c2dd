import * as path from 'node:path'
import { listFiles, mapLimit, READ_CONCURRENCY, readMigration, str } from './common.js'
import type { AppliedMigration, MigrationFile, ToolAdapter } from './types.js'

const UP = /^(\d+)_(.+)\.up\.sql$/

/**
 * golang-migrate: `<version>_<name>.up.sql` / `.down.sql`, ordered by the numeric version.
 * `schema_migrations(version bigint, dirty boolean)` holds ONE row: the current version, and
 * `dirty = true` when the last migration failed half-way (`migrate force` is needed).
 * The postgres driver sends a file as one multi-statement query, i.e. one implicit transaction.
 */
export const golangMigrate: ToolAdapter = {
  name: 'golang-migrate',
  defaultDirs: ['migrations', 'db/migrations', 'migrate'],
  pointer: true,
  async detect(directory) {
    return (await listFiles(directory, /\.up\.sql$/)).some(name => UP.test(name)) ? 3 : 0
  },
  async list(directory, cwd) {
    const downs = new Set(await listFiles(directory, /\.down\.sql$/))
    const files = await mapLimit(
      await listFiles(directory, UP),
      READ_CONCURRENCY,
      async (name): Promise<MigrationFile> => {
        const match = UP.exec(name)!
        const { text, file } = await readMigration(cwd, path.join(directory, name))
        const hasDown = downs.has(name.replace(/\.up\.sql$/, '.down.sql'))
        return {
          id: String(BigInt(match[1]!)),
          name: name.replace(/\.up\.sql$/, ''),
          file,
          text,
          sql: text,
          hasDown,
          transaction: 'implicit',
          relatedFiles: [file.replace(/\.up\.sql$/, '.down.sql')]
        }
      }
    )
    return files.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0))
  },
  table: { name: 'schema_migrations', columns: ['version', 'dirty'] },
  select: table => `SELECT version, dirty FROM ${table}`,
  applied(rows, files) {
    const row = rows[0]
    if (!row) return []
    const current = BigInt(str(row.version))
    const applied: AppliedMigration[] = files
      .filter(file => BigInt(file.id) < current)
      .map(file => ({ id: file.id, failed: false, inferred: true }))
    // The current version itself: applied, or failed half-way when dirty.
    applied.push({ id: current.toString(), failed: row.dirty === true, label: `version ${current}` })
    return applied
  }
}
