// Benchmark of the migrations gate (not part of `npm test`; bounded to a few minutes).
//  1. Lint: 5,000 generated PostgreSQL migration files, linted by this gate (the bundled CLI, as users run it)
//     and by squawk (the Rust migration linter from npm), in the same run. Squawk's rules that have no
//     counterpart here are excluded; findings are compared per overlapping rule, statement by statement.
//  2. Database: the history check against a Flyway history table of 2,000 applied rows (with checksums).
// Each tool runs --runs times (default 5), alternating, on the same corpus; medians and their ratio are reported.
//  3. Memory: peak RSS (the process tree, sampled) of both tools on --memory-files generated files (default 50,000).
//  4. One file of --big-statements statements (default 100,000) with renames among them: both tools' wall time
//     (every rename used to rescan the rest of the file; the look-ahead is now an index built once per file).
// Usage: node bench/migrations.mjs [--files 5000] [--rows 2000] [--runs 5] [--memory-files 50000]
//        [--big-statements 100000] [--only lint,memory,big,database]
// squawk: `npm install --prefix /tmp/squawk squawk-cli` (or set SQUAWK=/path/to/squawk).
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'

const run = promisify(execFile)
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map(a => a.trim().split(/\s+/))
)
const FILES = Number(args.files ?? 5000)
const ROWS = Number(args.rows ?? 2000)
const RUNS = Number(args.runs ?? 5)
const MEMORY_FILES = Number(args['memory-files'] ?? 50000)
const BIG_STATEMENTS = Number(args['big-statements'] ?? 100000)
const ONLY = new Set(String(args.only ?? 'lint,memory,big,database').split(','))
// Both tools start Node (squawk-cli's npm entry is a Node launcher for its binary). A machine-wide
// NODE_EXTRA_CA_CERTS (set on some CI and dev machines) adds ~100 ms to every Node start-up; it is not what
// is being compared, so neither tool gets it.
const CHILD_ENV = { ...process.env }
delete CHILD_ENV.NODE_EXTRA_CA_CERTS
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const CLI = path.join(REPO, 'dist', 'cli.js')
const SQUAWK = process.env.SQUAWK ?? '/tmp/squawk/node_modules/.bin/squawk'

// Our rule → squawk's rule, where both check the same statement.
const OVERLAP = {
  'drop-table': 'ban-drop-table',
  'drop-column': 'ban-drop-column',
  'rename-column': 'renaming-column',
  'rename-table': 'renaming-table',
  'change-column-type': 'changing-column-type',
  'add-column-not-null-without-default': 'adding-required-field',
  'set-not-null': 'adding-not-nullable-field',
  'create-index-non-concurrently': 'require-concurrent-index-creation',
  'drop-index-non-concurrently': 'require-concurrent-index-deletion',
  'add-foreign-key-validated': 'adding-foreign-key-constraint',
  'add-unique-constraint': 'disallowed-unique-constraint',
  'volatile-default': 'adding-field-with-default'
}
// Squawk rules with no counterpart here (style, robustness, timeouts that are opt-in here, or checked differently).
const SQUAWK_EXCLUDED = [
  'prefer-robust-stmts',
  'require-lock-timeout',
  'require-statement-timeout',
  'prefer-identity',
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-text-field',
  'prefer-timestamptz',
  'ban-char-field',
  'constraint-missing-not-valid',
  'ban-truncate-cascade',
  'ban-concurrent-index-creation-in-transaction',
  'transaction-nesting',
  'adding-serial-primary-key-field',
  'ban-drop-database',
  'ban-drop-not-null'
]

// Deterministic statement mix (a small LCG so every run lints the same corpus).
let seed = 42
const random = n => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n
const TEMPLATES = [
  n => `CREATE TABLE t_${n} (id bigint PRIMARY KEY, name text);`,
  n => `ALTER TABLE users_${n % 50} ADD COLUMN c_${n} text;`,
  n => `DROP TABLE old_${n};`,
  n => `ALTER TABLE users_${n % 50} DROP COLUMN c_${n};`,
  n => `ALTER TABLE users_${n % 50} RENAME COLUMN a_${n} TO b_${n};`,
  n => `ALTER TABLE users_${n % 50} RENAME TO accounts_${n};`,
  n => `ALTER TABLE users_${n % 50} ALTER COLUMN c_${n} TYPE bigint;`,
  n => `ALTER TABLE users_${n % 50} ADD COLUMN r_${n} bigint NOT NULL;`,
  n => `ALTER TABLE users_${n % 50} ALTER COLUMN c_${n} SET NOT NULL;`,
  n => `CREATE INDEX idx_${n} ON users_${n % 50} (c_${n});`,
  n => `DROP INDEX idx_old_${n};`,
  n =>
    `ALTER TABLE orders_${n % 50} ADD CONSTRAINT fk_${n} FOREIGN KEY (user_id) REFERENCES users_${n % 50} (id);`,
  n =>
    `ALTER TABLE orders_${n % 50} ADD CONSTRAINT fk_${n} FOREIGN KEY (user_id) REFERENCES users_${n % 50} (id) NOT VALID;`,
  n => `ALTER TABLE users_${n % 50} ADD CONSTRAINT uq_${n} UNIQUE (c_${n});`,
  n => `ALTER TABLE users_${n % 50} ADD COLUMN u_${n} uuid DEFAULT gen_random_uuid();`,
  n => `ALTER TABLE users_${n % 50} ADD COLUMN s_${n} text DEFAULT 'x';`,
  n => `UPDATE users_${n % 50} SET c_${n} = 'x' WHERE id < 10;`
]

function generateCorpus(dir, files = FILES) {
  mkdirSync(path.join(dir, 'migrations'), { recursive: true })
  let statements = 0
  for (let i = 1; i <= files; i++) {
    const lines = [`-- migration ${i}`]
    const count = 1 + random(4)
    for (let s = 0; s < count; s++) lines.push(TEMPLATES[random(TEMPLATES.length)](i * 10 + s))
    statements += count
    const name = `${String(i).padStart(6, '0')}_change_${i}`
    writeFileSync(path.join(dir, 'migrations', `${name}.up.sql`), lines.join('\n') + '\n')
    writeFileSync(path.join(dir, 'migrations', `${name}.down.sql`), 'SELECT 1;\n')
  }
  return statements
}

async function timed(fn) {
  const start = process.hrtime.bigint()
  const value = await fn()
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 }
}

async function lintBenchmark() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bench-migrations-'))
  const statements = generateCorpus(dir)
  console.log(`corpus: ${FILES} migration files, ${statements} statements (${dir})`)

  const lintOurs = async () => {
    const { stdout } = await run(
      process.execPath,
      [
        CLI,
        'migrations',
        '--working-directory',
        dir,
        '--tool',
        'golang-migrate',
        '--shadow',
        'false',
        '--fail-on',
        'never',
        '--json'
      ],
      { cwd: dir, env: CHILD_ENV, maxBuffer: 1 << 30 }
    )
    return JSON.parse(stdout).findings
  }
  const lintSquawk = async () => {
    const { stdout } = await run(
      squawkBinary(),
      ['--reporter', 'json', `--exclude=${SQUAWK_EXCLUDED.join(',')}`, 'migrations/*.up.sql'],
      { cwd: dir, env: CHILD_ENV, maxBuffer: 1 << 30 }
    ).catch(error => error) // squawk exits 1 when it finds something
    return JSON.parse(stdout)
  }
  const hasSquawk = existsSync(SQUAWK)
  const samples = { ours: [], squawk: [] }
  let ours
  let squawk
  // Alternating runs: the machine's load changes over time, and both tools should see the same changes.
  for (let i = 0; i < RUNS; i++) {
    ours = await timed(lintOurs)
    samples.ours.push(ours.ms)
    if (hasSquawk) {
      squawk = await timed(lintSquawk)
      samples.squawk.push(squawk.ms)
    }
  }
  const ourKeys = {}
  for (const f of ours.value) (ourKeys[f.rule] ??= new Set()).add(`${f.file}:${f.line}`)

  const theirKeys = {}
  for (const f of squawk?.value ?? []) {
    // squawk's lines are 0-based
    ;(theirKeys[f.rule_name] ??= new Set()).add(`${f.file.replace(/^\.\//, '')}:${f.line + 1}`)
  }

  const median = values => [...values].sort((a, b) => a - b)[values.length >> 1]
  const show = values => values.map(ms => ms.toFixed(0)).join(' ')
  console.log(
    `\nlint wall time, process start to exit, median of ${RUNS} alternating runs (${os.availableParallelism()} cores):`
  )
  console.log(`  deploy-gates  ${median(samples.ours).toFixed(0)} ms   (${show(samples.ours)})`)
  if (squawk) {
    const version = execFileSync(squawkBinary(), ['--version'], { encoding: 'utf8', env: CHILD_ENV }).trim()
    console.log(
      `  squawk        ${median(samples.squawk).toFixed(0)} ms   (${show(samples.squawk)}; ${version})`
    )
    const ratio = median(samples.squawk) / median(samples.ours)
    console.log(
      `  ratio         squawk / deploy-gates = ${ratio.toFixed(2)}x (${ratio >= 1 ? 'target met: at least as fast' : 'target MISSED: slower than squawk'})`
    )
  } else console.log(`  squawk not found at ${SQUAWK}: npm install --prefix /tmp/squawk squawk-cli`)

  console.log('\nfindings on overlapping rules (deploy-gates | squawk | same statements):')
  let allSame = true
  for (const [mine, theirs] of Object.entries(OVERLAP)) {
    const a = ourKeys[mine] ?? new Set()
    const b = theirKeys[theirs] ?? new Set()
    const same = a.size === b.size && [...a].every(k => b.has(k))
    allSame &&= same
    console.log(
      `  ${mine.padEnd(38)} ${String(a.size).padStart(5)} | ${theirs.padEnd(34)} ${String(b.size).padStart(5)} | ${same ? 'yes' : 'NO'}`
    )
  }
  const onlyOurs = Object.keys(ourKeys).filter(r => !(r in OVERLAP))
  const onlyTheirs = Object.keys(theirKeys).filter(r => !Object.values(OVERLAP).includes(r))
  console.log(`  rules only here: ${onlyOurs.map(r => `${r} ${ourKeys[r].size}`).join(', ') || 'none'}`)
  if (squawk)
    console.log(
      `  rules only in squawk (not excluded): ${onlyTheirs.map(r => `${r} ${theirKeys[r].size}`).join(', ') || 'none'}`
    )
  if (squawk) console.log(`  same findings on every overlapping rule: ${allSame ? 'yes' : 'NO'}`)
  rmSync(dir, { recursive: true, force: true })
}

/** Flyway's checksum (CRC-32 over the lines without terminators, signed): needed to write a realistic history. */
function flywayChecksum(text) {
  let crc = 0
  for (const line of text.split(/\r\n|\r|\n/)) crc = crc32(Buffer.from(line), crc)
  return crc | 0
}

async function databaseBenchmark() {
  const pg = (await import('pg')).default
  let url = process.env.DEPLOY_GATES_TEST_DATABASE_URL
  let stop
  let label = 'PostgreSQL server'
  if (url) {
    const name = `deploy_gates_bench_${process.pid}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const serverUrl = url
    url = Object.assign(new URL(url), { pathname: `/${name}` }).toString()
    stop = async () => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite')
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
    const db = await PGlite.create()
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
    await server.start()
    url = `postgres://postgres@${server.getServerConn()}/postgres`
    stop = async () => {
      await server.stop()
      await db.close()
    }
    label = 'PGlite (set DEPLOY_GATES_TEST_DATABASE_URL for a real server)'
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bench-migrations-db-'))
  mkdirSync(path.join(dir, 'db/migration'), { recursive: true })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`)
  const values = []
  for (let i = 1; i <= ROWS + 10; i++) {
    const script = `V${i}__change_${i}.sql`
    const text = `ALTER TABLE t_${i % 50} ADD COLUMN c_${i} text;\n`
    writeFileSync(path.join(dir, 'db/migration', script), text)
    if (i <= ROWS)
      values.push(
        `(${i}, '${i}', 'change ${i}', 'SQL', '${script}', ${flywayChecksum(text)}, 'ci', now(), 3, true)`
      )
  }
  await client.query(`INSERT INTO flyway_schema_history VALUES ${values.join(',')}`)
  await client.end()
  const result = await timed(async () => {
    const { stdout } = await run(
      process.execPath,
      [CLI, 'migrations', '--working-directory', dir, '--database-url', url, '--fail-on', 'never', '--json'],
      { cwd: dir, env: CHILD_ENV, maxBuffer: 1 << 30 }
    )
    return JSON.parse(stdout)
  })
  const problems = result.value.findings.filter(f => f.severity === 'error').length
  console.log(
    `\ndatabase check: ${ROWS} applied rows + 10 pending files, Flyway checksums compared (${label})`
  )
  console.log(
    `  wall time ${result.ms.toFixed(0)} ms, pending=${result.value.outputs.pending}, errors=${problems}`
  )
  rmSync(dir, { recursive: true, force: true })
  await stop()
}

/** RSS (KB) of a process and all its descendants, from `ps` (child lint processes count too). */
function treeRss(root) {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(line => line.trim().split(/\s+/).map(Number))
  const children = new Map()
  for (const [pid, ppid, rss] of rows)
    (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push([pid, rss])
  let total = rows.find(([pid]) => pid === root)?.[2] ?? 0
  const stack = [root]
  while (stack.length) {
    for (const [pid, rss] of children.get(stack.pop()) ?? []) {
      total += rss
      stack.push(pid)
    }
  }
  return total
}

/** Wall time and peak RSS (KB, the process tree summed, sampled every 20 ms) of one command. */
async function measured(command, argv, cwd) {
  const start = process.hrtime.bigint()
  const child = execFile(command, argv, { cwd, env: CHILD_ENV, maxBuffer: 1 << 30 })
  let kb = 0
  const sampler = setInterval(() => {
    try {
      kb = Math.max(kb, treeRss(child.pid))
    } catch {
      // the process ended between two samples
    }
  }, 20)
  await new Promise(resolve => child.once('exit', resolve))
  clearInterval(sampler)
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, kb }
}

const ours = dir => [
  process.execPath,
  [
    CLI,
    'migrations',
    '--working-directory',
    dir,
    '--tool',
    'golang-migrate',
    '--shadow',
    'false',
    '--fail-on',
    'never',
    '--json'
  ]
]
function squawkBinary() {
  // The npm package's launcher is a Node script; the native binary beside it is what squawk users run in CI.
  const native = path.join(path.dirname(SQUAWK), '..', '@squawk-cli', 'linux-x64', 'bin', 'squawk')
  return existsSync(native) ? native : SQUAWK
}

async function memoryBenchmark() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bench-migrations-mem-'))
  const statements = generateCorpus(dir, MEMORY_FILES)
  const mine = await measured(...ours(dir), dir)
  const theirs = existsSync(SQUAWK)
    ? await measured(squawkBinary(), ['--reporter', 'json', 'migrations/*.up.sql'], dir)
    : undefined
  console.log(`\npeak memory on ${MEMORY_FILES} files (${statements} statements), RSS of the process tree:`)
  console.log(`  deploy-gates  ${(mine.kb / 1024).toFixed(0)} MB   (${mine.ms.toFixed(0)} ms)`)
  if (theirs) {
    console.log(`  squawk        ${(theirs.kb / 1024).toFixed(0)} MB   (${theirs.ms.toFixed(0)} ms)`)
    console.log(`  ratio         deploy-gates / squawk = ${(mine.kb / theirs.kb).toFixed(2)}x (target <= 2x)`)
  }
  rmSync(dir, { recursive: true, force: true })
}

async function bigFileBenchmark() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bench-migrations-big-'))
  mkdirSync(path.join(dir, 'migrations'))
  const lines = []
  for (let i = 0; i < BIG_STATEMENTS; i++) {
    const n = i % 4
    lines.push(
      n === 0
        ? `ALTER TABLE users_${i % 50} RENAME COLUMN a_${i} TO b_${i};`
        : n === 1
          ? `ALTER TABLE users_${i % 50} RENAME TO accounts_${i};`
          : n === 2
            ? `ALTER TABLE users_${i % 50} ADD COLUMN c_${i} text;`
            : `CREATE INDEX CONCURRENTLY idx_${i} ON users_${i % 50} (c_${i});`
    )
  }
  writeFileSync(path.join(dir, 'migrations', '000001_big.up.sql'), lines.join('\n') + '\n')
  writeFileSync(path.join(dir, 'migrations', '000001_big.down.sql'), 'SELECT 1;\n')
  const mine = await measured(...ours(dir), dir)
  const theirs = existsSync(SQUAWK)
    ? await measured(squawkBinary(), ['--reporter', 'json', 'migrations/000001_big.up.sql'], dir)
    : undefined
  console.log(`\none file of ${BIG_STATEMENTS} statements (${BIG_STATEMENTS / 2} renames):`)
  console.log(`  deploy-gates  ${mine.ms.toFixed(0)} ms, ${(mine.kb / 1024).toFixed(0)} MB`)
  if (theirs) {
    console.log(`  squawk        ${theirs.ms.toFixed(0)} ms, ${(theirs.kb / 1024).toFixed(0)} MB`)
    console.log(
      `  ratio         deploy-gates / squawk wall time = ${(mine.ms / theirs.ms).toFixed(2)}x (target <= 2x)`
    )
  }
  rmSync(dir, { recursive: true, force: true })
}

if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' })
if (ONLY.has('lint')) await lintBenchmark()
if (ONLY.has('memory')) await memoryBenchmark()
if (ONLY.has('big')) await bigFileBenchmark()
if (ONLY.has('database')) await databaseBenchmark()
