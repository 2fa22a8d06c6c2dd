/**
 * Runs a user's bash command (the rollout gate's traffic and abort commands) through @actions/exec, in the
 * working directory, with extra variables in its environment. A command can be stopped (a deadline, a cancelled
 * job): a small bash wrapper starts it as a background job, which under `set -m` gets a process group of its
 * own, and writes that group's id to a file, so the whole group (the command and anything it started) can be
 * signalled. Gates reach it through `GateIO.runCommand` (wired in src/runtime.ts).
 */
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { exec } from '@actions/exec'
import type { Logger } from '../types.js'

export interface CommandRun {
  /** The exit code; undefined when the command could not be started at all. */
  exitCode?: number
  /** Why it did not complete: stopped by the deadline or a cancellation, or could not start. */
  stopped?: string
  startError?: string
  durationMs: number
  /** The last lines it wrote (stderr and stdout), for the failure message. */
  tail: string[]
}

export interface CommandRequest {
  /** Which input it comes from, for the log lines: `traffic-command`, `abort-command`. */
  label: string
  command: string
  cwd: string
  env: Record<string, string | undefined>
  /** Extra variables (ROLLOUT_WEIGHT, ROLLOUT_STEP). */
  variables: Record<string, string>
  log: Logger
  /** Stops the command when it fires (its reason is the `stopped` text). */
  signal?: AbortSignal
  /** Stops the command after this long. */
  timeoutMs?: number
}

const WRAPPER = [
  'set -m',
  'bash -c "$DEPLOY_GATES_COMMAND" &',
  'job=$!',
  // Job control off again: the job keeps its group, and bash prints no "[1]+ Exit 3" line when it ends.
  'set +m',
  'printf %s "$job" > "$DEPLOY_GATES_PID_FILE"',
  'wait "$job"'
].join('\n')
/** How long a stopped command gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2_000
/**
 * What the runner gives an action but not a `run:` step: the action's inputs (the job token among them) and the
 * runtime token for the cache and artifact services. The command gets the environment a `run:` step would.
 */
const ACTION_ONLY = /^(INPUT_|ACTIONS_RUNTIME_TOKEN$)/
const TAIL_LINES = 8
const MAX_LINE = 300

export async function runCommand(request: CommandRequest): Promise<CommandRun> {
  const started = Date.now()
  const pidFile = path.join(request.env.RUNNER_TEMP || tmpdir(), `deploy-gates-rollout-${randomUUID()}.pid`)
  const tail: string[] = []
  const keep = (line: string) => {
    request.log.info(`[${request.label}] ${line}`)
    tail.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line)
    if (tail.length > TAIL_LINES) tail.shift()
  }
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.env)) {
    // The action's own inputs (the job token among them) are no business of the user's command.
    if (value !== undefined && !ACTION_ONLY.test(name)) env[name] = value
  }
  Object.assign(env, request.variables, {
    DEPLOY_GATES_COMMAND: request.command,
    DEPLOY_GATES_PID_FILE: pidFile
  })

  let stopped: string | undefined
  const stop = (reason: string) => {
    if (stopped) return
    stopped = reason
    void killGroup(pidFile)
  }
  const onAbort = () => stop(String(request.signal?.reason ?? 'stopped'))
  if (request.signal?.aborted) return { stopped: String(request.signal.reason), durationMs: 0, tail }
  request.signal?.addEventListener('abort', onAbort, { once: true })
  const timer =
    request.timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop(`it did not finish within ${request.timeoutMs} ms`), request.timeoutMs)
  request.log.info(
    `[${request.label}] ${Object.entries(request.variables)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`
  )
  try {
    const exitCode = await exec('bash', ['-c', WRAPPER], {
      cwd: request.cwd,
      env,
      silent: true,
      ignoreReturnCode: true,
      input: Buffer.alloc(0),
      delay: KILL_GRACE_MS,
      listeners: { stdline: keep, errline: keep }
    })
    return { exitCode, ...(stopped ? { stopped } : {}), durationMs: Date.now() - started, tail }
  } catch (error) {
    return { startError: (error as Error).message, durationMs: Date.now() - started, tail }
  } finally {
    clearTimeout(timer)
    request.signal?.removeEventListener('abort', onAbort)
    await rm(pidFile, { force: true })
  }
}

/** SIGTERM to the command's process group, then SIGKILL to whatever is left of it. */
async function killGroup(pidFile: string): Promise<void> {
  let pid: number | undefined
  // The wrapper writes the file right after starting the job; a stop that comes first waits for it briefly.
  for (let attempt = 0; attempt < 50 && pid === undefined; attempt++) {
    const text = await readFile(pidFile, 'utf8').catch(() => '')
    if (/^\d+$/.test(text)) pid = Number(text)
    else await new Promise(resolve => setTimeout(resolve, 20))
  }
  if (pid === undefined) return
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name)
      return true
    } catch {
      return false
    }
  }
  if (!signal('SIGTERM')) return
  await new Promise(resolve => setTimeout(resolve, KILL_GRACE_MS).unref())
  signal('SIGKILL')
}
