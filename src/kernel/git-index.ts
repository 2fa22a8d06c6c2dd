/**
 * `git ls-files -z -- <paths>` answered from the repository's index file, without starting git. Starting git
 * from Node costs ~6–7 ms of CPU (child_process, the fork, git's own start-up): as much as the env gate's
 * whole check of 600 variables once it is warm, and the env gate asks it on every run in a work tree
 * (bench/env.mjs, "in a git work tree"). The index format is git's documented one (Documentation/gitformat-index):
 * a header, the entries sorted by path, extensions, a hash.
 *
 * It answers only when its answer is certainly git's; anything unusual returns undefined and the caller runs
 * git: a worktree or submodule (`.git` is a file), a repository git would find another way (GIT_DIR and the
 * other variables below), configuration that changes what a path means or where the index is (extensions
 * such as SHA-256 object names, includes, core.worktree, core.ignorecase, core.precomposeunicode, a bare
 * repository), a git directory outside the workspace (its files are read as every input is), a split or
 * sparse index, an unmerged entry, an index over MAX_INDEX_BYTES or not exactly as
 * the format says, and pathspecs with wildcard or magic characters. The index's trailing hash is not
 * verified: that would need node:crypto, which costs as much as the spawn saved; a torn index fails the
 * structural checks instead.
 */
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { readConfinedBytes } from './files.js'

/** Larger indexes (over ~80,000 files) are left to git: reading them costs more than starting it. */
export const MAX_INDEX_BYTES = 8 * 1024 * 1024
const MAX_CONFIG_BYTES = 256 * 1024
const SHA1_BYTES = 20

/** Variables with which git finds the repository, the index or the config elsewhere, or reads pathspecs differently. */
const GIT_LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_ICASE_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_LITERAL_PATHSPECS'
]

/** Repository configuration after which paths or the index may not mean what this reader assumes. */
const UNSUPPORTED_CONFIG =
  /^\s*\[\s*(?:extensions|include|includeif)\b|^\s*(?:worktree|ignorecase\s*=\s*true|precomposeunicode\s*=\s*true|bare\s*=\s*true)\b/im

/**
 * The stdout `git ls-files -z -- ...pathspecs` gives in `cwd` (paths relative to cwd, each ending in NUL, in
 * index order), or undefined when this reader cannot be sure of it.
 */
export function lsFilesFromIndex(
  cwd: string,
  pathspecs: string[],
  env: Record<string, string | undefined>
): string | undefined {
  if (GIT_LOCATION_VARIABLES.some(name => env[name] !== undefined)) return undefined
  // Literal paths only: wildcards (`*?[`), escapes and `:(magic)` have pathspec meanings of their own.
  if (
    pathspecs.some(spec => spec === '' || /[*?[\\]/.test(spec) || spec.startsWith(':') || spec.includes('\0'))
  )
    return undefined
  const repository = findRepository(cwd)
  if (!repository || !supportedConfig(repository)) return undefined
  const entries = readIndexPaths(repository)
  if (!entries) return undefined

  // Git reads pathspecs relative to cwd in the work tree; one outside the work tree is an error there.
  const prefix = toPosix(path.relative(repository.root, repository.cwd))
  const specs: { path: string; directoryOnly: boolean }[] = []
  for (const spec of pathspecs) {
    const inRepository = toPosix(path.relative(repository.root, path.resolve(repository.cwd, spec)))
    if (inRepository === '..' || inRepository.startsWith('../') || path.isAbsolute(inRepository))
      return undefined
    // `dir/` names a directory only; `dir` names a file or a directory.
    specs.push({ path: inRepository, directoryOnly: /[/\\]$/.test(spec) })
  }
  const matches = (entry: string) =>
    specs.some(
      spec =>
        spec.path === '' || entry.startsWith(`${spec.path}/`) || (!spec.directoryOnly && entry === spec.path)
    )
  let stdout = ''
  for (const entry of entries) {
    if (matches(entry)) stdout += `${path.posix.relative(prefix, entry)}\0`
  }
  return stdout
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/')
}

interface Repository {
  /** The work tree's root (symbolic links resolved), where `.git` is. */
  root: string
  gitDir: string
  /** The real cwd. */
  cwd: string
}

/** The repository git would find from `cwd`; undefined when git would look elsewhere. */
function findRepository(cwd: string): Repository | undefined {
  let real: string
  try {
    real = realpathSync(cwd)
  } catch {
    return undefined
  }
  const device = statSync(real).dev
  for (let dir = real; ; dir = path.dirname(dir)) {
    let dotGit
    try {
      dotGit = lstatSync(path.join(dir, '.git'))
    } catch {
      dotGit = undefined
    }
    if (dotGit) {
      // A file: a worktree or submodule pointing at its git directory. A symlink: not what git expects either.
      if (!dotGit.isDirectory()) return undefined
      const gitDir = path.join(dir, '.git')
      try {
        if (!statSync(path.join(gitDir, 'HEAD')).isFile()) return undefined
      } catch {
        return undefined
      }
      return { root: dir, gitDir, cwd: real }
    }
    const parent = path.dirname(dir)
    // Git stops at a file-system boundary; and at the root there is no repository to find.
    if (parent === dir || statSync(parent).dev !== device) return undefined
  }
}

function supportedConfig(repository: Repository): boolean {
  const text = readGitFile(repository, 'config', MAX_CONFIG_BYTES, true)
  return text !== undefined && !UNSUPPORTED_CONFIG.test(text.toString('utf8'))
}

/**
 * A file of the git directory, read as every input is (src/kernel/files.ts: inside the workspace, a regular
 * file, bounded before reading), or undefined when it cannot be: then git is asked instead.
 */
function readGitFile(
  repository: Repository,
  file: string,
  maxBytes: number,
  text: boolean
): Buffer | undefined {
  try {
    return readConfinedBytes(repository.root, path.join('.git', file), { maxBytes, text }).bytes
  } catch {
    return undefined
  }
}

/** The paths of the index's entries, in its order; [] for a repository with no index yet; undefined to ask git. */
function readIndexPaths(repository: Repository): string[] | undefined {
  // A repository nothing was ever added to has no index: git lists nothing.
  if (!existsSync(path.join(repository.gitDir, 'index'))) return []
  const index = readGitFile(repository, 'index', MAX_INDEX_BYTES, false)
  return index && parseIndex(index)
}

/** Parses an index (versions 2, 3 and 4, SHA-1 names), or undefined for anything else or anything malformed. */
export function parseIndex(index: Buffer): string[] | undefined {
  if (index.length < 12 + SHA1_BYTES || index.toString('latin1', 0, 4) !== 'DIRC') return undefined
  const version = index.readUInt32BE(4)
  if (version < 2 || version > 4) return undefined
  const count = index.readUInt32BE(8)
  const end = index.length - SHA1_BYTES
  const paths: string[] = []
  let previous: Buffer = Buffer.alloc(0)
  let offset = 12
  for (let i = 0; i < count; i++) {
    const entry = readEntry(index, offset, end, version, previous)
    if (!entry) return undefined
    paths.push(entry.name.toString('utf8'))
    previous = entry.name
    offset = entry.next
  }
  return extensionsSupported(index, offset, end) ? paths : undefined
}

/** One entry's path and where the next entry starts; undefined for an entry this reader must not answer for. */
function readEntry(
  index: Buffer,
  start: number,
  end: number,
  version: number,
  previous: Buffer
): { name: Buffer; next: number } | undefined {
  // ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), object name, flags (2).
  const fixed = 40 + SHA1_BYTES + 2
  if (start + fixed > end) return undefined
  const mode = index.readUInt32BE(start + 24)
  const flags = index.readUInt16BE(start + 40 + SHA1_BYTES)
  const extended = (flags & 0x4000) !== 0
  const stage = (flags >> 12) & 0x3
  // A directory entry exists only in a sparse index; an unmerged path has stages 1–3 (git lists each).
  if ((mode & 0o170000) === 0o040000 || stage !== 0 || (extended && version < 3)) return undefined
  let offset = start + fixed + (extended ? 2 : 0)
  let name: Buffer
  if (version === 4) {
    const strip = readVarint(index, offset, end)
    if (!strip || strip.value > previous.length) return undefined
    offset = strip.next
    const nul = index.indexOf(0, offset)
    if (nul === -1 || nul >= end) return undefined
    name = Buffer.concat([previous.subarray(0, previous.length - strip.value), index.subarray(offset, nul)])
    offset = nul + 1
  } else {
    const nul = index.indexOf(0, offset)
    if (nul === -1 || nul >= end) return undefined
    name = index.subarray(offset, nul)
    // 1–8 NULs pad the entry to a multiple of eight bytes.
    offset = start + ((nul - start + 8) & ~7)
    if (offset > end || index.subarray(nul, offset).some(byte => byte !== 0)) return undefined
  }
  return name.length === 0 ? undefined : { name, next: offset }
}

/**
 * Extensions: a 4-byte signature and a 4-byte size each, up to the trailing hash. A split index ('link') keeps
 * entries in another file, a sparse one ('sdir') folds directories; a lower-case signature is one a reader
 * must understand. The others (cached trees, resolve-undo, untracked cache…) do not change the entries.
 */
function extensionsSupported(index: Buffer, start: number, end: number): boolean {
  let offset = start
  while (offset < end) {
    if (offset + 8 > end) return false
    const signature = index.toString('latin1', offset, offset + 4)
    if (signature === 'link' || signature === 'sdir' || !/^[A-Z]/.test(signature)) return false
    offset += 8 + index.readUInt32BE(offset + 4)
  }
  return offset === end
}

/** Git's offset varint (varint.c): 7 bits a byte, each continuation adding one before the shift. */
function readVarint(
  buffer: Buffer,
  offset: number,
  end: number
): { value: number; next: number } | undefined {
  let next = offset
  if (next >= end) return undefined
  let byte = buffer[next++]!
  let value = byte & 0x7f
  while (byte & 0x80) {
    if (next >= end || value > 2 ** 40) return undefined
    byte = buffer[next++]!
    value = (value + 1) * 128 + (byte & 0x7f)
  }
  return { value, next }
}
