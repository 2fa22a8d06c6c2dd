import { UserError } from '../../errors.js'
import type { GateIO } from '../../types.js'

export interface ChangedFiles {
  base: string
  /** Paths relative to the repository root's working directory (git's view). */
  added: Set<string>
  modified: Set<string>
  deleted: Set<string>
}

export interface ResolvedBase {
  /** The ref the comparison is against (the input, or the default branch it fell back to). */
  base: string
  mergeBase: string
  /** Set when `base` was not in the clone: the ref that could not be found. */
  unreachable?: string
}

async function mergeBaseOf(io: GateIO, ref: string): Promise<string | undefined> {
  try {
    // Refs reach git only after config validation (no leading '-'); --end-of-options makes that certain.
    return (await io.git(['merge-base', '--end-of-options', ref, 'HEAD'])).trim() || undefined
  } catch {
    return undefined
  }
}

/**
 * The merge base of `base` and HEAD. A base missing from the clone (a force-push rewrote it, or a shallow
 * fetch) falls back to the merge base with the default branch, and says so; with no default branch either,
 * the gate stops rather than lint the wrong set of files.
 */
export async function resolveBase(io: GateIO, base: string): Promise<ResolvedBase> {
  const mergeBase = await mergeBaseOf(io, base)
  if (mergeBase) return { base, mergeBase }
  const repository = io.github.event.repository as { default_branch?: string } | undefined
  const branches = [repository?.default_branch, 'main', 'master'].filter(
    (b): b is string => typeof b === 'string' && /^[\w./-]+$/.test(b) && !b.startsWith('-')
  )
  for (const candidate of [...new Set(branches)].flatMap(b => [`origin/${b}`, b])) {
    const fallback = await mergeBaseOf(io, candidate)
    if (fallback) return { base: candidate, mergeBase: fallback, unreachable: base }
  }
  throw new UserError(
    `base-ref '${base}' is not in this clone and no default branch is either: fetch it (actions/checkout with fetch-depth: 0) or set base-ref to a ref that exists`
  )
}

/**
 * Files changed between `mergeBase` and HEAD, plus uncommitted and untracked files (so the CLI sees work in
 * progress), limited to `directory`. Paths are relative to the working directory.
 */
export async function changedFiles(
  io: GateIO,
  { base, mergeBase }: ResolvedBase,
  directory: string
): Promise<ChangedFiles> {
  const result: ChangedFiles = { base, added: new Set(), modified: new Set(), deleted: new Set() }
  // --relative: paths relative to (and limited to) the working directory, like the gate's own paths.
  // --no-color / --no-ext-diff: machine-read output whatever the user's git config (color.diff=always, diff.external).
  const diff = await io.git([
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--name-status',
    '--no-renames',
    '--relative',
    mergeBase,
    '--',
    directory
  ])
  for (const line of diff.split('\n')) {
    const [status, file] = line.split('\t')
    if (!status || !file) continue
    if (status.startsWith('A')) result.added.add(file)
    else if (status.startsWith('D')) result.deleted.add(file)
    else result.modified.add(file)
  }
  const untracked = await io.git(['ls-files', '--others', '--exclude-standard', '--', directory])
  for (const file of untracked.split('\n')) if (file) result.added.add(file)
  return result
}

/** The base to lint against: the input, else the pull request's base commit, else none (lint everything). */
export function defaultBaseRef(io: GateIO): string {
  const pullRequest = io.github.event.pull_request as { base?: { sha?: string } } | undefined
  if (io.github.eventName.startsWith('pull_request') && pullRequest?.base?.sha) return pullRequest.base.sha
  return ''
}
