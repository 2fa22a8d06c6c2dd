import type { Finding } from '../../../types.js'
import { DatabaseError } from '../db/history.js'
import { finding } from '../lint/lint-file.js'
import type { ReplayedMigration } from '../shadow/attribute.js'
import type { ShadowDatabase } from '../shadow/database.js'
import { parseSql } from '../sql/parse.js'
import type { MigrationFile } from '../tools/types.js'
import { readCatalog } from './catalog.js'
import { compareCatalogs, type Drift } from './compare.js'

/** Findings shown one by one at most; the rest are counted in one more. */
const MAX_DRIFT_FINDINGS = 50

export interface DriftCheck {
  findings: Finding[]
  /** Every difference, for the summary's table (the findings list at most MAX_DRIFT_FINDINGS). */
  differences: Drift[]
  /** Applied migrations replayed. */
  applied: number
  /** Objects compared (database side). */
  compared: number
  drifts: number
}

export interface DriftOptions {
  /** The user's database: only read. */
  databaseUrl: string
  shadow: ShadowDatabase
  /** Applied migrations in the tool's order (failed ones left out: their end state is unknown). */
  applied: MigrationFile[]
  /** Code tools: what each migration sent on the shadow; undefined for SQL tools (the files are the SQL). */
  replayed?: ReplayedMigration[]
  /** The shadow already holds exactly the applied migrations (the replay ran them all and nothing is pending). */
  shadowIsApplied: boolean
  ignoreTables: string[]
  connectTimeoutMs: number
  statementTimeoutMs: number
}

/** Runs statements one at a time (CONCURRENTLY cannot run in a multi-statement query); stops at the first error. */
async function execute(
  url: string,
  statements: { sql: string; params?: (string | null)[]; from: string }[]
): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    for (const statement of statements) {
      try {
        await client.query(statement.sql, statement.params)
      } catch (error) {
        throw new DatabaseError(
          `replaying ${statement.from} on the shadow failed: ${(error as Error).message}`
        )
      }
    }
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Schema drift: the applied migrations replayed on the shadow, then both catalogs read (the user's database in
 * a read-only transaction) and compared. Each difference is a `schema-drift` finding naming the object.
 */
export async function checkDrift(options: DriftOptions): Promise<DriftCheck> {
  if (!options.shadowIsApplied) {
    await options.shadow.reset()
    const statements: { sql: string; params?: (string | null)[]; from: string }[] = []
    if (options.replayed) {
      // In the order the tool ran them; installed packages' migrations (django.contrib) are in the database too.
      const applied = new Set(options.applied.map(f => f.id))
      const ran = new Set(options.replayed.filter(m => m.own).map(m => m.id))
      const unseen = options.applied.find(f => !ran.has(f.id))
      if (unseen) throw new DatabaseError(`${unseen.name} is applied but the shadow replay did not run it`)
      for (const migration of options.replayed) {
        if (migration.own && !applied.has(migration.id)) continue
        for (const s of migration.statements)
          statements.push({ sql: s.sql, params: s.params, from: migration.id })
      }
    } else {
      for (const file of options.applied) {
        // Flyway placeholders take their values from the project's Flyway configuration, which the gate does not read.
        const placeholder = /\$\{[\w.:-]+\}/.exec(file.sql ?? '')?.[0]
        if (placeholder)
          throw new DatabaseError(
            `${file.name} uses the placeholder ${placeholder}, whose value the replay does not know`
          )
        const parsed = parseSql(file.sql ?? '')
        if (parsed.error) throw new DatabaseError(`${file.name} does not parse: ${parsed.error.message}`)
        for (const s of parsed.statements) {
          // The tool's own transaction control is not schema; each statement runs on its own.
          if (s.kind === 'TransactionStmt') continue
          statements.push({ sql: s.text, from: file.name })
        }
      }
    }
    await execute(options.shadow.url, statements)
  }
  const read = {
    connectTimeoutMs: options.connectTimeoutMs,
    statementTimeoutMs: options.statementTimeoutMs,
    ignoreTables: options.ignoreTables
  }
  const [expected, actual] = await Promise.all([
    readCatalog(options.shadow.url, read),
    readCatalog(options.databaseUrl, read)
  ])
  const drifts = compareCatalogs(expected, actual)
  const findings = drifts.slice(0, MAX_DRIFT_FINDINGS).map(drift => finding('schema-drift', drift.message))
  if (drifts.length > MAX_DRIFT_FINDINGS)
    findings.push(
      finding(
        'schema-drift',
        `${drifts.length - MAX_DRIFT_FINDINGS} more differences between the database and its applied migrations (first ${MAX_DRIFT_FINDINGS} shown).`
      )
    )
  return {
    findings,
    differences: drifts,
    applied: options.applied.length,
    compared: actual.size,
    drifts: drifts.length
  }
}
