import { UserError } from '../../errors.js'
import type { GateIO } from '../../types.js'

export interface ChangedFiles {
  base: string
  /** Paths relative to the repository root's working directory (git's view). */
  added: Set<string>
  modified: Set<string>
  deleted: Set<string>
}

/**
 * Files changed between the merge base of `base` and HEAD, plus uncommitted and untracked files (so the
 * CLI sees work in progress), limited to `directory`. Paths are relative to the working directory.
 */
export async function changedFiles(io: GateIO, base: string, directory: string): Promise<ChangedFiles> {
  let mergeBase: string
  try {
    mergeBase = (await io.git(['merge-base', base, 'HEAD'])).trim()
  } catch {
    throw new UserError(
      `base-ref '${base}' is not in this clone: fetch it (actions/checkout with fetch-depth: 0) or set base-ref to a ref that exists`
    )
  }
  const result: ChangedFiles = { base, added: new Set(), modified: new Set(), deleted: new Set() }
  // --relative: paths relative to (and limited to) the working directory, like the gate's own paths.
  const diff = await io.git([
    'diff',
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
