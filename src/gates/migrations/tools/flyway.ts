import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { crc32 } from 'node:zlib'
import {
  compareStrings,
  compareVersions,
  mapLimit,
  READ_CONCURRENCY,
  readMigration,
  str,
  walkFiles
} from './common.js'
import type { AppliedMigration, MigrationFile, ToolAdapter } from './types.js'

const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/
const REPEATABLE = /^R__(.+)\.sql$/

/** Flyway's version: `1_2` and `1.2` are the same, leading zeros and trailing `.0` parts do not count. */
export function normalizeFlywayVersion(version: string): string {
  const parts = version
    .replace(/_/g, '.')
    .split('.')
    .map(part => BigInt(part).toString())
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop()
  return parts.join('.')
}

/**
 * Flyway's SQL checksum: java.util.zip.CRC32 fed each line's UTF-8 bytes without its terminator
 * (BufferedReader.readLine splits on \n, \r\n and \r), a BOM stripped from the first line, stored as a
 * signed 32-bit int. So line endings and blank lines do not change it, but any other edit does.
 */
export function flywayChecksum(text: string): number {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1)
  let crc = 0
  for (const line of lines) crc = crc32(Buffer.from(line, 'utf8'), crc)
  return crc | 0
}

/** Flyway's SQL callbacks (`beforeMigrate.sql`, `afterEachMigrate__x.sql`, …): run by Flyway, not migrations. */
const CALLBACK = /^(?:before|after)[A-Z]\w*(?:__.+)?\.sql$|^createSchema\.sql$/

/**
 * Flyway's per-script configuration: `V2__x.sql.conf` beside the script, `key=value` lines.
 * Only `executeInTransaction` changes what the gate checks.
 */
async function executesInTransaction(absolute: string): Promise<boolean | undefined> {
  let text: string
  try {
    text = await fs.readFile(`${absolute}.conf`, 'utf8')
  } catch {
    return undefined
  }
  const match = /^\s*executeInTransaction\s*=\s*(\w+)\s*$/m.exec(text)
  return match ? match[1]!.toLowerCase() !== 'false' : undefined
}

/**
 * Flyway: `V<version>__<description>.sql` ordered by version, `U<version>__` undo scripts (Teams),
 * `R__<description>.sql` repeatables applied after all versioned ones and re-applied on change. Locations are
 * scanned recursively, as Flyway does. `flyway_schema_history` keeps every run with `success` and the CRC32
 * checksum above. Flyway refuses two scripts of the same version and skips misnamed `.sql` files silently:
 * both are reported.
 */
export const flyway: ToolAdapter = {
  name: 'flyway',
  defaultDirs: ['db/migration', 'src/main/resources/db/migration', 'sql', 'migrations', 'flyway/sql'],
  async detect(directory) {
    const files = await walkFiles(directory, /\.sql$/, { maxDepth: 4, maxFiles: 2000 })
    return files.some(
      name =>
        /^V\d+(?:[._]\d+)*__.+\.sql$/.test(path.posix.basename(name)) ||
        REPEATABLE.test(path.posix.basename(name))
    )
      ? 3
      : 0
  },
  async list(directory, cwd, issues) {
    const paths = await walkFiles(directory, /\.sql$/)
    const undo = new Set<string>()
    for (const relative of paths) {
      const match = VERSIONED.exec(path.posix.basename(relative))
      if (match?.[1] === 'U') undo.add(normalizeFlywayVersion(match[2]!))
    }
    const usesUndo = undo.size > 0
    const versioned: MigrationFile[] = []
    const repeatable: MigrationFile[] = []
    const scripts: string[] = []
    for (const relative of paths) {
      const name = path.posix.basename(relative)
      const match = VERSIONED.exec(name)
      if (match?.[1] === 'V' || REPEATABLE.test(name)) scripts.push(relative)
      else if (!match && !CALLBACK.test(name)) {
        issues.push({
          rule: 'misnamed-migration',
          message: `${name} does not match Flyway's V<version>__<description>.sql or R__<description>.sql: Flyway skips it, so it never runs.`,
          file: path.relative(cwd, path.join(directory, relative)).split(path.sep).join('/'),
          line: 1
        })
      }
    }
    const texts = await mapLimit(scripts, READ_CONCURRENCY, async relative => {
      const absolute = path.join(directory, relative)
      return { ...(await readMigration(cwd, absolute)), inTransaction: await executesInTransaction(absolute) }
    })
    for (const [index, relative] of scripts.entries()) {
      const name = path.posix.basename(relative)
      const match = VERSIONED.exec(name)
      const repeat = REPEATABLE.exec(name)
      const { text, file, inTransaction } = texts[index]!
      const checksums = [String(flywayChecksum(text))]
      // Flyway runs a script without a transaction only when every statement in it is non-transactional,
      // or when its .sql.conf says executeInTransaction=false.
      const transaction = inTransaction === false ? ('none' as const) : ('implicit' as const)
      const base = { text, sql: text, file, transaction, checksums }
      if (match) {
        const version = normalizeFlywayVersion(match[2]!)
        // Undo migrations are a Flyway Teams feature: only projects that use them are held to them.
        versioned.push({
          ...base,
          id: version,
          name: `V${match[2]}__${match[3]}`,
          hasDown: usesUndo ? undo.has(version) : undefined
        })
      } else {
        const description = repeat![1]!.replace(/_/g, ' ')
        repeatable.push({ ...base, id: `R:${description}`, name: `R__${repeat![1]}`, repeatable: true })
      }
    }
    versioned.sort((a, b) => compareVersions(a.id, b.id))
    repeatable.sort((a, b) => compareStrings(a.id, b.id))
    return [...versioned, ...repeatable]
  },
  table: {
    name: 'flyway_schema_history',
    columns: [
      'installed_rank',
      'version',
      'description',
      'type',
      'script',
      'checksum',
      'installed_by',
      'installed_on',
      'execution_time',
      'success'
    ]
  },
  select: table =>
    `SELECT installed_rank, version, description, type, script, checksum, success FROM ${table} ORDER BY installed_rank`,
  applied(rows, files) {
    const versioned = new Map<string, AppliedMigration>()
    const repeatable = new Map<string, AppliedMigration>()
    for (const row of rows) {
      const type = str(row.type)
      const version = row.version === null ? undefined : normalizeFlywayVersion(str(row.version))
      if (type === 'SCHEMA' || type === 'DELETE') continue
      if (type === 'BASELINE' && version) {
        // Everything up to the baseline counts as applied, with no checksum to compare.
        for (const file of files) {
          if (!file.repeatable && compareVersions(file.id, version) <= 0)
            versioned.set(file.id, { id: file.id, failed: false })
        }
        continue
      }
      if (type.startsWith('UNDO_') && version) {
        if (row.success) versioned.delete(version)
        continue
      }
      const checksum = row.checksum === null ? undefined : String(row.checksum)
      const entry = { checksum, failed: row.success === false, label: str(row.script) }
      if (version) versioned.set(version, { id: version, ...entry })
      else {
        const id = `R:${str(row.description)}`
        // A repeatable's latest successful run is what the database has now.
        if (row.success !== false || !repeatable.has(id))
          repeatable.set(id, { id, ...entry, repeatable: true })
      }
    }
    return [...versioned.values(), ...repeatable.values()]
  }
}
