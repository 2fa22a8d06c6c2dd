// Benchmark of the migration gate's shadow replay (not part of `npm test`; a few minutes at most).
// A knex app of --migrations (default 200) generated migrations of a real-size schema (tables, columns, foreign
// keys, indexes, renames, type changes, raw-SQL backfills) is migrated on PGlite two ways, alternating:
//  - peer: knex's own `knex migrate:latest` against a fresh embedded PGlite (started in the same process, as
//    the gate does): PGlite start-up (initdb) plus the migrate run, nothing else; the same peer started from
//    the initialised cluster the gate ships (no initdb); and that peer run with --liftoff-only, the gate's own
//    PGlite set-up, so what remains is the replay's own cost (proxy, attribution, lint, Node start-up);
//  - gate: the bundled CLI (`dist/cli.js migrations`), as users run it: PGlite start-up, the same `knex
//    migrate:latest` through the recording proxy, attribution of every statement, and the lint of the change's
//    (the last 12 migrations are new since the base commit; the first ones are the history the replay runs first).
// Medians of --runs (default 3) and their ratio are reported; the gate's verdict is checked (it must see every
// migration and report the renames), so a fast wrong answer cannot win.
// Usage: node bench/migrations-shadow.mjs [--migrations 200] [--runs 3]
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map(a => a.trim().split(/\s+/))
)
const MIGRATIONS = Number(args.migrations ?? 200)
const CHANGE = 12
const RUNS = Number(args.runs ?? 3)
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const CLI = path.join(REPO, 'dist', 'cli.js')
const ENV = { ...process.env }
delete ENV.NODE_EXTRA_CA_CERTS

/** One migration of a growing app: mostly additive, with the risky operations a real history has. */
function migration(i) {
  const table = `t${Math.floor(i / 5)}`
  const step = i % 5
  const body = [
    `knex.schema.createTable('${table}', t => { t.bigIncrements('id'); t.string('name', 100); t.integer('qty'); t.timestamps(true, true) })`,
    `knex.schema.alterTable('${table}', t => { t.text('note'); t.boolean('active').defaultTo(true); t.index(['name']) })`,
    i >= 10
      ? `knex.schema.alterTable('${table}', t => { t.bigInteger('parent_id').references('id').inTable('t${Math.floor(i / 5) - 1}') })`
      : `knex.raw("UPDATE ${table} SET qty = 0 WHERE qty IS NULL")`,
    `knex.schema.alterTable('${table}', t => { t.renameColumn('note', 'notes') })`,
    `knex.schema.alterTable('${table}', t => { t.bigInteger('qty').alter() })`
  ][step]
  return `exports.up = async knex => {\n  await ${body}\n}\nexports.down = async () => {}\n`
}

function project() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-bench-shadow-'))
  mkdirSync(path.join(dir, 'migrations'))
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'))
  writeFileSync(
    path.join(dir, 'knexfile.cjs'),
    "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations' } }\n"
  )
  const write = i =>
    writeFileSync(
      path.join(dir, 'migrations', `${String(20240000000000 + i * 100)}_step_${i}.js`),
      migration(i)
    )
  // The history is on the base branch; the change adds the last CHANGE migrations (a pull request's worth).
  for (let i = 0; i < MIGRATIONS - CHANGE; i++) write(i)
  const git = (...a) =>
    run('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...a], { cwd: dir })
  return git('init', '-q')
    .then(() => git('add', '.'))
    .then(() => git('commit', '-qm', 'history'))
    .then(() => {
      for (let i = MIGRATIONS - CHANGE; i < MIGRATIONS; i++) write(i)
      return dir
    })
}

// The peer, in a child process like the gate: a fresh PGlite on loopback, then knex's own migrate run.
const PEER = `
import { spawn } from 'node:child_process'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { readFileSync } from 'node:fs'
const started = performance.now()
// --cluster: start from the same initialised cluster the gate ships (no initdb), to compare like with like.
const db = process.argv[2]
  ? await PGlite.create({ loadDataDir: new Blob([readFileSync(process.argv[2])]) })
  : await PGlite.create()
const ready = performance.now()
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 })
await server.start()
const url = 'postgres://postgres@' + server.getServerConn() + '/postgres'
const code = await new Promise(resolve => {
  const child = spawn('node_modules/.bin/knex', ['migrate:latest', '--knexfile', 'knexfile.cjs'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  child.on('close', resolve)
})
const migrated = performance.now()
await server.stop()
await db.close()
console.log(JSON.stringify({ startMs: ready - started, migrateMs: migrated - ready }))
process.exit(code)
`

async function timed(fn) {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const dir = await project()
writeFileSync(path.join(dir, 'peer.mjs'), PEER)
// peer.mjs resolves PGlite from the repository's node_modules (symlinked into the project).
const CLUSTER = path.join(REPO, 'src', 'gates', 'migrations', 'pglite-datadir.tar.gz')
const peerTimes = []
const peerParts = []
const warmTimes = []
const warmParts = []
const sameTimes = []
const sameParts = []
const gateTimes = []
let verdict
for (let i = 0; i < RUNS; i++) {
  peerTimes.push(
    await timed(async () => {
      const { stdout } = await run('node', ['peer.mjs'], { cwd: dir, env: ENV })
      peerParts.push(JSON.parse(stdout))
    })
  )
  warmTimes.push(
    await timed(async () => {
      const { stdout } = await run('node', ['peer.mjs', CLUSTER], { cwd: dir, env: ENV })
      warmParts.push(JSON.parse(stdout))
    })
  )
  // The gate's own PGlite set-up exactly: the shipped cluster, in a process run with --liftoff-only.
  sameTimes.push(
    await timed(async () => {
      const { stdout } = await run('node', ['--liftoff-only', 'peer.mjs', CLUSTER], { cwd: dir, env: ENV })
      sameParts.push(JSON.parse(stdout))
    })
  )
  gateTimes.push(
    await timed(async () => {
      try {
        await run('node', [CLI, 'migrations', '--base-ref', 'HEAD', '--json'], {
          cwd: dir,
          env: ENV,
          maxBuffer: 64 * 1024 * 1024
        })
      } catch (error) {
        // Exit code 1: the gate failed the migrations (it should: renames, type changes).
        if (error.code !== 1) throw error
        verdict = error.stdout
      }
    })
  )
}
const scope = /"scope"\s*:\s*"([^"]*)"/.exec(verdict ?? '')?.[1] ?? ''
const renames = (verdict?.match(/"rule"\s*:\s*"rename-column"/g) ?? []).length
// The change renames a column of t37 (created on the base: a finding) and of t38 and t39 (created in the change: none).
if (!scope.includes(`shadow: ${MIGRATIONS} migrations replayed`) || renames !== 1) {
  console.error(`the gate did not replay and lint every migration: ${scope} (${renames} renames)`)
  process.exit(1)
}
const peer = median(peerTimes)
const gate = median(gateTimes)
console.log(
  `shadow replay of ${MIGRATIONS} knex migrations on PGlite (${RUNS} runs, medians, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`
)
console.log(
  `  peer: PGlite + knex migrate:latest       ${(peer / 1000).toFixed(2)} s  (${peerTimes.map(t => (t / 1000).toFixed(2)).join(', ')})`
)
console.log(
  `  gate: dist/cli.js migrations (replay+lint) ${(gate / 1000).toFixed(2)} s  (${gateTimes.map(t => (t / 1000).toFixed(2)).join(', ')})`
)
console.log(
  `  peer parts: PGlite start-up ${(median(peerParts.map(p => p.startMs)) / 1000).toFixed(2)} s, knex migrate:latest ${(median(peerParts.map(p => p.migrateMs)) / 1000).toFixed(2)} s`
)
const warm = median(warmTimes)
console.log(
  `  peer, same initialised cluster as the gate  ${(warm / 1000).toFixed(2)} s  (${warmTimes.map(t => (t / 1000).toFixed(2)).join(', ')})`
)
console.log(
  `  its parts: PGlite start-up ${(median(warmParts.map(p => p.startMs)) / 1000).toFixed(2)} s, knex migrate:latest ${(median(warmParts.map(p => p.migrateMs)) / 1000).toFixed(2)} s`
)
console.log(`  ratio gate / peer with the same cluster: ${(gate / warm).toFixed(2)}x`)
const same = median(sameTimes)
console.log(
  `  peer, same cluster and --liftoff-only (the gate's PGlite set-up)  ${(same / 1000).toFixed(2)} s  (${sameTimes.map(t => (t / 1000).toFixed(2)).join(', ')})`
)
console.log(
  `  its parts: PGlite start-up ${(median(sameParts.map(p => p.startMs)) / 1000).toFixed(2)} s, knex migrate:latest ${(median(sameParts.map(p => p.migrateMs)) / 1000).toFixed(2)} s`
)
console.log(`  ratio gate / peer with the gate's PGlite set-up: ${(gate / same).toFixed(2)}x`)
console.log(`  ratio gate / peer: ${(gate / peer).toFixed(2)}x`)
console.log(`  gate scope: ${scope}`)
