import { DatabaseError, describeTarget } from '../db/history.js'

/**
 * A database's schema as the drift check compares it, read from the system catalogs in one read-only
 * transaction: every object in the user's schemas (not the system's, not an extension's, not the migration
 * tool's own bookkeeping tables), each as a key and a description of what the migrations decide about it.
 * Values that only say where an object lives on disk or what it holds (OIDs, sequence positions, row
 * counts, column order) are left out: two databases with the same migrations have the same catalog.
 */
export interface CatalogObject {
  kind: 'table' | 'column' | 'index' | 'constraint' | 'enum' | 'view' | 'sequence' | 'function'
  /** `schema.name`, `schema.table.column`, `schema.function(arg types)`. */
  key: string
  /** Facet → value: `type`, `nullable`, `default`, `definition`, `values`… */
  facets: Record<string, string>
}

export type Catalog = Map<string, CatalogObject>

/** Rows read per catalog query at most: a bigger schema is reported, never compared in part. */
export const MAX_CATALOG_ROWS = 200_000

const USER_NAMESPACES = `SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'`
/** Objects an extension created (CREATE EXTENSION): the extension's, not the migrations'. */
const NOT_FROM_EXTENSION = (oid: string, catalog: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`

const QUERIES: Record<CatalogObject['kind'], string> = {
  table: `SELECT n.nspname || '.' || c.relname AS key, c.relname AS relname, c.relkind::text AS kind,
      CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'logged' END AS persistence
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f') AND n.oid IN (${USER_NAMESPACES}) AND ${NOT_FROM_EXTENSION('c.oid', 'pg_class')}`,
  column: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS key, c.relname AS relname,
      format_type(a.atttypid, a.atttypmod) AS type,
      CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END AS nullable,
      COALESCE(pg_get_expr(ad.adbin, ad.adrelid), '') AS "default",
      CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' ELSE '' END AS identity,
      CASE a.attgenerated WHEN 's' THEN 'STORED' ELSE '' END AS generated,
      COALESCE((SELECT collname FROM pg_collation WHERE oid = a.attcollation AND collname <> 'default'), '') AS collation
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f')
      AND n.oid IN (${USER_NAMESPACES}) AND ${NOT_FROM_EXTENSION('c.oid', 'pg_class')}`,
  index: `SELECT n.nspname || '.' || i.relname AS key, t.relname AS relname, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = i.relnamespace
    WHERE n.oid IN (${USER_NAMESPACES}) AND t.relkind IN ('r', 'p', 'm') AND ${NOT_FROM_EXTENSION('t.oid', 'pg_class')}`,
  constraint: `SELECT n.nspname || '.' || t.relname || '.' || co.conname AS key, t.relname AS relname,
      pg_get_constraintdef(co.oid) AS definition
    FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.oid IN (${USER_NAMESPACES}) AND co.contype IN ('p', 'u', 'f', 'c', 'x') AND ${NOT_FROM_EXTENSION('t.oid', 'pg_class')}`,
  enum: `SELECT n.nspname || '.' || ty.typname AS key, ty.typname AS relname,
      string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS "values"
    FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace JOIN pg_enum e ON e.enumtypid = ty.oid
    WHERE n.oid IN (${USER_NAMESPACES}) AND ${NOT_FROM_EXTENSION('ty.oid', 'pg_type')}
    GROUP BY n.nspname, ty.typname`,
  view: `SELECT n.nspname || '.' || c.relname AS key, c.relname AS relname,
      CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS kind,
      pg_get_viewdef(c.oid) AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND n.oid IN (${USER_NAMESPACES}) AND ${NOT_FROM_EXTENSION('c.oid', 'pg_class')}`,
  sequence: `SELECT n.nspname || '.' || c.relname AS key, c.relname AS relname,
      format_type(s.seqtypid, NULL) AS type, s.seqincrement::text AS increment, s.seqmin::text AS min,
      s.seqmax::text AS max, CASE WHEN s.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END AS cycle
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.oid IN (${USER_NAMESPACES}) AND ${NOT_FROM_EXTENSION('c.oid', 'pg_class')}`,
  function: `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS key,
      p.proname AS relname, pg_get_function_result(p.oid) AS returns, l.lanname AS language,
      CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END AS volatility,
      p.prosrc AS body
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
    WHERE n.oid IN (${USER_NAMESPACES}) AND p.prokind IN ('f', 'p') AND ${NOT_FROM_EXTENSION('p.oid', 'pg_proc')}`
}

/** Whitespace is not schema: definitions are compared with runs of blanks folded to one space. */
function normalize(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * A view's definition as pg_get_viewdef prints it, without what differs between server versions only:
 * PostgreSQL 16 stopped qualifying columns with their table (`orders.total` → `total`), so qualifiers are
 * dropped on both sides (the shadow may run another major version than the database) and the final `;`.
 */
function viewDefinition(value: unknown): string {
  return normalize(value)
    .replace(/(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\.(?=["A-Za-z_])/g, '')
    .replace(/;$/, '')
}

/**
 * Reads the catalog inside `BEGIN READ ONLY` with a statement timeout, then rolls back: nothing is written,
 * a read-only role (or a replica) is enough. `ignoreTables` are the tool's bookkeeping tables: their columns,
 * indexes, constraints and sequences are skipped too.
 */
export async function readCatalog(
  url: string,
  {
    connectTimeoutMs,
    statementTimeoutMs,
    ignoreTables
  }: { connectTimeoutMs: number; statementTimeoutMs: number; ignoreTables: string[] }
): Promise<Catalog> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: statementTimeoutMs * 2,
    application_name: 'deploy-gates migrations drift'
  })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw new DatabaseError(`cannot connect to ${describeTarget(url)}: ${(error as Error).message}`)
  }
  const ignored = new Set(ignoreTables.map(t => t.toLowerCase()))
  const catalog: Catalog = new Map()
  try {
    await client.query('BEGIN TRANSACTION READ ONLY')
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`)
    for (const [kind, sql] of Object.entries(QUERIES) as [CatalogObject['kind'], string][]) {
      const result = await client.query<Record<string, unknown>>(`${sql} LIMIT ${MAX_CATALOG_ROWS + 1}`)
      if (result.rows.length > MAX_CATALOG_ROWS)
        throw new DatabaseError(
          `more than ${MAX_CATALOG_ROWS} ${kind} rows in ${describeTarget(url)}: too large to compare`
        )
      for (const row of result.rows) {
        const relname = String(row.relname ?? '').toLowerCase()
        // A sequence owned by a bookkeeping table is named after it (knex_migrations_id_seq).
        if (
          ignored.has(relname) ||
          [...ignored].some(t => kind === 'sequence' && relname.startsWith(`${t}_`))
        )
          continue
        const facets: Record<string, string> = {}
        for (const [column, value] of Object.entries(row))
          if (column !== 'key' && column !== 'relname')
            facets[column] =
              kind === 'view' && column === 'definition' ? viewDefinition(value) : normalize(value)
        catalog.set(`${kind}:${String(row.key)}`, { kind, key: String(row.key), facets })
      }
    }
  } catch (error) {
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(
      `reading the catalog of ${describeTarget(url)} failed: ${(error as Error).message}`
    )
  } finally {
    await client.query('ROLLBACK').catch(() => {})
    await Promise.race([
      client.end().catch(() => {}),
      new Promise(resolve => setTimeout(resolve, 1000).unref())
    ])
  }
  return catalog
}
