import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { exists, listEntries, readMigration, sha256, str } from './common.js'
import type { ToolAdapter } from './types.js'

/**
 * Prisma Migrate: `prisma/migrations/<timestamp>_<name>/migration.sql`, ordered by folder name.
 * `_prisma_migrations` stores the SHA-256 of migration.sql; a row with neither finished_at nor
 * rolled_back_at is a migration that failed half-way (Prisma refuses to deploy until it is resolved).
 */
export const prisma: ToolAdapter = {
  name: 'prisma',
  // Monorepos keep one schema per package (`packages/db/prisma`, `apps/api/prisma`).
  defaultDirs: ['prisma/migrations', 'packages/*/prisma/migrations', 'apps/*/prisma/migrations'],
  async foreignDialect(directory, cwd) {
    // migration_lock.toml records the provider `prisma migrate` generated for; the schema says it too.
    const candidates = [
      path.join(directory, 'migration_lock.toml'),
      path.join(directory, '..', 'schema.prisma'),
      path.join(directory, '..', 'schema', 'schema.prisma')
    ]
    for (const candidate of candidates) {
      let text: string
      try {
        text = await fs.readFile(candidate, 'utf8')
      } catch {
        continue
      }
      // The lock file holds only the provider; in the schema it is the datasource block's (not a generator's).
      const start = candidate.endsWith('.toml') ? 0 : (/^\s*datasource\s+\w+\s*\{/m.exec(text)?.index ?? -1)
      if (start < 0) continue
      const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(text.slice(start))
      if (!provider) continue
      if (provider[1] === 'postgresql' || provider[1] === 'postgres') return undefined
      const offset = start + provider.index + provider[0].indexOf('provider')
      return {
        dialect: provider[1]!,
        file: path.relative(cwd, candidate).split(path.sep).join('/'),
        line: text.slice(0, offset).split('\n').length
      }
    }
    return undefined
  },
  async detect(directory) {
    if (await exists(path.join(directory, 'migration_lock.toml'))) return 3
    for (const entry of await listEntries(directory)) {
      if (entry.isDirectory && (await exists(path.join(directory, entry.name, 'migration.sql')))) return 3
    }
    return 0
  },
  async list(directory, cwd) {
    const files = []
    for (const entry of await listEntries(directory)) {
      const script = path.join(directory, entry.name, 'migration.sql')
      if (!entry.isDirectory || !(await exists(script))) continue
      const { text, file } = await readMigration(cwd, script)
      // Prisma compares the checksum of the file's bytes; it also accepts the same script with LF line endings.
      const checksums = [sha256(text), sha256(text.replace(/\r\n/g, '\n'))]
      files.push({
        id: entry.name,
        name: entry.name,
        file,
        text,
        sql: text,
        transaction: 'implicit' as const,
        checksums
      })
    }
    return files
  },
  table: {
    name: '_prisma_migrations',
    columns: [
      'id',
      'checksum',
      'finished_at',
      'migration_name',
      'logs',
      'rolled_back_at',
      'started_at',
      'applied_steps_count'
    ]
  },
  select: table =>
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at, migration_name`,
  applied(rows) {
    // A rolled-back attempt is history, not state: Prisma retries that migration.
    return rows
      .filter(row => row.rolled_back_at === null)
      .map(row => ({
        id: str(row.migration_name),
        checksum: str(row.checksum),
        failed: row.finished_at === null
      }))
  }
}
