import * as path from 'node:path'
import { CODE_FILE, listFiles, readMigration } from './common.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile } from './types.js'

/**
 * JavaScript/TypeScript migrations identified by their file name (knex, Sequelize): one MigrationFile per
 * file in name order, with the SQL passed to the tool's raw-query calls linted at its own lines.
 */
export async function listCodeMigrations(
  directory: string,
  cwd: string,
  {
    sqlCallees,
    transaction
  }: { sqlCallees: string[]; transaction: (text: string) => MigrationFile['transaction'] }
): Promise<MigrationFile[]> {
  const files: MigrationFile[] = []
  for (const name of await listFiles(directory, CODE_FILE)) {
    if (name.endsWith('.d.ts')) continue
    const { text, file } = await readMigration(cwd, path.join(directory, name))
    files.push({
      id: name,
      name,
      file,
      text,
      sql: embeddedSql(text, sqlCallees),
      hasDown: hasJsDown(text),
      transaction: transaction(text)
    })
  }
  return files
}
