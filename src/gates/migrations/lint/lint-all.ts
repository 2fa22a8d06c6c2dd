import { availableParallelism, loadavg } from 'node:os'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { loadSqlParser, parseSqlFiles } from '../sql/parse.js'
import type { MigrationFile } from '../tools/types.js'
import { lintMigration, type FileLint } from './lint-file.js'

/**
 * Lints many migrations on every core when there are enough of them. Parsing dominates (libpg_query in
 * WebAssembly, then JSON.parse of its tree) and runs on one thread, so a big corpus is cut into chunks
 * that the main thread and worker threads take from one shared counter: nobody waits for a worker still
 * starting, and a slower thread simply takes fewer chunks. The result is the same as linting every file
 * in order on one thread; a worker that fails fails the gate.
 *
 * A worker costs 100–300 ms of CPU to start (Node's own modules, then the parser), so workers are started
 * early, while the main thread is still reading the files, and only for big migration directories.
 */

/** What a worker needs of a migration (cloned to it): the SQL, where it is, how the tool runs it. */
type LintInput = Pick<MigrationFile, 'file' | 'sql' | 'transaction' | 'text' | 'code'>

interface LintJob {
  migrations: LintInput[]
  lockTimeoutRules: boolean
  /** Int32Array over a SharedArrayBuffer: [0] is the next chunk to take. */
  counter: SharedArrayBuffer
}

/** A worker posts each chunk as it finishes it, or the error that stopped it. */
type WorkerMessage = { chunk: number; lints: FileLint[] } | { error: string }

const WORKER_TAG = 'deploy-gates-migrations-lint'
/** Files per chunk: small enough to balance the threads, big enough for the batched parse to pay. */
const CHUNK_FILES = 100
/** Directory entries from which workers are started before the files are read. */
const EARLY_START_ENTRIES = 500
/** SQL below which one thread finishes before a worker would help (parsing runs at ~1 KB/ms). */
const PARALLEL_MIN_SQL_CHARS = 128 * 1024
const MAX_WORKERS = 3

/** Worker threads started for one gate run, and what they reported. */
export class LintWorkers {
  readonly workers: Worker[]
  running: number
  failure: Error | undefined
  onChange = (): void => {}

  constructor(count: number) {
    this.running = count
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { tag: WORKER_TAG } })
      // An idle worker never keeps the process alive (e.g. the gate failed before linting); ref'd when given work.
      worker.unref()
      // Listened to from the start: a worker failing before it is given work must not crash the process.
      worker.once('error', error => {
        this.failure ??= error
        this.onChange()
      })
      worker.once('exit', () => {
        this.running--
        this.onChange()
      })
      return worker
    })
  }

  stop(): void {
    for (const worker of this.workers) void worker.terminate()
  }
}

/**
 * How many workers to start: one per idle core (cores minus the 1-minute load average, the main thread
 * needing one), at most MAX_WORKERS. On a busy machine a worker only competes with the main thread for
 * the same core (measured: ~10% slower), so none. DEPLOY_GATES_LINT_THREADS=<n> sets the thread count.
 */
function workerCount(env: Record<string, string | undefined>): number {
  const threads = Number.parseInt(env.DEPLOY_GATES_LINT_THREADS ?? '', 10)
  if (threads >= 1) return Math.min(MAX_WORKERS, threads - 1)
  const idle = availableParallelism() - loadavg()[0]!
  return Math.max(0, Math.min(MAX_WORKERS, Math.floor(idle) - 1))
}

/**
 * Starts lint workers when `entries` (the migration directory's size) says the corpus is big, cores are
 * idle, and the gate runs from the bundle (dist/), where this module is a .js file a Worker can load.
 */
export function startLintWorkers(
  entries: number,
  env: Record<string, string | undefined>
): LintWorkers | undefined {
  if (entries < EARLY_START_ENTRIES || !import.meta.url.endsWith('.js')) return undefined
  const count = workerCount(env)
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

/** Takes chunks from the shared counter until none are left, handing each result to `done`. */
function takeChunks(job: LintJob, done: (chunk: number, lints: FileLint[]) => void): void {
  const counter = new Int32Array(job.counter)
  const chunks = Math.ceil(job.migrations.length / CHUNK_FILES)
  for (let chunk = Atomics.add(counter, 0, 1); chunk < chunks; chunk = Atomics.add(counter, 0, 1))
    done(chunk, lintChunk(job.migrations, chunk, job.lockTimeoutRules))
}

/**
 * Lints the migrations, results in their order; with `workers` (from startLintWorkers), in parallel when
 * there is enough SQL. `threads`: how many threads took part (1 = the main thread alone).
 */
export async function lintMigrations(
  migrations: MigrationFile[],
  lockTimeoutRules: boolean,
  workers?: LintWorkers
): Promise<{ lints: FileLint[]; threads: number }> {
  await loadSqlParser()
  let chars = 0
  for (const migration of migrations) chars += migration.sql?.length ?? 0
  const parallel = chars >= PARALLEL_MIN_SQL_CHARS ? workers : undefined
  if (!parallel) workers?.stop()

  const job: LintJob = {
    migrations: migrations.map(({ file, sql, transaction, text, code }) =>
      code ? { file, sql, transaction, text, code } : { file, sql, transaction, text: '' }
    ),
    lockTimeoutRules,
    counter: new SharedArrayBuffer(4)
  }
  const chunks = Math.ceil(job.migrations.length / CHUNK_FILES)
  const results = new Array<FileLint[]>(chunks)
  let received = 0
  const helped = new Set<Worker>()
  for (const worker of parallel?.workers ?? []) {
    worker.on('message', (message: WorkerMessage) => {
      if ('error' in message) parallel!.failure ??= new Error(`SQL lint worker failed: ${message.error}`)
      else {
        results[message.chunk] = message.lints
        received++
        helped.add(worker)
      }
      parallel!.onChange()
    })
    worker.ref()
    worker.postMessage(job)
  }
  try {
    // The main thread takes chunks too, from the first one, whether or not the workers are ready.
    takeChunks(job, (chunk, lints) => {
      results[chunk] = lints
      received++
    })
    while (received < chunks) {
      if (parallel?.failure) throw parallel.failure
      if (!parallel?.running) throw new Error('SQL lint workers exited without linting every migration')
      await new Promise<void>(resolve => (parallel.onChange = resolve))
    }
  } finally {
    parallel?.stop()
  }
  return { lints: results.flat(), threads: 1 + helped.size }
}

/** A worker: loads the parser while the main thread reads the files, then takes chunks of the job. */
async function serveWorker(): Promise<void> {
  const port = parentPort!
  const loaded = loadSqlParser()
  port.once('message', async (job: LintJob) => {
    try {
      await loaded
      takeChunks(job, (chunk, lints) => port.postMessage({ chunk, lints } satisfies WorkerMessage))
    } catch (error) {
      port.postMessage({
        error: error instanceof Error ? error.message : String(error)
      } satisfies WorkerMessage)
    }
    port.close()
  })
  await loaded.catch(() => undefined) // reported when the job arrives
}

if (!isMainThread && (workerData as { tag?: string } | undefined)?.tag === WORKER_TAG) void serveWorker()
