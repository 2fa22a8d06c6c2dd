import * as path from 'node:path'
import { anyFileContains, CODE_FILE, listFiles, readMigration, str } from './common.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

const CLASS = /class\s+([A-Za-z_$][\w$]*?(\d{13}))\s+implements\s+MigrationInterface/

/**
 * TypeORM: `src/migration/<timestamp>-<Name>.ts` holding `class <Name><timestamp> implements MigrationInterface`,
 * ordered by that 13-digit timestamp; `migrations(id, timestamp bigint, name)` stores the class name.
 * Generated migrations are `queryRunner.query("...")` calls, so their SQL is linted. All pending migrations
 * run in one transaction by default (`transaction = false` on the class opts out).
 */
export const typeorm: ToolAdapter = {
  name: 'typeorm',
  defaultDirs: ['src/migration', 'src/migrations', 'migrations', 'src/database/migrations'],
  async detect(directory) {
    return (await anyFileContains(directory, CODE_FILE, /MigrationInterface/)) ? 2 : 0
  },
  async list(directory, cwd) {
    const files: (MigrationFile & { timestamp: bigint })[] = []
    for (const name of await listFiles(directory, CODE_FILE)) {
      if (name.endsWith('.d.ts')) continue
      const { text, file } = await readMigration(cwd, path.join(directory, name))
      const match = CLASS.exec(text)
      if (!match) continue
      files.push({
        id: match[1]!,
        name: match[1]!,
        file,
        text,
        sql: embeddedSql(text, ['queryRunner.query']),
        hasDown: hasJsDown(text),
        transaction: /transaction\s*=\s*false/.test(text) ? 'none' : 'wrapped',
        timestamp: BigInt(match[2]!)
      })
    }
    return files.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
  },
  table: { name: 'migrations', columns: ['id', 'timestamp', 'name'] },
  select: table => `SELECT timestamp, name FROM ${table} ORDER BY id`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
