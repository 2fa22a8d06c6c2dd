/**
 * The one way gates run git. User input (a base ref, a spec path, a migrations directory) reaches git as
 * arguments, and git reads any argument starting with `-` as an option: `base-spec: --output=../x:openapi.yaml`
 * once made `git show` write a file. Two guards, so no call site can forget:
 * - the runner refuses any argument before `--` / `--end-of-options` that starts with `-` unless it is one
 *   of the fixed option spellings the gates use (GIT_OPTIONS): user text can never become an option;
 * - `resolveCommit` validates a ref with `git rev-parse --verify --end-of-options <ref>^{commit}` and gives
 *   back the full hash, the only form later calls pass on.
 * Runs have a deadline and an output bound, never prompt for credentials, and never start a pager.
 */
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { InputError, UserError } from '../errors.js'
import { lsFilesFromIndex } from './git-index.js'
import { quoteForError } from './quote.js'

export type GitRunner = (args: string[]) => Promise<string>

/**
 * The options the gates pass (exact spellings). An option a gate needs is added here, in code review;
 * anything else that looks like an option is refused.
 */
export const GIT_OPTIONS: ReadonlySet<string> = new Set([
  '--',
  '--end-of-options',
  '--verify',
  '--quiet',
  '-q',
  '-e',
  '-p',
  '-t',
  '-z',
  '-U0',
  '--name-only',
  '--name-status',
  '--no-renames',
  '--relative',
  '--others',
  '--cached',
  '--exclude-standard',
  '--show-toplevel',
  '--is-inside-work-tree',
  '--abbrev-ref',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--diff-filter=A',
  '--diff-filter=AM',
  '--diff-filter=ACMR',
  '--diff-filter=D',
  '--diff-filter=M',
  '--format=%H',
  '--format=%cI',
  '--first-parent',
  '--pretty=format:%H'
])

export const GIT_TIMEOUT_MS = 60_000
export const GIT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024

/** Refuses an argument list in which text that is not a known option starts with `-`. */
export function checkGitArguments(args: string[]): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--' || arg === '--end-of-options') return
    if (i === 0 && !/^[a-z][a-z-]*$/.test(arg))
      throw new UserError(`git: ${quoteForError(arg, 40)} is not a git command`)
    if (arg.startsWith('-') && !GIT_OPTIONS.has(arg)) {
      throw new InputError(
        `${quoteForError(arg, 60)} starts with '-' and would be read by git as an option; a ref or path cannot start with '-'`
      )
    }
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
 * Runs git in `cwd`. child_process is loaded on the first call, and outside any repository git is not
 * started at all: it would only fail with the same message, after a spawn. One query is answered without git
 * when its answer is certain (`ls-files -z -- <paths>`, from the index).
 */
export function gitRunner(cwd: string, env: Record<string, string | undefined> = process.env): GitRunner {
  return async args => {
    checkGitArguments(args)
    if (!mayBeInGitRepository(cwd, env)) {
      throw new UserError(
        `git ${args[0]}: fatal: not a git repository (or any of the parent directories): .git`
      )
    }
    // `ls-files -z -- <paths>` (the env gate's "is this file committed?") is read from the index when the
    // reader can be sure of git's answer: no process to start (src/kernel/git-index.ts).
    if (args[0] === 'ls-files' && args[1] === '-z' && args[2] === '--') {
      const listed = lsFilesFromIndex(cwd, args.slice(3), env)
      if (listed !== undefined) return listed
    }
    const { execFile } = await import('node:child_process')
    const childEnv = { ...env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' }
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        {
          cwd,
          env: childEnv,
          maxBuffer: GIT_MAX_OUTPUT_BYTES,
          timeout: GIT_TIMEOUT_MS,
          killSignal: 'SIGKILL'
        },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout)
          const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown }
          const why =
            failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
              ? `output larger than ${GIT_MAX_OUTPUT_BYTES / 1048576} MB`
              : failure.killed
                ? `no answer within ${GIT_TIMEOUT_MS / 1000} s`
                : cut((stderr || error.message).trim(), 1000)
          reject(new UserError(`git ${cut(args.join(' '), 200)}: ${why}`))
        }
      )
    })
  }
}

/**
 * The full hash of the commit `ref` names, or an InputError naming `what` (e.g. "input 'base-ref'").
 * `--end-of-options` makes git read `ref` as a revision even if it starts with `-`.
 */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export async function resolveCommit(git: GitRunner, ref: string, what: string): Promise<string> {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (ref.trim() === '' || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw new InputError(`${what} is not a valid git ref (got ${quoteForError(ref, 60)})`)
  }
  try {
    const sha = (
      await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
    ).trim()
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new Error('no hash')
    return sha
  } catch {
    throw new InputError(
      `${what}: ${quoteForError(ref, 60)} is not a commit in this clone (fetch it: actions/checkout with fetch-depth: 0)`
    )
  }
}

/** The content of `file` (a repository path) at `commit` (a hash from resolveCommit), or undefined if absent. */
export async function readFileAtCommit(
  git: GitRunner,
  commit: string,
  file: string
): Promise<string | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(commit))
    throw new UserError(`git: '${commit.slice(0, 70)}' is not a commit hash`)
  const repositoryPath = file.replace(/^\.\//, '')
  try {
    await git(['cat-file', '-e', '--end-of-options', `${commit}:${repositoryPath}`])
  } catch {
    return undefined
  }
  return git(['cat-file', '-p', '--end-of-options', `${commit}:${repositoryPath}`])
}
