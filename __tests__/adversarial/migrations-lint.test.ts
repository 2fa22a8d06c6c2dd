// Adversarial cases of the migration gate's SQL lint (issues 10 and 11): destructive SQL that used to pass
// (fail-open), and inputs that used to take unbounded time (nested block comments). Each runs dist/index.js as
// the runner does; the harness checks the exit code, the one-line error, the deadline and the memory.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'

const lint = { gate: 'migrations', tool: 'golang-migrate', shadow: 'false' }

/** One migration (with a down file) holding `sql`. */
function migration(sql: string): Record<string, string> {
  return { 'migrations/0001_change.up.sql': sql, 'migrations/0001_change.down.sql': 'SELECT 1;\n' }
}

const destructive: [string, string, RegExp][] = [
  ['drop-database', 'DROP DATABASE shop;', /Drops database shop/],
  ['drop-database-if-exists-force', 'DROP DATABASE IF EXISTS shop WITH (FORCE);', /Drops database shop/],
  ['drop-owned', 'DROP OWNED BY app_owner;', /Drops every object owned by app_owner/],
  ['drop-owned-cascade', 'DROP OWNED BY app_owner CASCADE;', /owned by app_owner, with CASCADE/],
  ['drop-type-cascade', 'DROP TYPE mood CASCADE;', /Drops type mood with CASCADE/],
  ['drop-extension-cascade', 'DROP EXTENSION pg_trgm CASCADE;', /Drops extension pg_trgm with CASCADE/],
  ['drop-view', 'DROP VIEW active_users;', /Drops view active_users/],
  ['drop-materialized-view', 'DROP MATERIALIZED VIEW daily;', /Drops materialized view daily/],
  ['drop-function', 'DROP FUNCTION touch();', /Drops function touch/],
  ['drop-procedure', 'DROP PROCEDURE archive(int);', /Drops procedure archive/],
  ['drop-sequence', 'DROP SEQUENCE invoice_numbers;', /Drops sequence invoice_numbers/],
  ['drop-schema', 'DROP SCHEMA billing CASCADE;', /Drops schema billing with CASCADE/],
  ['drop-trigger', 'DROP TRIGGER set_updated ON orders;', /Drops trigger set_updated ON orders/],
  ['drop-domain', 'DROP DOMAIN positive_int;', /Drops domain positive_int/],
  [
    'delete-in-cte',
    'WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone;',
    /Deletes every row of sessions \(no WHERE\) in a WITH clause/
  ],
  [
    'delete-in-nested-cte',
    'WITH a AS (WITH b AS (DELETE FROM audit RETURNING 1) SELECT * FROM b) INSERT INTO log SELECT * FROM a;',
    /Deletes every row of audit/
  ],
  [
    'update-in-cte',
    'WITH t AS (UPDATE users SET active = false RETURNING id) SELECT * FROM t;',
    /Updates every row of users \(no WHERE\) in a WITH clause/
  ],
  ['drop-table-mixed-case', 'drop   TABLE "Users";', /Drops table Users/]
]

const cases: AdversarialCase[] = [
  ...destructive.map(([name, sql, message]): AdversarialCase => ({
    id: `fail-open/${name}`,
    class: 'fail-open',
    inputs: lint,
    files: migration(sql + '\n'),
    expect: 'fail',
    message
  })),
  {
    id: 'fail-open/rails-remove-column',
    class: 'fail-open',
    inputs: { gate: 'migrations', tool: 'rails', shadow: 'false' },
    files: {
      'db/migrate/20240101000000_drop_email.rb':
        'class DropEmail < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :email\n  end\nend\n'
    },
    expect: 'fail',
    message: /Drops column users\.email/
  },
  {
    id: 'fail-open/alembic-drop-column',
    class: 'fail-open',
    inputs: { gate: 'migrations', tool: 'alembic', shadow: 'false' },
    files: {
      'alembic/versions/a1_drop.py':
        "revision = 'a1'\ndown_revision = None\nfrom alembic import op\n\n\ndef upgrade():\n    op.drop_column('users', 'email')\n\n\ndef downgrade():\n    pass\n"
    },
    expect: 'fail',
    message: /Drops column users\.email/
  },
  {
    id: 'fail-open/knex-drop-column-after-unreadable-raw',
    class: 'fail-open',
    inputs: { gate: 'migrations', tool: 'knex', shadow: 'false' },
    files: {
      'migrations/20240101000000_drop.js':
        "exports.up = async knex => {\n  await knex.raw(buildSql())\n  await knex.schema.alterTable('users', t => { t.dropColumn('email') })\n}\nexports.down = async () => {}\n"
    },
    expect: 'fail',
    message: /Drops column users\.email/
  },
  {
    id: 'long-input/400kb-nested-block-comments',
    class: 'long-input',
    inputs: lint,
    files: {
      'migrations/0001_change.up.sql': '/*'.repeat(100_000) + '*/'.repeat(100_000) + '\nDROP TABLE users;\n',
      'migrations/0001_change.down.sql': 'SELECT 1;\n'
    },
    expect: 'fail',
    message: /Drops table users/,
    deadlineMs: 15_000
  },
  {
    id: 'long-input/unterminated-nested-comment',
    class: 'long-input',
    inputs: lint,
    files: migration('/* /* never closed */\nDROP TABLE users;\n' + 'x'.repeat(100_000) + '\n'),
    expect: 'fail',
    message: /unterminated \/\* comment at or near "\/\* \/\* never closed \*\/…"/
  },
  {
    id: 'long-input/100k-statement-file-with-renames',
    class: 'long-input',
    inputs: lint,
    files: migration(
      Array.from({ length: 20_000 }, (_, i) =>
        i % 2 ? `ALTER TABLE users RENAME COLUMN a${i} TO b${i};` : `ALTER TABLE t${i} ADD COLUMN c text;`
      ).join('\n') + '\n'
    ),
    expect: 'fail',
    message: /Renames column users\.a1 to b1/,
    deadlineMs: 30_000
  }
]

adversarialSuite('migrations', cases)
