import * as path from 'node:path'
import { readAlembicMigration, readDjangoMigration } from '../code/python.js'
import { readRailsMigration } from '../code/rails.js'
import { readKnexMigration, readSequelizeMigration, readTypeormMigration } from '../code/javascript.js'
import type { CodeReading } from '../code/reading.js'
import { CODE_FILE, listFiles, readMigration } from './common.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile } from './types.js'

export type CodeTool = 'rails' | 'django' | 'alembic' | 'knex' | 'sequelize' | 'typeorm'

/**
 * The static reading of a code migration: every schema operation of the tool (Rails `remove_column`, Django
 * `RemoveField`, Alembic `op.drop_column`, knex `dropColumn`, Sequelize `removeColumn`, TypeORM
 * `queryRunner.dropColumn`…) as the SQL the tool sends for it, and the SQL strings given to its raw-query calls,
 * each at its place in the file. It is what the gate lints when the shadow replay cannot run the tool (and the
 * fallback when it fails). `app` is the Django app label (tables are `<app>_<model>`).
 */
export function readCodeMigration(
  text: string,
  tool: CodeTool,
  { app = 'app' }: { app?: string } = {}
): CodeReading {
  switch (tool) {
    case 'rails':
      return readRailsMigration(text)
    case 'django':
      return readDjangoMigration(text, app)
    case 'alembic':
      return readAlembicMigration(text)
    case 'knex':
      return readKnexMigration(text)
    case 'sequelize':
      return readSequelizeMigration(text)
    case 'typeorm':
      return readTypeormMigration(text)
  }
}

/**
 * JavaScript/TypeScript migrations identified by their file name (knex, Sequelize): one MigrationFile per
 * file in name order, read statically (see readCodeMigration).
 */
export async function listCodeMigrations(
  directory: string,
  cwd: string,
  {
    sqlCallees,
    transaction,
    tool
  }: {
    sqlCallees: string[]
    transaction: (text: string) => MigrationFile['transaction']
    tool?: CodeTool
  }
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
      ...(tool && { code: readCodeMigration(text, tool) }),
      hasDown: hasJsDown(text),
      transaction: transaction(text)
    })
  }
  return files
}
