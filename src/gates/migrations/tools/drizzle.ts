import * as path from 'node:path'
import { FileError } from '../../../errors.js'
import { readTextFile } from '../../../files.js'
import { exists, readMigration, sha256, str } from './common.js'
import type { MigrationFile, ToolAdapter } from './types.js'

interface JournalEntry {
  idx: number
  when: number
  tag: string
  breakpoints?: boolean
}

/**
 * Drizzle (drizzle-kit generate + drizzle-orm's migrator): `drizzle/<idx>_<tag>.sql` listed in
 * `meta/_journal.json`, statements split on `--> statement-breakpoint`. The migrator stores
 * `drizzle.__drizzle_migrations(id, hash, created_at)`: the SHA-256 of the file and the journal's `when`,
 * and applies only files whose `when` is later than the last row's, all in one transaction. A file whose
 * `when` is before the last applied one is therefore skipped silently: files are ordered by `when`, so the
 * comparison reports it out-of-order.
 */
export const drizzle: ToolAdapter = {
  name: 'drizzle',
  defaultDirs: ['drizzle', 'migrations', 'src/db/migrations', 'db/migrations'],
  async detect(directory) {
    return (await exists(path.join(directory, 'meta', '_journal.json'))) ? 3 : 0
  },
  async foreignDialect(directory, cwd) {
    const journalPath = path.join(directory, 'meta', '_journal.json')
    let text: string
    try {
      text = (await readTextFile(cwd, journalPath)).text
    } catch {
      return undefined
    }
    const match = /"dialect"\s*:\s*"([^"]+)"/.exec(text)
    if (!match || match[1] === 'postgresql' || match[1] === 'pg') return undefined
    return {
      dialect: match[1]!,
      file: path.relative(cwd, journalPath).split(path.sep).join('/'),
      line: text.slice(0, match.index).split('\n').length
    }
  },
  async list(directory, cwd) {
    const journalPath = path.join(directory, 'meta', '_journal.json')
    const { text: journalText, display } = await readTextFile(cwd, journalPath)
    let entries: JournalEntry[]
    try {
      entries = (JSON.parse(journalText) as { entries: JournalEntry[] }).entries
      if (!Array.isArray(entries)) throw new Error('no "entries" list')
    } catch (error) {
      throw new FileError(
        `not a drizzle journal: ${error instanceof Error ? error.message : String(error)}`,
        display
      )
    }
    const files: MigrationFile[] = []
    for (const entry of entries) {
      const { text, file } = await readMigration(cwd, path.join(directory, `${entry.tag}.sql`))
      files.push({
        id: String(entry.when),
        name: entry.tag,
        file,
        text,
        // The breakpoint marker is a SQL comment, so the file parses as it is.
        sql: text,
        transaction: 'wrapped',
        checksums: [sha256(text)]
      })
    }
    // The migrator applies only entries whose `when` is later than the last applied one, so `when` (not the
    // journal's position) decides what runs: an entry merged late with an earlier `when` never will.
    return files.sort((a, b) => Number(a.id) - Number(b.id))
  },
  table: { schema: 'drizzle', name: '__drizzle_migrations', columns: ['id', 'hash', 'created_at'] },
  select: table => `SELECT hash, created_at FROM ${table} ORDER BY created_at`,
  applied: rows => rows.map(row => ({ id: str(row.created_at), checksum: str(row.hash), failed: false }))
}
