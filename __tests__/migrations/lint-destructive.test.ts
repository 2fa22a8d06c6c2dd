import { describe, expect, it } from '@jest/globals'
import { project, runGate, where } from './helpers.js'

/** One golang-migrate migration (with a down file, so only the statement's own findings show). */
function migration(sql: string): string {
  return project({
    'migrations/0001_change.up.sql': sql,
    'migrations/0001_change.down.sql': 'SELECT 1;\n'
  })
}

describe('destructive SQL: every drop of data or of what the running version uses is a finding and destructive=true', () => {
  it.each([
    ['DROP DATABASE shop;', 'drop-database', 'Drops database shop with every table in it.'],
    [
      'DROP DATABASE IF EXISTS shop WITH (FORCE);',
      'drop-database',
      'Drops database shop with every table in it.'
    ],
    ['DROP OWNED BY app_owner;', 'drop-owned', 'Drops every object owned by app_owner.'],
    [
      'DROP OWNED BY app_owner CASCADE;',
      'drop-owned',
      'Drops every object owned by app_owner, with CASCADE.'
    ],
    [
      'DROP TYPE mood CASCADE;',
      'drop-object',
      'Drops type mood with CASCADE, and every object that depends on it.'
    ],
    [
      'DROP EXTENSION pg_trgm CASCADE;',
      'drop-object',
      'Drops extension pg_trgm with CASCADE, and every object that depends on it.'
    ],
    ['DROP VIEW active_users;', 'drop-object', 'Drops view active_users.'],
    ['DROP MATERIALIZED VIEW daily_totals;', 'drop-object', 'Drops materialized view daily_totals.'],
    ['DROP FUNCTION touch_updated_at();', 'drop-object', 'Drops function touch_updated_at.'],
    ['DROP PROCEDURE archive_orders(int);', 'drop-object', 'Drops procedure archive_orders.'],
    ['DROP SEQUENCE invoice_numbers;', 'drop-object', 'Drops sequence invoice_numbers.'],
    ['DROP TRIGGER set_updated_at ON orders;', 'drop-object', 'Drops trigger set_updated_at ON orders.'],
    ['DROP DOMAIN positive_int;', 'drop-object', 'Drops domain positive_int.'],
    ['DROP SCHEMA billing;', 'drop-schema', 'Drops schema billing.'],
    ['DROP SCHEMA billing CASCADE;', 'drop-schema', 'Drops schema billing with CASCADE.'],
    [
      'WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone;',
      'delete-without-where',
      'Deletes every row of sessions (no WHERE) in a WITH clause.'
    ],
    [
      'WITH a AS (WITH b AS (DELETE FROM audit RETURNING 1) SELECT * FROM b) INSERT INTO log SELECT * FROM a;',
      'delete-without-where',
      'Deletes every row of audit (no WHERE) in a WITH clause.'
    ],
    ['TRUNCATE orders CASCADE;', 'truncate', 'Truncates orders with CASCADE.']
  ])('%s → %s', async (sql, rule, message) => {
    const result = await runGate(migration(sql + '\n'))
    const found = result.findings.filter(f => f.rule === rule)
    expect(found.map(f => [f.message, f.severity, f.line])).toEqual([[message, 'error', 1]])
    expect(result.outputs.destructive).toBe('true')
  })

  it('drops of objects created earlier in the same migration, and DELETE with WHERE in a CTE, are not findings', async () => {
    const result = await runGate(
      migration(
        [
          'CREATE VIEW tmp_v AS SELECT 1;',
          'DROP VIEW tmp_v;',
          'CREATE SEQUENCE tmp_seq;',
          'DROP SEQUENCE tmp_seq;',
          'WITH gone AS (DELETE FROM sessions WHERE expires_at < now() RETURNING id) SELECT count(*) FROM gone;'
        ].join('\n') + '\n'
      )
    )
    expect(where(result)).toEqual([])
    expect(result.outputs.destructive).toBe('false')
  })

  it('400 KB of nested block comments is linted in well under a second, the statement after them found', async () => {
    const sql = '/*'.repeat(100_000) + '*/'.repeat(100_000) + '\nDROP TABLE users;\n'
    const started = performance.now()
    const result = await runGate(migration(sql))
    expect(performance.now() - started).toBeLessThan(2000)
    expect(where(result)).toEqual(['drop-table@migrations/0001_change.up.sql:2'])
  })

  it('an unterminated nested comment is a syntax error (not an empty migration), its message cut short', async () => {
    const result = await runGate(migration('/* /* note */\nDROP TABLE users;\n' + 'x'.repeat(10_000) + '\n'))
    expect(result.findings.map(f => [f.rule, f.line, f.column])).toEqual([['sql-syntax-error', 1, 1]])
    expect(result.findings[0]!.message.length).toBeLessThan(140)
  })

  it('an allow comment before a statement that does not trigger its rule is reported as unused', async () => {
    const result = await runGate(
      migration(
        '-- deploy-gates: allow drop-table the table is archived\nALTER TABLE users ADD COLUMN note text;\n'
      )
    )
    expect(result.findings.map(f => [f.rule, f.severity, f.line, f.message])).toEqual([
      ['allow-unused', 'notice', 1, 'The statement after this comment does not trigger drop-table.']
    ])
  })
})
