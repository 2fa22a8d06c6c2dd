import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { loadModule, parseSync } from 'libpg-query'
import { loadPgQuery, parseToJson, PgSyntaxError } from '../../src/gates/migrations/sql/pg-query.js'
import { REPO } from './helpers.js'

/**
 * src/gates/migrations/sql/pg-query.ts calls libpg_query's WebAssembly exports directly and reads its result
 * structs at fixed offsets (tree at +0, error at +8; the error's message at +0 and cursor at +16). These tests
 * compare every read with what the package's own API returns, so a version whose layout moved fails here.
 */
const STATEMENTS = [
  'SELECT 1',
  "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT 'é';",
  'CREATE INDEX CONCURRENTLY i ON t (a); DROP TABLE x CASCADE;',
  'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d; -- note\nUPDATE t SET a = 1 WHERE id = $1',
  'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql'
]
const ERRORS = [
  'SELECT FROM WHERE x',
  'ALTER TABEL users DROP COLUMN a',
  "SELECT 'unterminated",
  'CREATE TABLE ü (a int,,)'
]

beforeAll(async () => {
  await loadModule()
  await loadPgQuery()
})

describe('libpg-query: pinned, and read at the layout this version has', () => {
  it('package.json pins the exact version that is installed', () => {
    const pinned = (
      JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>
      }
    ).dependencies['libpg-query']
    const installed = (
      JSON.parse(readFileSync(path.join(REPO, 'node_modules/libpg-query/package.json'), 'utf8')) as {
        version: string
      }
    ).version
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect(installed).toBe(pinned)
  })

  it.each(STATEMENTS)('the parse tree read directly equals the package’s own: %s', sql => {
    expect(JSON.parse(parseToJson(sql))).toEqual(parseSync(sql))
  })

  it.each(ERRORS)('a syntax error’s message and byte offset equal the package’s own: %s', sql => {
    let theirs: { message: string; cursorPosition: number } | undefined
    try {
      parseSync(sql)
    } catch (error) {
      theirs = (error as { sqlDetails: { message: string; cursorPosition: number } }).sqlDetails
    }
    expect(theirs).toBeDefined()
    let ours: unknown
    try {
      parseToJson(sql)
    } catch (error) {
      ours = error
    }
    expect(ours).toBeInstanceOf(PgSyntaxError)
    expect((ours as PgSyntaxError).message).toBe(theirs!.message)
    // the package reports the same 0-based byte offset of the offending token
    expect((ours as PgSyntaxError).byteOffset).toBe(theirs!.cursorPosition)
  })
})
