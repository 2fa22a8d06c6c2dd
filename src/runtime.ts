import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { withProcessCancellation } from './kernel/cancellation.js'
import { gitRunner } from './kernel/git.js'
import type { GateIO, GitHubContext, Logger } from './types.js'

/** The GitHub context from the runner's GITHUB_* variables (the CLI reads the same ones when present). */
export function githubContextFromEnv(env: Record<string, string | undefined>, token: string): GitHubContext {
  let event: Record<string, unknown> = {}
  const eventPath = env.GITHUB_EVENT_PATH
  if (eventPath) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'))
      // `null`, a number or an array is no event payload at all: the same as none.
      event =
        parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : {}
    } catch {
      // No readable event payload: behave as a non-PR run rather than fail the gate over metadata.
      event = {}
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
    github: githubContextFromEnv(process.env, token)
  }
}
