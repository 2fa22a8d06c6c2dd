import { fork, type ChildProcess } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { loadSqlParser, parseSqlFiles } from '../sql/parse.js'
import type { MigrationFile } from '../tools/types.js'
import { changeWithoutRewrite } from './rules/change-column-type.js'
import type { ColumnType } from './context.js'
import { lintMigration, type FileLint } from './lint-file.js'

/**
 * Lints many migrations. A big corpus is parsed in child processes started with V8's baseline WebAssembly
 * compiler only (`--liftoff-only`): in a process with the default tiering, libpg_query's grammar (one ~100 KB
 * function) is recompiled by TurboFan as soon as it is hot, which costs ~600 MB and ~0.6 s each time (measured:
 * 5,000 statements in one file peaked at 638 MB; 50,000 files at 833 MB). That flag can only be given when a
 * process starts, so the gate's own process never gets it: the children do. They take chunks of the corpus from
 * the parent one at a time (a slower child simply takes fewer), and the result is the same as linting every file
 * in order in one process. A child that fails fails the gate.
 *
 * A child costs ~50 ms to start, so children are started early (while the parent still reads the files) for big
 * migration directories, and on demand when the SQL turns out big.
 */

/** What a child needs of a migration: the SQL (or the code reading), where it is, how the tool runs it. */
type LintInput = Pick<MigrationFile, 'file' | 'sql' | 'transaction' | 'text' | 'code'>

interface LintJob {
  migrations: LintInput[]
  lockTimeoutRules: boolean
}

type ToChild = { job: LintJob } | { chunk: number } | { stop: true }
type FromChild = { chunk: number; lints: FileLint[] } | { error: string }

const CHILD_ENV = 'DEPLOY_GATES_LINT_CHILD'
/** Files per chunk: small enough to balance the children, big enough for the batched parse to pay. */
const CHUNK_FILES = 100
/** Directory entries from which children are started before the files are read. */
const EARLY_START_ENTRIES = 500
/** SQL from which the parse moves to children (below it, TurboFan's recompilation does not happen). */
const CHILD_MIN_SQL_CHARS = 64 * 1024
const MAX_CHILDREN = 3
/** V8 flags of a child: the baseline WebAssembly compiler only, and the parent's heap limit if it set one. */
const CHILD_FLAGS = ['--liftoff-only']

/** Child processes started for one gate run, and what they reported. */
export class LintWorkers {
  readonly children: ChildProcess[]
  running: number
  failure: Error | undefined
  onChange = (): void => {}

  constructor(count: number) {
    this.running = count
    const entry = fileURLToPath(import.meta.url)
    this.children = Array.from({ length: count }, () => {
      const child = fork(entry, [], {
        execArgv: [...CHILD_FLAGS, ...process.execArgv.filter(arg => arg.startsWith('--max-old-space-size'))],
        env: { ...process.env, [CHILD_ENV]: '1' },
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'inherit', 'ipc']
      })
      // An idle child never keeps the gate alive (e.g. the gate failed before linting); ref'd when given work.
      child.unref()
      child.channel?.unref()
      child.once('error', error => {
        this.failure ??= error
        this.onChange()
      })
      child.once('exit', code => {
        this.running--
        if (code) this.failure ??= new Error(`SQL lint process exited with code ${code}`)
        this.onChange()
      })
      return child
    })
  }

  stop(): void {
    for (const child of this.children) if (child.connected) child.kill()
  }
}

/**
 * How many children to start: one per idle core (cores minus the 1-minute load average), at least one (a big
 * parse must not run in this process) and at most MAX_CHILDREN. DEPLOY_GATES_LINT_THREADS=<n> sets the count
 * (1 = lint in this process, with no child).
 */
function childCount(env: Record<string, string | undefined>): number {
  const threads = Number.parseInt(env.DEPLOY_GATES_LINT_THREADS ?? '', 10)
  if (threads === 1) return 0
  if (threads >= 2) return Math.min(MAX_CHILDREN, threads)
  // The parent only reads files and waits while the children parse: every idle core can take a child.
  const idle = availableParallelism() - loadavg()[0]!
  return Math.max(1, Math.min(MAX_CHILDREN, Math.floor(idle)))
}

/** Children can run only from the bundle (dist/), where this module is a .js file Node can start. */
function canFork(): boolean {
  return import.meta.url.endsWith('.js') && import.meta.url.startsWith('file:')
}

/** Starts lint children early when `entries` (the migration directory's size) says the corpus is big. */
export function startLintWorkers(
  entries: number,
  env: Record<string, string | undefined>
): LintWorkers | undefined {
  if (entries < EARLY_START_ENTRIES || !canFork()) return undefined
  const count = childCount(env)
  return count >= 1 ? new LintWorkers(count) : undefined
}

function lintChunk(migrations: LintInput[], chunk: number, lockTimeoutRules: boolean): FileLint[] {
  const slice = migrations.slice(chunk * CHUNK_FILES, (chunk + 1) * CHUNK_FILES)
  const withSql = slice.filter(migration => migration.sql !== undefined && !migration.code)
  const parsed = parseSqlFiles(withSql.map(migration => migration.sql!))
  const byMigration = new Map(withSql.map((migration, index) => [migration, parsed[index]]))
  return slice.map(migration =>
    lintMigration(migration as MigrationFile, lockTimeoutRules, byMigration.get(migration))
  )
}

/**
 * Lints the migrations, results in their order; in child processes (started early by startLintWorkers, or
 * here) when there is enough SQL. `threads`: how many processes linted (1 = this one alone).
 */
export async function lintMigrations(
  migrations: MigrationFile[],
  lockTimeoutRules: boolean,
  workers?: LintWorkers
): Promise<{ lints: FileLint[]; threads: number }> {
  let chars = 0
  for (const migration of migrations) chars += migration.sql?.length ?? 0
  for (const migration of migrations)
    for (const piece of migration.code?.pieces ?? []) chars += piece.sql.length
  const job: LintJob = {
    migrations: migrations.map(({ file, sql, transaction, text, code }) =>
      code ? { file, sql, transaction, text, code } : { file, sql, transaction, text: '' }
    ),
    lockTimeoutRules
  }
  const chunks = Math.ceil(job.migrations.length / CHUNK_FILES)
  let children = workers
  if (chars < CHILD_MIN_SQL_CHARS || chunks === 0) {
    children?.stop()
    children = undefined
  } else if (!children && canFork() && childCount(process.env) >= 1) {
    children = new LintWorkers(childCount(process.env))
  }
  if (!children) {
    await loadSqlParser()
    const lints: FileLint[] = []
    for (let chunk = 0; chunk < chunks; chunk++)
      lints.push(...lintChunk(job.migrations, chunk, lockTimeoutRules))
    return { lints: resolvePriorTypes(lints), threads: 1 }
  }

  const results = new Array<FileLint[]>(chunks)
  let next = 0
  let received = 0
  const helped = new Set<ChildProcess>()
  const give = (child: ChildProcess): void => {
    child.send((next < chunks ? { chunk: next++ } : { stop: true }) satisfies ToChild)
  }
  for (const child of children.children) {
    child.on('message', (message: FromChild) => {
      if ('error' in message) children.failure ??= new Error(`SQL lint process failed: ${message.error}`)
      else {
        results[message.chunk] = message.lints
        received++
        helped.add(child)
        give(child)
      }
      children.onChange()
    })
    child.ref()
    child.channel?.ref()
    child.send({ job } satisfies ToChild)
    give(child)
  }
  try {
    while (received < chunks) {
      if (children.failure) throw children.failure
      if (!children.running) throw new Error('SQL lint processes exited without linting every migration')
      await new Promise<void>(resolve => (children.onChange = resolve))
    }
  } finally {
    children.stop()
  }
  return { lints: resolvePriorTypes(results.flat()), threads: helped.size }
}

/**
 * A type change is flagged when its file does not show the old type; an earlier migration may (`varchar(50)`
 * created in migration 3, widened to `varchar(100)` or made `text` in migration 9: no rewrite, as
 * strong_migrations knows). Walks the files in the tool's order with the column types declared so far, and
 * drops the findings of changes that need no rewrite. Linear in the number of declarations.
 */
export function resolvePriorTypes(lints: FileLint[]): FileLint[] {
  const types = new Map<string, ColumnType>()
  for (const lint of lints) {
    const drop = new Set<number>()
    const dropFindings = new Set<number>()
    for (const change of lint.typeChanges ?? []) {
      const from = types.get(`${change.table}\0${change.column}`)
      if (!from || !changeWithoutRewrite(from, change.to)) continue
      drop.add(change.violation)
      if (change.finding !== undefined) dropFindings.add(change.finding)
    }
    if (drop.size) {
      lint.violations = lint.violations.filter((_, index) => !drop.has(index))
      lint.findings = lint.findings.filter((_, index) => !dropFindings.has(index))
    }
    for (const { table, column, type } of lint.columnTypes ?? []) types.set(`${table}\0${column}`, type)
  }
  return lints
}

/** A child: loads the parser while the parent reads the files, then lints the chunks it is given. */
function serveChild(): void {
  const loaded = loadSqlParser()
  let job: LintJob | undefined
  process.on('message', (message: ToChild) => {
    void (async () => {
      try {
        if ('stop' in message) process.exit(0)
        if ('job' in message) {
          job = message.job
          return
        }
        await loaded
        process.send!({
          chunk: message.chunk,
          lints: lintChunk(job!.migrations, message.chunk, job!.lockTimeoutRules)
        } satisfies FromChild)
      } catch (error) {
        process.send!({ error: error instanceof Error ? error.message : String(error) } satisfies FromChild)
        process.exit(1)
      }
    })()
  })
  process.on('disconnect', () => process.exit(0))
}

if (process.env[CHILD_ENV] === '1' && process.send) serveChild()
