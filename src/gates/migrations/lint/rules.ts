import type { Severity } from '../../../types.js'

/**
 * Every rule the migration gate can report. Ids are stable (users write them in `allow` and in
 * `-- deploy-gates: allow` comments); the help text is the safe alternative, usually expand/contract.
 */
export type RuleCategory = 'destructive' | 'incompatible' | 'locking' | 'history' | 'database' | 'usage'

export interface RuleInfo {
  severity: Severity
  category: RuleCategory
  help: string
}

const EXPAND_CONTRACT =
  'Expand/contract: deploy the new shape beside the old one, ship code that uses both, backfill, then remove the old shape in a later release once no running version reads it.'

export const RULES = {
  // ── destructive: data goes away ──────────────────────────────────────────
  'drop-table': {
    severity: 'error',
    category: 'destructive',
    help: `Stop reading and writing the table in one release, back it up, and drop it in a later migration. ${EXPAND_CONTRACT}`
  },
  'drop-column': {
    severity: 'error',
    category: 'destructive',
    help: `Remove every use of the column from the code first (and from ORM models), deploy, then drop it in a later migration. ${EXPAND_CONTRACT}`
  },
  'drop-schema': {
    severity: 'error',
    category: 'destructive',
    help: 'Dropping a schema drops every object in it. Move or drop its objects explicitly in reviewed migrations instead.'
  },
  truncate: {
    severity: 'error',
    category: 'destructive',
    help: 'TRUNCATE deletes every row and takes an ACCESS EXCLUSIVE lock. Delete in bounded batches with a WHERE clause, or archive the rows first.'
  },
  'delete-without-where': {
    severity: 'error',
    category: 'destructive',
    help: 'A DELETE without WHERE empties the table. Add the WHERE clause you mean, and delete in batches on large tables.'
  },
  'update-without-where': {
    severity: 'error',
    category: 'destructive',
    help: 'An UPDATE without WHERE rewrites every row (and locks them all). Add a WHERE clause and backfill in batches.'
  },
  // ── incompatible with the version still running (and with a rollback to it) ─
  'rename-column': {
    severity: 'error',
    category: 'incompatible',
    help: `The running version still uses the old name. Add the new column, write both, backfill, switch reads, then drop the old column later; or keep the old name available (a view or column) until no version uses it. ${EXPAND_CONTRACT}`
  },
  'rename-table': {
    severity: 'error',
    category: 'incompatible',
    help: 'The running version still uses the old name. Rename and, in the same migration, `CREATE VIEW <old name> AS SELECT * FROM <new name>` so both versions work; drop the view in a later release.'
  },
  'change-column-type': {
    severity: 'error',
    category: 'incompatible',
    help: `Changing a type rewrites the table under an ACCESS EXCLUSIVE lock and can break the running version. Add a column of the new type, write both, backfill in batches, switch reads, drop the old column later. ${EXPAND_CONTRACT}`
  },
  'add-column-not-null-without-default': {
    severity: 'error',
    category: 'incompatible',
    help: 'The running version inserts rows without this column and will fail. Add the column nullable (or with a constant DEFAULT), backfill, then add a NOT NULL constraint (see set-not-null) once every version writes it.'
  },
  'set-not-null': {
    severity: 'error',
    category: 'incompatible',
    help: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock and fails inserts from a version that leaves it empty. Add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it, then SET NOT NULL (PostgreSQL 12+ uses the valid check and skips the scan).'
  },
  // ── locking: blocks reads or writes while it runs ────────────────────────
  'create-index-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    help: 'CREATE INDEX blocks writes to the table until it finishes. Use `CREATE INDEX CONCURRENTLY` in a migration that does not run in a transaction.'
  },
  'drop-index-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    help: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. Use `DROP INDEX CONCURRENTLY` in a migration that does not run in a transaction.'
  },
  'concurrently-in-transaction': {
    severity: 'error',
    category: 'locking',
    help: "CONCURRENTLY cannot run inside a transaction block: the migration will fail. Put it alone in its own migration and turn the tool's transaction off for it (dbmate `transaction:false`, knex `config.transaction = false`, Rails `disable_ddl_transaction!`, Django `atomic = False`, node-pg-migrate `pgm.noTransaction()`), or remove the surrounding BEGIN/COMMIT."
  },
  'add-foreign-key-validated': {
    severity: 'warning',
    category: 'locking',
    help: 'Adding a foreign key scans the table while blocking writes on both tables. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later statement or migration (which takes only a SHARE UPDATE EXCLUSIVE lock).'
  },
  'add-check-validated': {
    severity: 'warning',
    category: 'locking',
    help: 'Adding a CHECK constraint scans the table under an ACCESS EXCLUSIVE lock. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` separately.'
  },
  'add-unique-constraint': {
    severity: 'warning',
    category: 'locking',
    help: 'Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock. `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX`.'
  },
  'volatile-default': {
    severity: 'warning',
    category: 'locking',
    help: 'A volatile default (random(), gen_random_uuid(), clock_timestamp(), serial…) rewrites the whole table under an ACCESS EXCLUSIVE lock. Add the column without a default, set the default for new rows, and backfill existing rows in batches.'
  },
  'missing-lock-timeout': {
    severity: 'warning',
    category: 'locking',
    help: "A statement waiting for its lock queues every query behind it. Start the migration with `SET lock_timeout = '2s';` and retry on failure."
  },
  // ── history: the migration files themselves ──────────────────────────────
  'sql-syntax-error': {
    severity: 'error',
    category: 'history',
    help: 'PostgreSQL will reject this migration. Fix the SQL at the reported position.'
  },
  'edited-migration': {
    severity: 'error',
    category: 'history',
    help: 'A migration that exists on the base branch has probably run somewhere already; editing it changes nothing there (or breaks the checksum). Revert the edit and add a new migration instead.'
  },
  'removed-migration': {
    severity: 'error',
    category: 'history',
    help: 'Databases that applied this migration now have history the code does not know. Restore the file and undo it with a new migration instead.'
  },
  'missing-down-migration': {
    severity: 'warning',
    category: 'history',
    help: 'This migration drops or changes something a rollback would need back, and it has no down migration. Write the down migration (restoring the shape, and data from a backup where needed) or split the change with expand/contract.'
  },
  'duplicate-version': {
    severity: 'error',
    category: 'history',
    help: 'The tool refuses to run two migrations with the same version (or runs only one of them). Renumber the newer one with a version after the last one on the base branch.'
  },
  'multiple-heads': {
    severity: 'error',
    category: 'history',
    help: 'Two migrations have the same parent (two branches merged, each with its own migration): `alembic upgrade head` and `manage.py migrate` refuse to run. Make one depend on the other, or merge them (`alembic merge heads`, `manage.py makemigrations --merge`).'
  },
  'misnamed-migration': {
    severity: 'warning',
    category: 'history',
    help: "The tool ignores a file whose name does not follow its pattern, so this migration never runs. Rename it (Flyway: `V<version>__<description>.sql`, `R__<description>.sql`)."
  },
  'unsupported-dialect': {
    severity: 'error',
    category: 'history',
    help: 'The gate lints PostgreSQL migrations only; for another database its verdict would be meaningless. Remove the gate from this job, or point it at the PostgreSQL migrations.'
  },
  'base-ref-unreachable': {
    severity: 'warning',
    category: 'usage',
    help: 'The base commit is not in this clone (often a force-push rewrote it). The gate compared against the merge base with the default branch instead; fetch with `fetch-depth: 0` or set `base-ref`.'
  },
  // ── the database's history table ─────────────────────────────────────────
  'pending-migration': {
    severity: 'notice',
    category: 'database',
    help: 'This deploy will apply it. Review its locks and run time against the production table sizes.'
  },
  'applied-migration-missing': {
    severity: 'error',
    category: 'database',
    help: 'The database is ahead of the code (a newer release was deployed, or SQL was run by hand). Rolling back to this code leaves a schema it does not know: restore the migration file or reconcile the history first.'
  },
  'failed-migration': {
    severity: 'error',
    category: 'database',
    help: 'A migration stopped half-way. Inspect the schema, repair it by hand, then mark the migration resolved with the tool (prisma migrate resolve, flyway repair, migrate force <version>) before deploying.'
  },
  'checksum-mismatch': {
    severity: 'error',
    category: 'database',
    help: 'The file was edited after it was applied: the database ran a different version. Revert the edit and put the change in a new migration.'
  },
  'out-of-order': {
    severity: 'error',
    category: 'database',
    help: 'This migration sorts before one already applied: the tool will refuse it or skip it silently. Rename it with a version after the last applied one.'
  },
  'repeatable-migration-changed': {
    severity: 'notice',
    category: 'database',
    help: 'A repeatable migration changed since it last ran: Flyway will re-run it on this deploy.'
  },
  'history-table-missing': {
    severity: 'notice',
    category: 'database',
    help: 'The database has no migration history table: every migration is pending. Check that database-url names the right database.'
  },
  'history-table-shape': {
    severity: 'error',
    category: 'database',
    help: 'The history table does not have the columns this tool writes. Check the `tool` input and the table name.'
  },
  'database-unreachable': {
    severity: 'error',
    category: 'database',
    help: 'Check database-url, the network path from the runner, and that the role can log in. The gate fails rather than pass without checking.'
  },
  // ── the gate's own inputs and directives ─────────────────────────────────
  'allow-missing-reason': {
    severity: 'warning',
    category: 'usage',
    help: 'Write why the statement is safe: `-- deploy-gates: allow <rule> <reason>`. Without a reason the rule is not silenced.'
  },
  'allow-unknown-rule': {
    severity: 'warning',
    category: 'usage',
    help: 'The allow comment names a rule id that does not exist. See the README for the list of rule ids.'
  }
} satisfies Record<string, RuleInfo>

export type RuleId = keyof typeof RULES

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id)
}

/** Rules whose statements the previous application version cannot run against. */
export function breaksPreviousVersion(rule: RuleId): boolean {
  return RULES[rule].category === 'incompatible' || rule === 'drop-table' || rule === 'drop-column'
}
