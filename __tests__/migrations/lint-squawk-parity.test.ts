import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { checkStatements } from '../../src/gates/migrations/lint/check.js'
import { lintMigration } from '../../src/gates/migrations/lint/lint-file.js'
import { loadSqlParser, parseSql } from '../../src/gates/migrations/sql/parse.js'
import { catalog } from '../../src/gates/migrations/catalog.js'
import { FIXTURES } from './helpers.js'

interface ParityCase {
  rule: string
  squawk: string
  sql: string
  flagged: boolean
  note?: string
}

const { cases } = JSON.parse(readFileSync(path.join(FIXTURES, 'squawk-parity', 'cases.json'), 'utf8')) as {
  cases: ParityCase[]
}

/** The rules our linter reports for one file, read statement by statement as squawk reads it. */
export function rulesFor(sql: string, rule: string): string[] {
  const parsed = parseSql(sql)
  if (parsed.error) throw new Error(`case does not parse: ${parsed.error.message}`)
  const lockTimeoutRules = rule.startsWith('missing-') && rule.endsWith('-timeout')
  const viaChecks = checkStatements(parsed.statements, { transaction: 'none', lockTimeoutRules }).map(
    v => v.rule
  )
  // The same verdict through the file linter (findings built from the catalog).
  const migration = {
    id: 'case',
    name: 'case',
    file: 'case.sql',
    text: sql,
    sql,
    transaction: 'none' as const
  }
  const viaFindings = lintMigration(migration, lockTimeoutRules).findings.map(f => f.rule)
  expect([...new Set(viaFindings)].sort()).toEqual([...new Set(viaChecks)].sort())
  return viaChecks
}

beforeAll(loadSqlParser)

describe('squawk parity cases (written from squawk’s rule docs; agreement measured by bench/squawk-parity.mjs)', () => {
  it('every case names a rule of the catalog', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    for (const c of cases) expect(catalog.has(c.rule)).toBe(true)
  })

  it.each(
    cases.map(
      c => [c.flagged ? 'flags' : 'passes', c.rule, c.sql.replace(/\n/g, ' ').slice(0, 90), c] as const
    )
  )('%s %s: %s', (_verdict, rule, _sql, c) => {
    expect(rulesFor(c.sql, rule).includes(rule)).toBe(c.flagged)
  })

  it('tables the shadow replay knows to be new in this change count as created in the migration', () => {
    const sql =
      'ALTER TABLE invoices ADD COLUMN total bigint NOT NULL;\nCREATE INDEX invoices_total ON app.ledger (total);\n'
    const migration = { id: 'm', name: 'm', file: 'm.sql', text: sql, sql, transaction: 'wrapped' as const }
    expect(lintMigration(migration, false).findings.map(f => f.rule)).toEqual([
      'add-column-not-null-without-default',
      'create-index-non-concurrently'
    ])
    const newTables = new Set(['invoices', 'app.ledger'])
    expect(lintMigration(migration, false, undefined, { newTables }).findings).toEqual([])
  })
})
