import * as path from 'node:path'
import { anyFileContains, CODE_FILE, listFiles, readMigration, str } from './common.js'
import { readCodeMigration } from './code-migrations.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

// `class X<ts> implements MigrationInterface` (TypeScript) or `class X<ts> {` (JavaScript, `--outputJs`).
const CLASS = /\bclass\s+([A-Za-z_$][\w$]*?\d{13})\s*(?:implements\s+MigrationInterface\s*)?\{/
// TypeORM records `migration.name ?? migration.constructor.name`; generated migrations set `name`.
const NAME_FIELD =
  /^\s*(?:public\s+|readonly\s+)*name\s*(?::\s*string\s*)?=\s*(['"`])([A-Za-z_$][\w$]*?\d{13})\1/m

/**
 * TypeORM: `src/migration/<timestamp>-<Name>.ts` holding `class <Name><timestamp> implements MigrationInterface`
 * (or the `.js` equivalent), ordered by the name's last 13 digits; `migrations(id, timestamp bigint, name)`
 * stores the migration's `name` field, else its class name.
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
      const id = NAME_FIELD.exec(text.slice(match.index))?.[2] ?? match[1]!
      files.push({
        id,
        name: id,
        file,
        text,
        sql: embeddedSql(text, ['queryRunner.query']),
        code: readCodeMigration(text, 'typeorm'),
        hasDown: hasJsDown(text),
        transaction: /transaction\s*=\s*false/.test(text) ? 'none' : 'wrapped',
        timestamp: BigInt(id.slice(-13))
      })
    }
    return files.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
  },
  table: { name: 'migrations', columns: ['id', 'timestamp', 'name'] },
  select: table => `SELECT timestamp, name FROM ${table} ORDER BY id`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
