import { describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import { FIXTURES, project, runGate, where } from './helpers.js'
import { sectionToMarkdownBody as sectionMarkdown } from '../../src/report/blocks.js'

const LINT = path.join(FIXTURES, 'lint')
const file = (name: string): string => `migrations/${name}`

describe('migrations lint (PostgreSQL parser, exact positions)', () => {
  it('reports each dangerous statement at its line and column, with rule id and severity', async () => {
    const result = await runGate(LINT)
    const dangerous = result.findings.filter(f => f.file === file('0002_dangerous.up.sql'))
    expect(dangerous.map(f => `${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([
      '2:1 error drop-table',
      '3:1 error drop-column',
      '4:1 error drop-schema',
      '5:1 error truncate',
      '6:1 error delete-without-where',
      '7:1 error update-without-where',
      '8:1 error rename-column',
      '9:1 error rename-table',
      '10:1 error change-column-type',
      '11:1 error add-column-not-null-without-default',
      '12:1 error set-not-null',
      '13:1 warning create-index-non-concurrently',
      '14:1 warning drop-index-non-concurrently',
      '15:1 warning add-foreign-key-validated',
      '16:1 warning add-check-validated',
      '17:1 warning add-unique-constraint',
      '18:1 warning volatile-default',
      // a statement over two lines, indented: starts at its first token, ends on its last line
      '19:3 warning volatile-default',
      // no .down.sql beside it: reported at the first irreversible statement
      '2:undefined warning missing-down-migration'
    ])
    const multiLine = dangerous.find(f => f.line === 19)!
    expect([multiLine.endLine, multiLine.endColumn]).toEqual([20, 29])
    expect(dangerous.find(f => f.rule === 'rename-column')!.message).toBe(
      'Renames column users.email to email_address; the running version still uses email.'
    )
    expect(dangerous.find(f => f.rule === 'drop-schema')!.message).toBe('Drops schema archive with CASCADE.')
    expect(dangerous.find(f => f.rule === 'add-foreign-key-validated')!.help).toMatch(/NOT VALID/)
  })

  it('does not flag the expand/contract forms, nor objects created in the same migration', async () => {
    const result = await runGate(LINT)
    expect(where(result).filter(w => w.includes('0003_') || w.includes('0001_'))).toEqual([])
  })

  it('an allow comment with a reason silences one rule for the next statement; without a reason it is a finding', async () => {
    const result = await runGate(LINT)
    expect(where(result).filter(w => w.includes('0004_'))).toEqual([
      `allow-missing-reason@${file('0004_allow_comments.up.sql')}:3`,
      `allow-unknown-rule@${file('0004_allow_comments.up.sql')}:5`,
      `drop-table@${file('0004_allow_comments.up.sql')}:4`
    ])
    expect(result.data?.allowed).toEqual([
      {
        rule: 'drop-column',
        file: file('0004_allow_comments.up.sql'),
        line: 2,
        reason: 'unused since v2.3, see OPS-12'
      }
    ])
    expect(sectionMarkdown(result.sections.find(s => s.heading === 'Allowed by comment')!)).toContain(
      'unused since v2.3, see OPS-12'
    )
  })

  it('CONCURRENTLY inside BEGIN fails; alone in a golang-migrate file it is fine', async () => {
    const result = await runGate(LINT)
    expect(where(result).filter(w => w.includes('0005_') || w.includes('0006_'))).toEqual([
      `concurrently-in-transaction@${file('0005_concurrent_in_tx.up.sql')}:2`
    ])
  })

  it('an unparseable file is one error at the offending token; the files after it are still checked', async () => {
    const result = await runGate(LINT)
    const broken = result.findings.filter(f => f.file === file('0007_broken.up.sql'))
    expect(broken).toHaveLength(1)
    expect(broken[0]).toMatchObject({ rule: 'sql-syntax-error', severity: 'error', line: 3, column: 7 })
    expect(broken[0]!.message).toBe(
      'PostgreSQL cannot parse this migration: syntax error at or near "TABEL".'
    )
    expect(where(result)).toContain(`drop-column@${file('0008_unicode.up.sql')}:2`)
  })

  it('columns count characters, not UTF-8 bytes', async () => {
    const result = await runGate(LINT)
    const drop = result.findings.find(
      f => f.file === file('0008_unicode.up.sql') && f.rule === 'drop-column'
    )!
    expect([drop.line, drop.column, drop.endColumn]).toEqual([2, 12, 52])
    expect(drop.message).toBe('Drops column usérs.prénom and its data.')
  })

  it('sets destructive and rollback-safe from the statements in scope', async () => {
    const result = await runGate(LINT)
    expect(result.outputs).toEqual({ destructive: 'true', 'rollback-safe': 'false' })
    expect(result.scope).toBe('golang-migrate: 8 migrations in migrations, 8 linted, 41 SQL statements')

    const safe = project({
      'migrations/0001_add.up.sql': "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN phone text;\n",
      'migrations/0001_add.down.sql': 'ALTER TABLE users DROP COLUMN phone;\n'
    })
    const clean = await runGate(safe)
    expect(clean.findings).toEqual([])
    expect(clean.outputs).toEqual({ destructive: 'false', 'rollback-safe': 'true' })

    // Allowed with a reason: still destructive (the data goes), but the author vouches the old version copes.
    const allowed = project({
      'migrations/0001_drop.up.sql':
        '-- deploy-gates: allow drop-column nothing reads it since v3\nALTER TABLE users DROP COLUMN legacy;\n',
      'migrations/0001_drop.down.sql': 'ALTER TABLE users ADD COLUMN legacy text;\n'
    })
    expect((await runGate(allowed)).outputs).toEqual({ destructive: 'true', 'rollback-safe': 'true' })
  })

  it('the allow input downgrades a rule one step; unknown ids are refused', async () => {
    const result = await runGate(LINT, { allow: 'drop-table, create-index-non-concurrently' })
    const severities = result.findings
      .filter(f => f.file === file('0002_dangerous.up.sql'))
      .map(f => `${f.rule}:${f.severity}`)
    expect(severities).toContain('drop-table:warning')
    expect(severities).toContain('create-index-non-concurrently:notice')
    expect(severities).toContain('drop-column:error')
    await expect(runGate(LINT, { allow: 'drop-tables' })).rejects.toThrow(
      /--allow names unknown rule\(s\) drop-tables; known: drop-table,/
    )
  })

  it('lock-timeout-rules flags the first lock-taking statement without a lock_timeout', async () => {
    const dir = project({
      'migrations/0001_a.up.sql':
        'CREATE TABLE t (id int);\nALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;\n',
      'migrations/0002_b.up.sql': "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN c text;\n"
    })
    expect(where(await runGate(dir))).toEqual([])
    expect(where(await runGate(dir, { 'lock-timeout-rules': 'true' }))).toEqual([
      'missing-lock-timeout@migrations/0001_a.up.sql:2',
      'missing-statement-timeout@migrations/0001_a.up.sql:2',
      // a lock_timeout alone does not bound how long the rewrite or scan runs once it has the lock
      'missing-statement-timeout@migrations/0002_b.up.sql:2'
    ])
  })

  it('transaction handling follows the tool: dbmate transaction:false, node-pg-migrate noTransaction', async () => {
    const dbmate = project({
      'db/migrations/20240101000000_a.sql':
        '-- migrate:up\nCREATE INDEX CONCURRENTLY a_idx ON a (x);\n\n-- migrate:down\nDROP INDEX a_idx;\n',
      'db/migrations/20240102000000_b.sql':
        '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY b_idx ON b (x);\n\n-- migrate:down\nDROP INDEX CONCURRENTLY b_idx;\n'
    })
    expect(where(await runGate(dbmate))).toEqual([
      'concurrently-in-transaction@db/migrations/20240101000000_a.sql:2'
    ])

    const npm = project({
      'migrations/1_a.js':
        "exports.up = pgm => {\n  pgm.sql('CREATE INDEX CONCURRENTLY a_idx ON a (x)')\n}\nexports.down = pgm => {\n  pgm.sql('DROP TABLE a')\n}\n",
      'migrations/2_b.js':
        'exports.up = pgm => {\n  pgm.noTransaction()\n  pgm.sql(`CREATE INDEX CONCURRENTLY b_idx\n    ON b (x)`)\n}\n'
    })
    // The down's DROP TABLE is not linted as part of the up; the SQL's position is the literal's own.
    const result = await runGate(npm)
    const lint = result.findings.filter(f => !f.rule.startsWith('shadow-'))
    expect(lint.map(f => `${f.rule}@${f.file}:${f.line}:${f.column}`)).toEqual([
      'concurrently-in-transaction@migrations/1_a.js:2:12'
    ])
  })

  it('a type change needs no rewrite when an earlier migration shows the old type: varchar widened or made text', async () => {
    const dir = project({
      'migrations/0001_create.up.sql':
        'CREATE TABLE notes (id bigint PRIMARY KEY, title varchar(50), body varchar(200), price numeric(8,2), n integer);\n',
      'migrations/0001_create.down.sql': 'DROP TABLE notes;\n',
      'migrations/0002_widen.up.sql':
        [
          'ALTER TABLE notes ALTER COLUMN title TYPE varchar(100);',
          'ALTER TABLE notes ALTER COLUMN body TYPE text;',
          'ALTER TABLE notes ALTER COLUMN price TYPE numeric(12,2);',
          // narrower, another scale, a real conversion: rewrites (or fails on existing values)
          'ALTER TABLE notes ALTER COLUMN title TYPE varchar(10);',
          'ALTER TABLE notes ALTER COLUMN price TYPE numeric(12,4);',
          'ALTER TABLE notes ALTER COLUMN n TYPE text;'
        ].join('\n') + '\n',
      'migrations/0002_widen.down.sql': 'SELECT 1;\n'
    })
    expect(where(await runGate(dir))).toEqual([
      'change-column-type@migrations/0002_widen.up.sql:4',
      'change-column-type@migrations/0002_widen.up.sql:5',
      'change-column-type@migrations/0002_widen.up.sql:6'
    ])
  })
})
