import type { CodeReading } from '../code/reading.js'
import type { TransactionMode } from '../lint/check.js'
import type { RuleId } from '../lint/rules.js'

export const TOOL_NAMES = [
  'prisma',
  'flyway',
  'golang-migrate',
  'knex',
  'node-pg-migrate',
  'dbmate',
  'rails',
  'django',
  'alembic',
  'drizzle',
  'sequelize',
  'typeorm'
] as const
export type ToolName = (typeof TOOL_NAMES)[number]

/** One migration as the tool sees it on disk, in the tool's order. */
export interface MigrationFile {
  /** Identity as the tool writes it in its history table (version, file name, hash time…). */
  id: string
  /** Name for people: the file or folder name without noise. */
  name: string
  /** Path of the (up) migration, relative to the working directory. */
  file: string
  /** The file's full text. */
  text: string
  /**
   * The SQL the tool runs on the way up, as the file's text with everything else blanked out (so offsets,
   * lines and columns are the file's own). Undefined when the migration is code (JS, Ruby, Python).
   */
  sql?: string
  /**
   * Code migrations read without running them (tools/code-migrations.ts): the SQL of each schema operation and
   * raw-SQL string, at its place in the file. When set, it is what is linted (instead of `sql`).
   */
  code?: CodeReading
  /** true/false: whether a down (or undo) migration exists; undefined: the tool has no down migrations. */
  hasDown?: boolean
  /** How the tool runs it: in a transaction it opens, or implicitly as one multi-statement query. */
  transaction: TransactionMode | 'implicit'
  /** The checksum(s) the tool would record for this file; several when it accepts equivalents (CRLF). */
  checksums?: string[]
  /** Flyway `R__` migrations: re-run whenever their checksum changes, not ordered by version. */
  repeatable?: boolean
  /** Files are ordered within a group only (Django apps). */
  group?: string
  /** Extra paths that belong to this migration (down file), for changed-file matching. */
  relatedFiles?: string[]
}

/** One applied migration read from the history table, in terms of MigrationFile.id. */
export interface AppliedMigration {
  id: string
  checksum?: string
  failed: boolean
  /** For messages: what the row says (description, name). */
  label?: string
  repeatable?: boolean
  /** Inferred from a pointer history (everything below the current version), not a row of its own. */
  inferred?: boolean
}

export interface HistoryTable {
  /** Unquoted; undefined = the connection's search_path. */
  schema?: string
  name: string
  /** Columns the tool writes and the gate reads; any missing is an unexpected shape. */
  columns: string[]
}

/** Something the tool itself would refuse or silently skip, found while listing (duplicate version, misnamed file). */
export interface ToolIssue {
  rule: RuleId
  message: string
  file?: string
  line?: number
}

/** A database the migrations are written for other than PostgreSQL, and where that is said. */
export interface ForeignDialect {
  dialect: string
  file: string
  line: number
}

export interface ToolAdapter {
  name: ToolName
  /** Where the tool keeps migrations by default, relative to the working directory. */
  defaultDirs: string[]
  /** How surely a directory holds this tool's migrations: 0 not at all, 1 plausible, 2 by content, 3 by layout. */
  detect(directory: string): Promise<number>
  /**
   * The migrations in the tool's own order. Files the tool would ignore or refuse (misnamed, duplicate
   * version) are reported into `issues`, never dropped silently.
   */
  list(directory: string, cwd: string, issues: ToolIssue[]): Promise<MigrationFile[]>
  /** The database the project's own configuration names when it is not PostgreSQL (Prisma, drizzle). */
  foreignDialect?(directory: string, cwd: string): Promise<ForeignDialect | undefined>
  /** Checks of the whole set the tool makes before it runs anything (Alembic: a single head). */
  validate?(files: MigrationFile[]): ToolIssue[]
  table: HistoryTable
  /** SELECT on the (quoted, qualified) history table; column names as in `table.columns`. */
  select(qualifiedTable: string): string
  /**
   * Turns history rows into applied migrations. Tools that record only the latest version
   * (golang-migrate, Alembic) expand it using the files' order: `pointer` is then true.
   */
  applied(rows: Record<string, unknown>[], files: MigrationFile[]): AppliedMigration[]
  /** The history records only the current version (everything before it counts as applied). */
  pointer?: boolean
}
