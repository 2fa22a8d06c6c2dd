import * as path from 'node:path'
import {
  anyFileContains,
  keepRange,
  listFiles,
  mapLimit,
  READ_CONCURRENCY,
  readMigration,
  str
} from './common.js'
import type { MigrationFile, ToolAdapter } from './types.js'

const FILE = /^(\d+)_?(.*)\.sql$/
const UP_MARKER = /^--\s*migrate:up\b(.*)$/m
const DOWN_MARKER = /^--\s*migrate:down\b.*$/m

/** Splits a dbmate file into its up and down sections (`-- migrate:up [transaction:false]`, `-- migrate:down`). */
export function dbmateSections(text: string): { up: string; down: string; transaction: boolean } {
  const up = UP_MARKER.exec(text)
  const down = DOWN_MARKER.exec(text)
  const upStart = up ? up.index + up[0].length : 0
  const upEnd = down && down.index > upStart ? down.index : text.length
  const downText = down ? text.slice(down.index + down[0].length) : ''
  return {
    up: keepRange(text, upStart, upEnd),
    down: downText,
    transaction: !/transaction\s*:\s*false/.test(up?.[1] ?? '')
  }
}

/** A down section that only has comments and whitespace does not undo anything. */
export function hasSqlContent(text: string): boolean {
  return (
    text
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() !== ''
  )
}

/**
 * dbmate: `db/migrations/<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections,
 * ordered by version; `schema_migrations(version varchar primary key)`, one row per applied version,
 * no checksum. Each migration runs in a transaction unless its up marker says `transaction:false`.
 */
export const dbmate: ToolAdapter = {
  name: 'dbmate',
  defaultDirs: ['db/migrations'],
  async detect(directory) {
    return (await anyFileContains(directory, /\.sql$/, UP_MARKER)) ? 3 : 0
  },
  async list(directory, cwd) {
    return mapLimit(
      await listFiles(directory, FILE),
      READ_CONCURRENCY,
      async (name): Promise<MigrationFile> => {
        const match = FILE.exec(name)!
        const { text, file } = await readMigration(cwd, path.join(directory, name))
        const sections = dbmateSections(text)
        return {
          id: match[1]!,
          name: name.replace(/\.sql$/, ''),
          file,
          text,
          sql: sections.up,
          hasDown: hasSqlContent(sections.down),
          transaction: sections.transaction ? 'wrapped' : 'none'
        }
      }
    )
  },
  table: { name: 'schema_migrations', columns: ['version'] },
  select: table => `SELECT version FROM ${table} ORDER BY version`,
  applied: rows => rows.map(row => ({ id: str(row.version), failed: false }))
}
