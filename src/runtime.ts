import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import * as core from '@actions/core'
import type { GateIO, GitHubContext, Logger } from './types.js'

/** The GitHub context from the runner's GITHUB_* variables (the CLI reads the same ones when present). */
export function githubContextFromEnv(env: Record<string, string | undefined>, token: string): GitHubContext {
  let event: Record<string, unknown> = {}
  const eventPath = env.GITHUB_EVENT_PATH
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>
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

/** Whether `cwd` or a directory above it holds `.git` (or GIT_DIR names a repository): git could answer there. */
function mayBeInGitRepository(cwd: string, env: Record<string, string | undefined>): boolean {
  if (env.GIT_DIR) return true
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true
    if (path.dirname(dir) === dir) return false
  }
}

/**
 * Runs git in `cwd`. child_process (with net and streams) is loaded on the first call, and outside any
 * repository git is not started at all: it would only fail with the same message, after a spawn.
 */
export function gitRunner(
  cwd: string,
  env: Record<string, string | undefined> = process.env
): (args: string[]) => Promise<string> {
  return async args => {
    if (!mayBeInGitRepository(cwd, env)) {
      throw new Error(
        `git ${args.join(' ')}: fatal: not a git repository (or any of the parent directories): .git`
      )
    }
    const { execFile } = await import('node:child_process')
    return new Promise((resolve, reject) => {
      execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(' ')}: ${(stderr || error.message).trim()}`))
        else resolve(stdout)
      })
    })
  }
}

export const actionLogger: Logger = { info: core.info, warning: core.warning, debug: core.debug }

export function createRuntimeIO(cwd: string, token: string, log: Logger): GateIO {
  return {
    cwd,
    env: process.env,
    fetch: globalThis.fetch,
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    log,
    git: gitRunner(cwd),
    github: githubContextFromEnv(process.env, token)
  }
}
