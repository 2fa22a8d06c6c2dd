/**
 * Reading the files users name, bounded and confined. Every input file is read through here:
 * - only regular files (a FIFO would block forever, `/dev/zero` would fill memory, a directory is a mistake);
 * - a size limit per kind of file, checked with fstat on the opened descriptor before a byte is read, and
 *   enforced again while reading (a file that grows past its limit is refused too);
 * - confined: the real path (symlinks resolved) must lie inside the workspace or a directory the user
 *   listed in `allow-paths`; `../`, absolute paths and symlinks that leave it are refused.
 * Errors are FileErrors: one line naming the file as the user wrote it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs'
import * as path from 'node:path'
import { FileError, InputError } from '../errors.js'
import type { InputSource } from '../types.js'

/** What a file is for; each kind has its own default size limit. */
export type FileKind =
  'env' | 'schema' | 'spec' | 'migration' | 'config' | 'payload' | 'certificate' | 'input'

const MiB = 1024 * 1024

/**
 * Default limits, sized at about ten times the largest real file of each kind we know of (GitHub's own REST
 * description, 11 MB of JSON, is the largest spec), so a real project never meets them.
 */
export const DEFAULT_FILE_LIMITS: Readonly<Record<FileKind, number>> = {
  env: 1 * MiB,
  schema: 1 * MiB,
  config: 1 * MiB,
  payload: 1 * MiB,
  certificate: 1 * MiB,
  migration: 5 * MiB,
  spec: 50 * MiB,
  input: 20 * MiB
}

export interface FileAccessPolicy {
  /** The workspace: files must resolve inside it. Default: GITHUB_WORKSPACE when set, else cwd. */
  root?: string
  /** Extra directories (absolute, or relative to the root) whose files may be read: the `allow-paths` input. */
  allowPaths: string[]
  /** `max-file-size`: replaces every kind's default limit when set. */
  maxBytes?: number
}

let policy: FileAccessPolicy = { allowPaths: [] }

/** Sets the process-wide policy (the entry points call it once, from the inputs). */
export function configureFileAccess(next: FileAccessPolicy): void {
  policy = { ...next, allowPaths: [...next.allowPaths] }
}

export function fileAccessPolicy(): FileAccessPolicy {
  return policy
}

/**
 * The policy from the inputs: `allow-paths`, `max-file-size` (`80MB`, `512KB`, or bytes), and the workspace
 * (GITHUB_WORKSPACE on a runner, else the working directory).
 */
export function fileAccessFromInputs(
  source: InputSource,
  cwd = process.cwd(),
  env: Record<string, string | undefined> = process.env
): FileAccessPolicy {
  const root = env.GITHUB_WORKSPACE || path.resolve(cwd, source.get('working-directory') ?? '.')
  const allowPaths = (source.get('allow-paths') ?? '')
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(item => item !== '' && !item.startsWith('#'))
  const size = source.get('max-file-size')
  return size === undefined
    ? { root, allowPaths }
    : { root, allowPaths, maxBytes: parseByteSize(size, source.describe('max-file-size')) }
}

/** `20MB`, `512KB`, `1GB` (binary units) or a plain number of bytes. */
export function parseByteSize(value: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i.exec(value.trim())
  if (!match)
    throw new InputError(`${what} must be a size such as 20MB or 512KB (got '${value.slice(0, 40)}')`)
  const unit = (match[2] ?? 'b').toLowerCase()[0]
  const factor = unit === 'k' ? 1024 : unit === 'm' ? MiB : unit === 'g' ? 1024 * MiB : 1
  const bytes = Math.floor(Number(match[1]) * factor)
  if (bytes < 1) throw new InputError(`${what} must be at least 1 byte (got '${value}')`)
  return bytes
}

/** The limit for `kind` under the current policy (an explicit per-call limit wins). */
export function fileLimit(kind: FileKind, explicit?: number): number {
  return explicit ?? policy.maxBytes ?? DEFAULT_FILE_LIMITS[kind]
}

export function workspaceRoot(cwd: string, env: Record<string, string | undefined> = process.env): string {
  // Set by the pipeline from the inputs: on a runner the checkout, wherever working-directory points.
  if (policy.root) return path.resolve(policy.root)
  // Code run without an entry point (a test calling a gate directly): GITHUB_WORKSPACE only when it holds cwd.
  const workspace = env.GITHUB_WORKSPACE
  if (workspace && isInside(path.resolve(cwd), path.resolve(workspace))) return path.resolve(workspace)
  return path.resolve(cwd)
}

function isInside(candidate: string, directory: string): boolean {
  const relative = path.relative(directory, candidate)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function realOrSelf(target: string): string {
  try {
    return realpathSync(target)
  } catch {
    return path.resolve(target)
  }
}

/** The directories a file may resolve into: the workspace and the allow-paths entries, symlinks resolved. */
export function allowedDirectories(cwd: string): string[] {
  const root = workspaceRoot(cwd)
  return [root, ...policy.allowPaths.map(entry => path.resolve(root, entry))].map(realOrSelf)
}

export interface ConfinedPath {
  /** `path.resolve(cwd, file)`: where the user pointed. */
  absolute: string
  /** Symlinks resolved: what is actually read. */
  real: string
  /** The path as shown in messages and annotations (relative to cwd). */
  display: string
}

function displayPath(cwd: string, absolute: string, file: string): string {
  const relative = path.relative(cwd, absolute)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/**
 * Resolves `file` against `cwd` and checks that its real path lies in an allowed directory.
 * Throws FileError when it does not exist or leaves the workspace.
 */
export function confinePath(cwd: string, file: string): ConfinedPath {
  const absolute = path.resolve(cwd, file)
  const display = displayPath(cwd, absolute, file)
  let real: string
  try {
    real = realpathSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw new FileError('symbolic link loop', display)
    if (code === 'EACCES') throw new FileError('permission denied', display)
    throw new FileError('file not found', display)
  }
  if (!allowedDirectories(cwd).some(directory => isInside(real, directory))) {
    throw new FileError(
      `is outside the workspace${real !== absolute ? ' (through a symbolic link)' : ''}; list its directory in the allow-paths input to read it`,
      display
    )
  }
  return { absolute, real, display }
}

export interface ReadOptions {
  kind?: FileKind
  /** Overrides the kind's limit. */
  maxBytes?: number
  /** Refuse a file holding a NUL byte (default true: every input is text). */
  text?: boolean
}

export interface TextFile {
  text: string
  absolute: string
  display: string
}

function describeType(stat: Stats): string {
  if (stat.isDirectory()) return 'is a directory, expected a file'
  if (stat.isFIFO()) return 'is a named pipe (FIFO), expected a regular file'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, expected a regular file'
  if (stat.isSocket()) return 'is a socket, expected a regular file'
  return 'is not a regular file'
}

function limitText(bytes: number): string {
  return bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`
}

function tooLarge(display: string, size: number | undefined, limit: number, kind: FileKind): FileError {
  const actual = size === undefined ? `more than ${limitText(limit)}` : `${(size / MiB).toFixed(1)} MB`
  return new FileError(
    `file is ${actual}, larger than the ${limitText(limit)} limit for ${kind} files (raise it with the max-file-size input)`,
    display
  )
}

/** Reads the bytes of a confined file: opened without blocking, checked with fstat, read up to the limit. */
export function readConfinedBytes(
  cwd: string,
  file: string,
  options: ReadOptions = {}
): ConfinedPath & { bytes: Buffer } {
  const kind = options.kind ?? 'input'
  const limit = fileLimit(kind, options.maxBytes)
  const confined = confinePath(cwd, file)
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below then refuses it.
    fd = openSync(confined.real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FileError(
      code === 'EACCES' ? 'permission denied' : `cannot be opened (${code ?? 'error'})`,
      confined.display
    )
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw new FileError(describeType(stat), confined.display)
    if (stat.size > limit) throw tooLarge(confined.display, stat.size, limit, kind)
    // One byte more than the limit allows detects a file that grew after fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length > limit) throw tooLarge(confined.display, undefined, limit, kind)
      if (length === buffer.length) break
    }
    const bytes = buffer.subarray(0, length)
    if (options.text !== false && bytes.includes(0))
      throw new FileError('is a binary file, expected text', confined.display)
    return { ...confined, bytes }
  } finally {
    closeSync(fd)
  }
}

function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** A confined, bounded text file (UTF-8, BOM dropped). */
export function readWorkspaceFileSync(cwd: string, file: string, options: ReadOptions = {}): TextFile {
  const { bytes, absolute, display } = readConfinedBytes(cwd, file, options)
  return { text: decodeText(bytes), absolute, display }
}

/**
 * The same, as a promise. The read is synchronous on purpose: input files are small (bounded above), and a
 * synchronous open+fstat+read of a checked regular file cannot block; it saves a thread-pool round trip per call.
 */
export async function readWorkspaceFile(
  cwd: string,
  file: string,
  options: ReadOptions = {}
): Promise<TextFile> {
  return readWorkspaceFileSync(cwd, file, options)
}

/**
 * For code that lists directories itself (a migrations folder, a walk over a checkout): throws a FileError
 * when `directory` exists and its real path is outside the workspace and allow-paths. A missing directory
 * passes (the caller reports it its own way).
 */
export function assertInsideWorkspace(cwd: string, directory: string): void {
  // Only where an entry point set the workspace: code run in-process by a test has none to enforce.
  if (!policy.root) return
  const absolute = path.resolve(cwd, directory)
  let real: string
  try {
    real = realpathSync(absolute)
  } catch {
    return
  }
  if (!allowedDirectories(cwd).some(allowed => isInside(real, allowed))) {
    throw new FileError(
      `is outside the workspace${real !== absolute ? ' (through a symbolic link)' : ''}; list it in the allow-paths input to read it`,
      displayPath(cwd, absolute, directory)
    )
  }
}
