import { spawn } from 'node:child_process'

export interface CommandResult {
  exitCode: number | null
  /** Killed by the gate's timeout. */
  timedOut: boolean
  /** The last part of stdout and stderr together (the tool's error is at the end). */
  output: string
  /** The executable could not be started (not found, not executable). */
  spawnError?: string
  durationMs: number
}

const OUTPUT_TAIL_BYTES = 16 * 1024

/**
 * Runs the migrate command as argv, never through a shell (the command is the user's own, like a `run:` step,
 * but no word of it is interpreted), in its own process group so a timeout ends the tool and every child it
 * started (npx → node, bin/rails → spring). Output is kept to its last 16 KB.
 */
export function runCommand(
  argv: string[],
  { cwd, env, timeoutMs }: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number }
): Promise<CommandResult> {
  const started = Date.now()
  return new Promise(resolve => {
    let output = ''
    const keep = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      if (output.length > 2 * OUTPUT_TAIL_BYTES) output = output.slice(-OUTPUT_TAIL_BYTES)
    }
    let timedOut = false
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        cwd,
        env: env as NodeJS.ProcessEnv,
        shell: false,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    } catch (error) {
      resolve({
        exitCode: null,
        timedOut: false,
        output: '',
        spawnError: (error as Error).message,
        durationMs: 0
      })
      return
    }
    const killGroup = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, timeoutMs)
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    let spawnError: string | undefined
    child.on('error', error => {
      spawnError = error.message
    })
    child.on('close', code => {
      clearTimeout(timer)
      // Children the tool left running (a server it started) must not outlive the replay.
      killGroup()
      resolve({
        exitCode: code,
        timedOut,
        output: output.slice(-OUTPUT_TAIL_BYTES),
        ...(spawnError && { spawnError }),
        durationMs: Date.now() - started
      })
    })
  })
}

/**
 * The environment the tool runs with: the runner's, minus the gate's own inputs (INPUT_*, which hold the real
 * database-url) and minus any variable that names the real database, plus the shadow in the variables tools
 * read: DATABASE_URL and libpq's PG* (psycopg2, the pg gem and node-postgres all honour them).
 */
export function shadowEnv(
  base: Record<string, string | undefined>,
  shadowUrl: string,
  productionUrl: string
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {}
  let production: URL | undefined
  try {
    production = productionUrl ? new URL(productionUrl) : undefined
  } catch {
    production = undefined
  }
  const productionMarkers = production
    ? [productionUrl, production.password && decodeURIComponent(production.password)].filter(Boolean)
    : []
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || key.startsWith('INPUT_')) continue
    if (productionMarkers.some(marker => value.includes(marker as string))) continue
    env[key] = value
  }
  const url = new URL(shadowUrl)
  Object.assign(env, {
    DATABASE_URL: shadowUrl,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1) || 'postgres'),
    PGSSLMODE: 'disable'
  })
  if (!url.password) delete env.PGPASSWORD
  return env
}
