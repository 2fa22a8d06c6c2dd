// A big migration directory is linted in child processes by the bundle (dist/): the findings must be exactly
// those of linting it in order on one thread (the gate run from source, where workers are off).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import type { Finding } from '../../src/types.js'
import { ensureBuilt } from '../helpers/runner.js'
import { REPO, runGate } from './helpers.js'

const run = promisify(execFile)

// Every kind of statement the rules look at, plus what exercises positions and directives: comments
// before statements, non-ASCII text, allow comments (with and without a reason), syntax errors, BEGIN blocks.
const STATEMENTS = [
  (n: number) => `CREATE TABLE t_${n} (id bigint PRIMARY KEY, name text);`,
  (n: number) => `ALTER TABLE users DROP COLUMN c_${n};`,
  (n: number) => `-- 'naïve' café ✓\nALTER TABLE users RENAME COLUMN a_${n} TO b_${n};`,
  (n: number) => `ALTER TABLE users ALTER COLUMN c_${n} TYPE bigint;`,
  (n: number) => `ALTER TABLE users ADD COLUMN r_${n} bigint NOT NULL;`,
  (n: number) => `CREATE INDEX idx_${n} ON users (c_${n});`,
  (n: number) => `CREATE INDEX CONCURRENTLY idx_c_${n} ON users (c_${n});`,
  (n: number) => `/* block\n comment */ DROP TABLE old_${n};`,
  (n: number) => `-- deploy-gates: allow drop-table archived in ticket ${n}\nDROP TABLE archived_${n};`,
  (n: number) => `-- deploy-gates: allow truncate\nTRUNCATE audit_${n};`,
  (n: number) => `ALTER TABLE orders ADD CONSTRAINT fk_${n} FOREIGN KEY (user_id) REFERENCES users (id);`,
  (n: number) => `ALTER TABLE users ADD COLUMN u_${n} uuid DEFAULT gen_random_uuid();`,
  (n: number) => `UPDATE users SET c_${n} = 'ü';`,
  (n: number) => `BEGIN;\nCREATE INDEX CONCURRENTLY idx_b_${n} ON users (b);\nCOMMIT;`,
  (n: number) => `ALTER TABLE users ADD COLUMN oops_${n} text NOT NULL DEFALT 'x';`
]
const FILES = 3000

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(path.join(os.tmpdir(), 'dg-migrations-parallel-'))
  mkdirSync(path.join(dir, 'migrations'))
  for (let i = 1; i <= FILES; i++) {
    const statements = [0, 1, 2].map(k => STATEMENTS[(i * 7 + k * 4) % STATEMENTS.length]!(i * 10 + k))
    const name = `${String(i).padStart(5, '0')}_change`
    writeFileSync(
      path.join(dir, 'migrations', `${name}.up.sql`),
      `-- migration ${i}\n${statements.join('\n')}\n`
    )
    if (i % 3 === 0) writeFileSync(path.join(dir, 'migrations', `${name}.down.sql`), 'SELECT 1;\n')
  }
}, 180_000)

const comparable = (findings: Finding[]) =>
  findings.map(({ rule, severity, message, file, line, column, endLine, endColumn }) => ({
    rule,
    severity,
    message,
    file,
    line,
    column,
    endLine,
    endColumn
  }))

describe('gate: migrations on a big directory', () => {
  it('lints on several threads from dist/ with exactly the findings of one thread', async () => {
    const single = await runGate(dir, { tool: 'golang-migrate' })
    expect(single.data!.lintThreads).toBe(1)
    const { stdout } = await run(
      process.execPath,
      [
        path.join(REPO, 'dist/cli.js'),
        'migrations',
        '--working-directory',
        dir,
        '--tool',
        'golang-migrate',
        '--fail-on',
        'never',
        '--json'
      ],
      // Two threads whatever the machine's load (by default workers start only on idle cores).
      { env: { ...process.env, DEPLOY_GATES_LINT_THREADS: '2' }, maxBuffer: 1 << 28 }
    )
    const parallel = JSON.parse(stdout) as {
      findings: Finding[]
      outputs: Record<string, string>
      data: { lintThreads: number; allowed: unknown[] }
    }
    // Two lint processes (each with V8's baseline WebAssembly compiler only), both given chunks.
    expect(parallel.data.lintThreads).toBe(2)
    // Sanity: the corpus exercises the rules, syntax errors and allow comments.
    const rules = new Set(single.findings.map(f => f.rule))
    for (const rule of [
      'drop-column',
      'rename-column',
      'sql-syntax-error',
      'concurrently-in-transaction',
      'allow-missing-reason',
      'missing-down-migration'
    ])
      expect(rules).toContain(rule)
    expect(single.findings.length).toBeGreaterThan(FILES)
    // The CLI orders findings for people; compare as sets of identical findings, then the outputs.
    const key = (f: ReturnType<typeof comparable>[number]) => JSON.stringify(f)
    expect(comparable(parallel.findings).map(key).sort()).toEqual(comparable(single.findings).map(key).sort())
    expect(parallel.data.allowed).toEqual(single.data!.allowed)
    expect(parallel.outputs).toEqual(single.outputs)
  }, 120_000)
})
