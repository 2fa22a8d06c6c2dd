import * as path from 'node:path'
import {
  anyFileContains,
  CODE_FILE,
  keepRange,
  listFiles,
  mapLimit,
  READ_CONCURRENCY,
  readMigration,
  str
} from './common.js'
import { hasSqlContent } from './dbmate.js'
import { embeddedSql, hasJsDown } from './embedded-sql.js'
import type { MigrationFile, ToolAdapter } from './types.js'

const FILE = /^(\d+)[_-]?.*\.(sql|c?js|mjs|ts)$/
// node-pg-migrate's own markers: `-- Up Migration`, `-- Down Migration` (any case, extra dashes allowed).
const UP = /^\s*--[\s-]*up\s+migration.*$/im
const DOWN = /^\s*--[\s-]*down\s+migration.*$/im

/**
 * node-pg-migrate: `migrations/<timestamp>_<name>.{js,ts,sql}` ordered by the numeric prefix.
 * SQL files have `-- Up Migration` / `-- Down Migration` sections. `pgmigrations(id, name, run_on)`
 * records one row per migration, named as the file without its extension; no checksum.
 * Each migration runs in its own transaction unless it calls `pgm.noTransaction()`.
 */
export const nodePgMigrate: ToolAdapter = {
  name: 'node-pg-migrate',
  defaultDirs: ['migrations'],
  async detect(directory) {
    if (await anyFileContains(directory, /\.sql$/, UP)) return 3
    if (
      await anyFileContains(
        directory,
        CODE_FILE,
        /\bpgm\s*=>|\(\s*pgm\b|MigrationBuilder|\bpgm\.(sql|create|add|drop)/
      )
    )
      return 2
    return 0
  },
  async list(directory, cwd) {
    const files = await mapLimit(
      await listFiles(directory, FILE),
      READ_CONCURRENCY,
      async (name): Promise<MigrationFile> => {
        const { text, file } = await readMigration(cwd, path.join(directory, name))
        const id = name.replace(/\.[^.]+$/, '')
        if (name.endsWith('.sql')) {
          const up = UP.exec(text)
          const down = DOWN.exec(text)
          const start = up ? up.index + up[0].length : 0
          const end = down && down.index > start ? down.index : text.length
          const downText = down ? text.slice(down.index + down[0].length) : ''
          return {
            id,
            name: id,
            file,
            text,
            sql: keepRange(text, start, end),
            hasDown: hasSqlContent(downText),
            transaction: 'wrapped'
          }
        } else {
          return {
            id,
            name: id,
            file,
            text,
            sql: embeddedSql(text, ['pgm.sql']),
            hasDown: hasJsDown(text),
            transaction: /pgm\.noTransaction\s*\(/.test(text) ? 'none' : 'wrapped'
          }
        }
      }
    )
    const prefix = (f: MigrationFile): bigint => BigInt(/^\d+/.exec(f.id)![0])
    return files.sort((a, b) =>
      prefix(a) < prefix(b) ? -1 : prefix(a) > prefix(b) ? 1 : a.id < b.id ? -1 : 1
    )
  },
  table: { name: 'pgmigrations', columns: ['id', 'name', 'run_on'] },
  select: table => `SELECT name FROM ${table} ORDER BY run_on, id`,
  applied: rows => rows.map(row => ({ id: str(row.name), failed: false }))
}
