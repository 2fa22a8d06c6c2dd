import { readFileSync, statSync } from 'node:fs'
import * as core from '@actions/core'
import { withProcessCancellation } from './kernel/cancellation.js'
import { gitRunner } from './kernel/git.js'
import type { GateIO, GitHubContext, Logger } from './types.js'

/** GitHub caps webhook payloads at 25 MB; a bigger event file is not read (bounded memory). */
const MAX_EVENT_BYTES = 25 * 1024 * 1024

/** The GitHub context from the runner's GITHUB_* variables (the CLI reads the same ones when present). */
export function githubContextFromEnv(
  env: Record<string, string | undefined>,
  token: string,
  log?: Pick<Logger, 'warning'>
): GitHubContext {
  let event: Record<string, unknown> = {}
  const eventPath = env.GITHUB_EVENT_PATH
  if (eventPath) {
    try {
      if (statSync(eventPath).size > MAX_EVENT_BYTES) throw new RangeError('larger than 25 MB')
      const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'))
      // `null`, a number or an array is no event payload at all: the same as none.
      event =
        parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : {}
    } catch (error) {
      // No readable event payload: behave as a non-PR run rather than fail the gate over metadata (a gate that
      // needs the event, like the contract gate's PR base, fails closed on its own), and say so in one line.
      event = {}
      const reason =
        error instanceof SyntaxError
          ? 'not valid JSON'
          : error instanceof RangeError
            ? error.message
            : ((error as NodeJS.ErrnoException).code ?? 'unreadable')
      log?.warning(
        `GITHUB_EVENT_PATH (${eventPath}) could not be read (${reason}): running without an event payload`
      )
    }
  }
  return {
    token,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? ''
  }
}

/** Runs git in `cwd`: the kernel's runner, which never lets user input become a git option. */
export { gitRunner } from './kernel/git.js'

export const actionLogger: Logger = { info: core.info, warning: core.warning, debug: core.debug }

export function createRuntimeIO(cwd: string, token: string, log: Logger): GateIO {
  return {
    cwd,
    env: process.env,
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    log,
    git: gitRunner(cwd),
    // Loaded on first use: @actions/exec and child_process stay out of every other gate's start-up.
    runCommand: async request => (await import('./kernel/commands.js')).runCommand(request),
    cancellable: withProcessCancellation,
    github: githubContextFromEnv(process.env, token, log)
  }
}
