import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { readTextFileSync } from '../../../files.js'
import { assertInsideWorkspace } from '../../../kernel/files.js'

/** Entries of a directory (files and folders), sorted by code point like the tools do; [] when missing. */
export async function listEntries(directory: string): Promise<{ name: string; isDirectory: boolean }[]> {
  // A migrations folder (or a folder below it) that is a symlink out of the workspace is refused, not listed.
  assertInsideWorkspace(process.cwd(), directory)
  try {
    const entries = await fs.readdir(directory, { withFileTypes: true })
    return entries
      .filter(entry => !entry.name.startsWith('.'))
      .map(entry => ({ name: entry.name, isDirectory: entry.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch {
    return []
  }
}

/** How many entries a directory has (0 when missing): a cheap size estimate before reading anything. */
export async function countEntries(directory: string): Promise<number> {
  assertInsideWorkspace(process.cwd(), directory)
  try {
    return (await fs.readdir(directory)).length
  } catch {
    return 0
  }
}

/** Folders never searched for migrations: dependencies, virtual environments, build output, VCS data. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'vendor',
  'venv',
  'site-packages',
  'dist',
  'build',
  'target',
  '__pycache__'
])

/**
 * Files below a directory (relative paths with '/', sorted by code point), at most `maxDepth` folders down and
 * at most `maxFiles` in all: a walk over a checkout is bounded before it starts, whatever the tree holds.
 */
export async function walkFiles(
  directory: string,
  pattern: RegExp,
  { maxDepth = 8, maxFiles = 100_000 }: { maxDepth?: number; maxFiles?: number } = {}
): Promise<string[]> {
  const found: string[] = []
  const walk = async (relative: string, depth: number): Promise<void> => {
    for (const entry of await listEntries(path.join(directory, relative))) {
      if (found.length >= maxFiles) return
      const child = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory) {
        if (depth < maxDepth && !SKIPPED_DIRS.has(entry.name)) await walk(child, depth + 1)
      } else if (pattern.test(entry.name)) found.push(child)
    }
  }
  await walk('', 0)
  return found.sort(compareStrings)
}

export async function listFiles(directory: string, pattern: RegExp): Promise<string[]> {
  return (await listEntries(directory)).filter(e => !e.isDirectory && pattern.test(e.name)).map(e => e.name)
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

/** Reads a migration; the path shown to users (and annotations) is relative to the working directory. */
export async function readMigration(cwd: string, absolute: string): Promise<{ text: string; file: string }> {
  // Synchronous on purpose: thousands of small files read faster without an event-loop round trip per call.
  const { text, display } = readTextFileSync(cwd, absolute, { kind: 'migration' })
  return { text, file: display.split(path.sep).join('/') }
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Replaces everything outside [start, end) with spaces, keeping newlines so positions stay the file's own. */
export function keepRange(text: string, start: number, end: number): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ')
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end))
}

/** Whether any file in the directory (first few) contains the marker. */
export async function anyFileContains(
  directory: string,
  pattern: RegExp,
  marker: RegExp,
  limit = 5
): Promise<boolean> {
  const files = (await listFiles(directory, pattern)).slice(0, limit)
  for (const name of files) {
    try {
      const text = await fs.readFile(path.join(directory, name), 'utf8')
      if (marker.test(text)) return true
    } catch {
      // unreadable: not a sign of this tool
    }
  }
  return false
}

/** Compares dotted numeric versions (`1.10` after `1.9`), the way Flyway and friends order them. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(part => BigInt(part))
  const pb = b.split('.').map(part => BigInt(part))
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n
    const y = pb[i] ?? 0n
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export const CODE_FILE = /\.(c|m)?(j|t)s$/

export function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

/** Migrations are read through the kernel's pool (src/kernel/pool.ts). */
export { mapLimit } from '../../../kernel/pool.js'

export const READ_CONCURRENCY = 32
