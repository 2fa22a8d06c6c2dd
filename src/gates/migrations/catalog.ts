import { defineCatalog } from '../../rules/catalog.js'

/**
 * Every rule the migration gate can report. Ids are stable (users write them in `allow` and in
 * `-- deploy-gates: allow` comments); the help is the safe alternative, usually expand/contract.
 * `docs` says when the rule fires and, where squawk has a counterpart, how the verdicts compare.
 */
const EXPAND_CONTRACT =
  'Expand/contract: deploy the new shape beside the old one, ship code that uses both, backfill, then remove the old shape in a later release once no running version reads it.'

export const catalog = defineCatalog('migrations', {
  // ── destructive: data goes away ──────────────────────────────────────────
  'drop-table': {
    severity: 'error',
    category: 'destructive',
    title: 'Table dropped',
    help: `Stop reading and writing the table in one release, back it up, and drop it in a later migration. ${EXPAND_CONTRACT}`,
    docs: 'Any `DROP TABLE` of a table that was not created earlier in the same migration. squawk: ban-drop-table (same verdict, except that squawk also flags dropping a table the same file created, which no running version reads).'
  },
  'drop-column': {
    severity: 'error',
    category: 'destructive',
    title: 'Column dropped',
    help: `Remove every use of the column from the code first (and from ORM models), deploy, then drop it in a later migration. ${EXPAND_CONTRACT}`,
    docs: '`ALTER TABLE … DROP COLUMN`, and the code-migration operations that do it (Rails `remove_column`, Django `RemoveField`, Alembic `op.drop_column`, knex `dropColumn`, Sequelize `removeColumn`, TypeORM `dropColumn`). squawk: ban-drop-column (same verdict).'
  },
  'drop-schema': {
    severity: 'error',
    category: 'destructive',
    title: 'Schema dropped',
    help: 'Dropping a schema drops every object in it. Move or drop its objects explicitly in reviewed migrations instead.',
    docs: '`DROP SCHEMA`. squawk 2.66 has no rule for it.'
  },
  'drop-database': {
    severity: 'error',
    category: 'destructive',
    title: 'Database dropped',
    help: 'A migration never drops a database: every table and row in it goes. Drop databases by hand, after a backup, outside the deploy.',
    docs: '`DROP DATABASE`. squawk: ban-drop-database (same verdict).'
  },
  'drop-owned': {
    severity: 'error',
    category: 'destructive',
    title: 'Objects dropped by owner',
    help: 'DROP OWNED BY drops every object the role owns in this database, tables and their rows included. Drop the objects you mean by name, in reviewed migrations.',
    docs: '`DROP OWNED BY <role>`. squawk 2.66 has no rule for it.'
  },
  'drop-object': {
    severity: 'error',
    category: 'destructive',
    title: 'Database object dropped',
    help: 'The running version may still use it (a view, function, type, sequence, trigger…), and with CASCADE every dependent object goes too (a type drops the columns of that type). Remove its uses first, deploy, then drop it by name without CASCADE in a later migration.',
    docs: '`DROP VIEW`, `DROP MATERIALIZED VIEW`, `DROP FUNCTION`/`PROCEDURE`/`ROUTINE`/`AGGREGATE`, `DROP SEQUENCE`, `DROP TYPE`, `DROP DOMAIN`, `DROP EXTENSION`, `DROP TRIGGER`, `DROP POLICY`, `DROP RULE` and the other object drops, of objects not created earlier in the same migration. squawk 2.66 has no rule for these (newer squawk versions add ban-drop-view, ban-drop-function…).'
  },
  truncate: {
    severity: 'error',
    category: 'destructive',
    title: 'Table truncated',
    help: 'TRUNCATE deletes every row and takes an ACCESS EXCLUSIVE lock. Delete in bounded batches with a WHERE clause, or archive the rows first.',
    docs: 'Every `TRUNCATE`. squawk: ban-truncate-cascade flags only `TRUNCATE … CASCADE`; deliberately broader here, since a plain TRUNCATE also deletes every row.'
  },
  'delete-without-where': {
    severity: 'error',
    category: 'destructive',
    title: 'DELETE without WHERE',
    help: 'A DELETE without WHERE empties the table. Add the WHERE clause you mean, and delete in batches on large tables.',
    docs: 'A `DELETE` without `WHERE`, also inside a `WITH` clause (a data-modifying CTE) of any statement. squawk has no counterpart.'
  },
  'update-without-where': {
    severity: 'error',
    category: 'destructive',
    title: 'UPDATE without WHERE',
    help: 'An UPDATE without WHERE rewrites every row (and locks them all). Add a WHERE clause and backfill in batches.',
    docs: 'An `UPDATE` without `WHERE`, also inside a `WITH` clause. squawk has no counterpart.'
  },
  // ── incompatible with the version still running (and with a rollback to it) ─
  'rename-column': {
    severity: 'error',
    category: 'incompatible',
    title: 'Column renamed',
    help: `The running version still uses the old name. Add the new column, write both, backfill, switch reads, then drop the old column later; or keep the old name available (a view or column) until no version uses it. ${EXPAND_CONTRACT}`,
    docs: 'Renaming a column of an existing table, unless a column of the old name is added back later in the same migration. squawk: renaming-column (same verdict, except that squawk also flags the expand/contract form).'
  },
  'rename-table': {
    severity: 'error',
    category: 'incompatible',
    title: 'Table renamed',
    help: 'The running version still uses the old name. Rename and, in the same migration, `CREATE VIEW <old name> AS SELECT * FROM <new name>` so both versions work; drop the view in a later release.',
    docs: 'Renaming an existing table, unless a view of the old name, in the same schema, is created later in the same migration. squawk: renaming-table (same verdict, except that squawk also flags the expand/contract form).'
  },
  'change-column-type': {
    severity: 'error',
    category: 'incompatible',
    title: 'Column type changed',
    help: `Changing a type rewrites the table under an ACCESS EXCLUSIVE lock and can break the running version. Add a column of the new type, write both, backfill in batches, switch reads, drop the old column later. ${EXPAND_CONTRACT}`,
    docs: '`ALTER COLUMN … TYPE`. Not flagged when the change needs no rewrite and keeps every value valid, as strong_migrations knows: `varchar(n)` to `text`, to `varchar` without a limit or to a longer `varchar(m)`, and `numeric(p,s)` to a larger precision with the same scale, when the old type is known from an earlier migration. squawk: changing-column-type flags every type change (deliberately different here: those changes take only a brief lock).'
  },
  'add-column-not-null-without-default': {
    severity: 'error',
    category: 'incompatible',
    title: 'NOT NULL column without default',
    help: 'The running version inserts rows without this column and will fail. Add the column nullable (or with a constant DEFAULT), backfill, then add a NOT NULL constraint (see set-not-null) once every version writes it.',
    docs: 'squawk: adding-required-field (same verdict).'
  },
  'set-not-null': {
    severity: 'error',
    category: 'incompatible',
    title: 'SET NOT NULL on an existing column',
    help: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock and fails inserts from a version that leaves it empty. Add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it, then SET NOT NULL (PostgreSQL 12+ uses the valid check and skips the scan).',
    docs: 'Not flagged when a validated `CHECK (col IS NOT NULL)` on that column exists earlier in the migration (added NOT VALID and validated, or added validated). squawk: adding-not-nullable-field (same verdict).'
  },
  'drop-not-null': {
    severity: 'warning',
    category: 'incompatible',
    title: 'NOT NULL dropped',
    help: 'The running version may assume the column is never null (and a rollback cannot add NOT NULL back once nulls are written). Make the code handle nulls first, deploy, then drop the constraint.',
    docs: '`ALTER COLUMN … DROP NOT NULL`. squawk: ban-drop-not-null (same verdict).'
  },
  // ── locking: blocks reads or writes while it runs ────────────────────────
  'create-index-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    title: 'Index built without CONCURRENTLY',
    help: 'CREATE INDEX blocks writes to the table until it finishes. Use `CREATE INDEX CONCURRENTLY` in a migration that does not run in a transaction.',
    docs: 'Tables created earlier in the same migration are exempt. squawk: require-concurrent-index-creation (same verdict, except that squawk exempts a new table only inside the same transaction: no running version writes to a table it does not know).'
  },
  'drop-index-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    title: 'Index dropped without CONCURRENTLY',
    help: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. Use `DROP INDEX CONCURRENTLY` in a migration that does not run in a transaction.',
    docs: 'squawk: require-concurrent-index-deletion (same verdict).'
  },
  'concurrently-in-transaction': {
    severity: 'error',
    category: 'locking',
    title: 'CONCURRENTLY inside a transaction',
    help: "CONCURRENTLY cannot run inside a transaction block: the migration will fail. Put it alone in its own migration and turn the tool's transaction off for it (dbmate `transaction:false`, knex `config.transaction = false`, Rails `disable_ddl_transaction!`, Django `atomic = False`, node-pg-migrate `pgm.noTransaction()`), or remove the surrounding BEGIN/COMMIT.",
    docs: 'Knows how each tool runs a file (its own transaction or not). squawk: ban-concurrent-index-creation-in-transaction (same verdict on explicit BEGIN; squawk cannot know the tool).'
  },
  'add-foreign-key-validated': {
    severity: 'warning',
    category: 'locking',
    title: 'Foreign key validated while blocking writes',
    help: 'Adding a foreign key scans the table while blocking writes on both tables. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later migration (or after a COMMIT), which takes only a SHARE UPDATE EXCLUSIVE lock.',
    docs: 'Also flags `VALIDATE CONSTRAINT` in the same transaction that added the constraint NOT VALID: the strong lock of the ADD is held through the scan. squawk: adding-foreign-key-constraint (same verdict).'
  },
  'add-check-validated': {
    severity: 'warning',
    category: 'locking',
    title: 'CHECK constraint validated under a strong lock',
    help: 'Adding a CHECK constraint scans the table under an ACCESS EXCLUSIVE lock. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later migration (or after a COMMIT).',
    docs: 'Also flags `VALIDATE CONSTRAINT` in the transaction that added it NOT VALID. squawk: constraint-missing-not-valid (same verdict on CHECK constraints).'
  },
  'add-unique-constraint': {
    severity: 'warning',
    category: 'locking',
    title: 'UNIQUE constraint built under a strong lock',
    help: 'Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock. `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX`.',
    docs: 'squawk: disallowed-unique-constraint (same verdict).'
  },
  'add-primary-key': {
    severity: 'warning',
    category: 'locking',
    title: 'Primary key built under a strong lock',
    help: 'Adding a primary key builds its index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock. `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX`.',
    docs: '`ADD PRIMARY KEY` or `ADD COLUMN … PRIMARY KEY` on an existing table without `USING INDEX`. squawk: adding-serial-primary-key-field (same verdict).'
  },
  'volatile-default': {
    severity: 'warning',
    category: 'locking',
    title: 'Column added with a volatile default',
    help: 'A volatile default (random(), gen_random_uuid(), clock_timestamp(), serial, a user-defined function…) rewrites the whole table under an ACCESS EXCLUSIVE lock. Add the column without a default, set the default for new rows, and backfill existing rows in batches.',
    docs: "A default is non-volatile when it uses only constants, operators and built-in functions that are never volatile (generated from PostgreSQL 15's pg_proc); anything else, user-defined functions included, counts as volatile. squawk: adding-field-with-default (same approach and verdict; squawk also flags a non-volatile built-in called with arguments, such as `lower('X')`, which PostgreSQL adds without a rewrite)."
  },
  'add-stored-generated-column': {
    severity: 'warning',
    category: 'locking',
    title: 'Stored generated column added',
    help: 'Adding a `GENERATED ALWAYS AS (…) STORED` column computes it for every row: the table is rewritten under an ACCESS EXCLUSIVE lock. Add a plain nullable column, fill it from a trigger for new rows and backfill in batches.',
    docs: 'squawk: adding-field-with-default (same verdict).'
  },
  'reindex-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    title: 'REINDEX without CONCURRENTLY',
    help: 'REINDEX blocks writes to the table (and reads that use the index) while it rebuilds. Use `REINDEX … CONCURRENTLY` (PostgreSQL 12+) outside a transaction.',
    docs: 'squawk: require-concurrent-reindex (same verdict).'
  },
  'detach-partition-non-concurrently': {
    severity: 'warning',
    category: 'locking',
    title: 'Partition detached without CONCURRENTLY',
    help: 'DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table. Use `ALTER TABLE … DETACH PARTITION … CONCURRENTLY` (PostgreSQL 14+) outside a transaction.',
    docs: 'squawk: require-concurrent-partition-detach (same verdict).'
  },
  'vacuum-full-or-cluster': {
    severity: 'warning',
    category: 'locking',
    title: 'VACUUM FULL or CLUSTER',
    help: 'VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock that blocks reads and writes. Use pg_repack (or REPACK CONCURRENTLY on PostgreSQL 19+) outside the deploy.',
    docs: 'squawk: prefer-repack (squawk 2.66 reports it only for PostgreSQL 19 targets; flagged here for every version, since the lock is the same on all of them).'
  },
  'alter-domain-add-constraint': {
    severity: 'warning',
    category: 'locking',
    title: 'Constraint added to a domain',
    help: 'ALTER DOMAIN … ADD CONSTRAINT checks every column of the domain in every table while holding locks, and cannot be added NOT VALID then validated per table as well as a table constraint can. Use table CHECK constraints (NOT VALID, then VALIDATE) instead.',
    docs: 'squawk: ban-alter-domain-with-add-constraint (same verdict).'
  },
  'create-domain-with-constraint': {
    severity: 'notice',
    category: 'locking',
    title: 'Domain created with a constraint',
    help: 'Constraints on domains are hard to change online later (see alter-domain-add-constraint). Prefer a plain domain and table CHECK constraints.',
    docs: 'squawk: ban-create-domain-with-constraint (same verdict; a notice here, since creating it locks nothing).'
  },
  'enum-value-ordering': {
    severity: 'notice',
    category: 'history',
    title: 'Enum value appended without BEFORE/AFTER',
    help: 'ADD VALUE without BEFORE or AFTER puts the value last, which changes ORDER BY and comparisons if you meant it elsewhere. Say where it goes: `ALTER TYPE … ADD VALUE … BEFORE/AFTER …`.',
    docs: 'squawk: require-enum-value-ordering (same verdict).'
  },
  'missing-lock-timeout': {
    severity: 'warning',
    category: 'locking',
    title: 'No lock_timeout before a strong lock',
    help: "A statement waiting for its lock queues every query behind it. Start the migration with `SET lock_timeout = '2s';` and retry on failure.",
    docs: 'Only with the `lock-timeout-rules` input. squawk: require-lock-timeout / require-timeout-settings (same verdict when enabled; off by default here because most tools and platforms set it per connection).'
  },
  'missing-statement-timeout': {
    severity: 'warning',
    category: 'locking',
    title: 'No statement_timeout before a long statement',
    help: "A table scan or rewrite that runs for minutes holds its lock the whole time. Start the migration with `SET statement_timeout = '5min';` (or the bound you accept).",
    docs: 'Only with the `lock-timeout-rules` input. squawk: require-statement-timeout / require-timeout-settings (same verdict when enabled).'
  },
  // ── the migration file as a unit ─────────────────────────────────────────
  'uncommitted-transaction': {
    severity: 'error',
    category: 'history',
    title: 'Transaction never committed',
    help: 'A BEGIN without COMMIT leaves the transaction open when the file ends: the tool may roll it back or hold its locks. End it with COMMIT.',
    docs: 'squawk: ban-uncommitted-transaction (same verdict).'
  },
  'transaction-nesting': {
    severity: 'warning',
    category: 'history',
    title: 'Nested or stray transaction control',
    help: "BEGIN inside a transaction does not nest (PostgreSQL warns and ignores it) and a COMMIT inside the tool's own transaction ends it early, leaving the rest of the file outside it. Remove the BEGIN/COMMIT, or turn the tool's transaction off for this migration.",
    docs: 'BEGIN while a transaction is open (an explicit one, or the one the tool wraps the file in), and COMMIT/ROLLBACK with none open. squawk: transaction-nesting (same verdict on explicit BEGIN/COMMIT; squawk cannot know the tool).'
  },
  'non-robust-statement': {
    severity: 'notice',
    category: 'history',
    title: 'Statement cannot be re-run after a partial failure',
    help: 'This migration runs without a transaction: if a later statement fails, re-running it fails here. Use `IF NOT EXISTS` / `IF EXISTS`, or run it in a transaction.',
    docs: 'Only in a migration of several statements that the tool runs without a transaction (or after a COMMIT). squawk: prefer-robust-stmts (deliberately narrower: squawk also flags a single-statement migration, which a failure leaves unapplied, and is reported for files a tool wraps in a transaction).'
  },
  'duplicate-column-assignment': {
    severity: 'error',
    category: 'history',
    title: 'Column assigned twice',
    help: 'PostgreSQL rejects `multiple assignments to same column` in an UPDATE or INSERT … ON CONFLICT DO UPDATE. Assign each column once.',
    docs: 'squawk: ban-duplicate-column-assignments (same verdict).'
  },
  'identifier-too-long': {
    severity: 'warning',
    category: 'history',
    title: 'Identifier longer than 63 bytes',
    help: 'PostgreSQL silently truncates names to 63 bytes, so the object gets another name than the migration says (and two long names can collide). Shorten it.',
    docs: 'squawk: identifier-too-long (same verdict).'
  },
  'sql-syntax-error': {
    severity: 'error',
    category: 'history',
    title: 'SQL syntax error',
    help: 'PostgreSQL will reject this migration. Fix the SQL at the reported position.'
  },
  'unreadable-code-sql': {
    severity: 'warning',
    category: 'history',
    title: 'SQL string in code not readable',
    help: 'The SQL of this call is built at run time (interpolation, concatenation, a variable), so it was not linted. Review it by hand, or use a literal string.',
    docs: 'A raw-SQL call (`execute`, `op.execute`, `knex.raw`, `queryRunner.query`…) in a code migration whose argument is not a literal the gate can read. The rest of the file is still linted.'
  },
  'edited-migration': {
    severity: 'error',
    category: 'history',
    title: 'Migration edited',
    help: 'A migration that exists on the base branch has probably run somewhere already; editing it changes nothing there (or breaks the checksum). Revert the edit and add a new migration instead.'
  },
  'removed-migration': {
    severity: 'error',
    category: 'history',
    title: 'Migration removed',
    help: 'Databases that applied this migration now have history the code does not know. Restore the file and undo it with a new migration instead.'
  },
  'missing-down-migration': {
    severity: 'warning',
    category: 'history',
    title: 'No down migration',
    help: 'This migration drops or changes something a rollback would need back, and it has no down migration. Write the down migration (restoring the shape, and data from a backup where needed) or split the change with expand/contract.'
  },
  'duplicate-version': {
    severity: 'error',
    category: 'history',
    title: 'Duplicate migration version',
    help: 'The tool refuses to run two migrations with the same version (or runs only one of them). Renumber the newer one with a version after the last one on the base branch.'
  },
  'multiple-heads': {
    severity: 'error',
    category: 'history',
    title: 'Several migration heads',
    help: 'Two migrations have the same parent (two branches merged, each with its own migration): `alembic upgrade head` and `manage.py migrate` refuse to run. Make one depend on the other, or merge them (`alembic merge heads`, `manage.py makemigrations --merge`).'
  },
  'misnamed-migration': {
    severity: 'warning',
    category: 'history',
    title: 'Migration file the tool ignores',
    help: 'The tool ignores a file whose name does not follow its pattern, so this migration never runs. Rename it (Flyway: `V<version>__<description>.sql`, `R__<description>.sql`).'
  },
  'unsupported-dialect': {
    severity: 'error',
    category: 'history',
    title: 'Database dialect not supported',
    help: 'The gate lints PostgreSQL migrations only; for another database its verdict would be meaningless. Remove the gate from this job, or point it at the PostgreSQL migrations.'
  },
  'base-ref-unreachable': {
    severity: 'warning',
    category: 'usage',
    title: 'Base ref unreachable',
    help: 'The base commit is not in this clone (often a force-push rewrote it). The gate compared against the merge base with the default branch instead; fetch with `fetch-depth: 0` or set `base-ref`.'
  },
  'shadow-runtime-missing': {
    severity: 'warning',
    category: 'usage',
    title: 'Shadow replay could not run',
    help: "The shadow replay runs the project's own migrate command so the gate sees every statement the tool sends. Install the tool's runtime in the job before the gate (setup-ruby/setup-python/npm ci) or set shadow-command; until then code migrations are read statically and rollback-safe is false."
  },
  'shadow-replay-failed': {
    severity: 'error',
    category: 'history',
    title: 'Migrations fail on an empty database',
    help: 'The migrate command failed against the shadow database, so the deploy will fail too (or the command is not configured for the shadow: it must read DATABASE_URL or the PG* variables). Run it locally against an empty database to see the error.'
  },
  'shadow-migration-not-run': {
    severity: 'warning',
    category: 'history',
    title: 'Migration the tool did not run',
    help: "The migrate command did not run this file: the tool's configuration does not see it (another directory, extension or app), so the deploy will not run it either. Fix the configuration or move the file."
  },
  // ── the database's history table ─────────────────────────────────────────
  'pending-migration': {
    severity: 'notice',
    category: 'database',
    title: 'Pending migration',
    help: 'This deploy will apply it. Review its locks and run time against the production table sizes.'
  },
  'applied-migration-missing': {
    severity: 'error',
    category: 'database',
    title: 'Applied migration missing',
    help: 'The database is ahead of the code (a newer release was deployed, or SQL was run by hand). Rolling back to this code leaves a schema it does not know: restore the migration file or reconcile the history first.'
  },
  'failed-migration': {
    severity: 'error',
    category: 'database',
    title: 'Failed migration',
    help: 'A migration stopped half-way. Inspect the schema, repair it by hand, then mark the migration resolved with the tool (prisma migrate resolve, flyway repair, migrate force <version>) before deploying.'
  },
  'checksum-mismatch': {
    severity: 'error',
    category: 'database',
    title: 'Checksum mismatch',
    help: 'The file was edited after it was applied: the database ran a different version. Revert the edit and put the change in a new migration.'
  },
  'out-of-order': {
    severity: 'error',
    category: 'database',
    title: 'Migration out of order',
    help: 'This migration sorts before one already applied: the tool will refuse it or skip it silently. Rename it with a version after the last applied one.'
  },
  'repeatable-migration-changed': {
    severity: 'notice',
    category: 'database',
    title: 'Repeatable migration changed',
    help: 'A repeatable migration changed since it last ran: Flyway will re-run it on this deploy.'
  },
  'history-table-missing': {
    severity: 'notice',
    category: 'database',
    title: 'History table missing',
    help: 'The database has no migration history table: every migration is pending. Check that database-url names the right database.'
  },
  'history-table-shape': {
    severity: 'error',
    category: 'database',
    title: 'Unexpected history table',
    help: 'The history table does not have the columns this tool writes. Check the `tool` input and the table name.'
  },
  'schema-drift': {
    severity: 'error',
    category: 'database',
    title: 'Schema drift',
    help: 'The database differs from what its applied migrations create: a change made by hand (console, hotfix) or a migration edited after it ran. Write the change as a migration (or revert it in the database) so the next migrations meet the schema they expect.',
    docs: 'With `database-url` (and `drift: true`, the default): the applied migrations are replayed on the shadow database and the two catalogs compared read-only: tables, columns (type, nullability, default), indexes, constraints, enums and their values, views, sequences and functions by signature. Like Atlas drift detection and `prisma migrate diff --from-migrations --to-url`, for every tool.'
  },
  'database-unreachable': {
    severity: 'error',
    category: 'database',
    title: 'Database unreachable',
    help: 'Check database-url, the network path from the runner, and that the role can log in. The gate fails rather than pass without checking.'
  },
  // ── the gate's own inputs and directives ─────────────────────────────────
  'allow-missing-reason': {
    severity: 'warning',
    category: 'usage',
    title: 'Allow comment without a reason',
    help: 'Write why the statement is safe: `-- deploy-gates: allow <rule> <reason>`. Without a reason the rule is not silenced.'
  },
  'allow-unknown-rule': {
    severity: 'warning',
    category: 'usage',
    title: 'Allow comment names an unknown rule',
    help: 'The allow comment names a rule id that does not exist. See docs/gates/migrations-lint.md for the list of rule ids.'
  },
  'allow-unused': {
    severity: 'notice',
    category: 'usage',
    title: 'Allow comment silences nothing',
    help: 'The statement after this allow comment does not trigger the rule it names. Remove the comment (or move it before the statement it is about).',
    docs: 'squawk: unused-ignore (same verdict).'
  }
})

export type MigrationRuleId = Parameters<typeof catalog.get>[0]
