import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs'
import * as path from 'node:path'
import { FileError } from './errors.js'

/** Config files bigger than this are almost certainly a mistake (a dump, a binary); refuse them clearly. */
export const MAX_INPUT_FILE_BYTES = 20 * 1024 * 1024

/**
 * Reads a user-named text file. Every failure is a FileError naming the file: missing, a directory,
 * too large, or binary (a NUL byte). `display` is the path as the user wrote it, for messages and annotations.
 */
export async function readTextFile(
  cwd: string,
  file: string,
  { maxBytes = MAX_INPUT_FILE_BYTES } = {}
): Promise<{ text: string; absolute: string; display: string }> {
  const absolute = path.resolve(cwd, file)
  const display = path.relative(cwd, absolute) || file
  let stat
  try {
    stat = await fs.stat(absolute)
  } catch {
    throw new FileError('file not found', display)
  }
  checkSize(stat, display, maxBytes)
  return { text: decodeText(await fs.readFile(absolute), display), absolute, display }
}

/**
 * readTextFile without the event loop: for reading thousands of small files (migrations) where one
 * asynchronous round trip per system call costs more than the reads themselves. Same checks, same errors.
 */
export function readTextFileSync(
  cwd: string,
  file: string,
  { maxBytes = MAX_INPUT_FILE_BYTES } = {}
): { text: string; absolute: string; display: string } {
  const absolute = path.resolve(cwd, file)
  const display = path.relative(cwd, absolute) || file
  let stat
  try {
    stat = statSync(absolute)
  } catch {
    throw new FileError('file not found', display)
  }
  checkSize(stat, display, maxBytes)
  return { text: decodeText(readFileSync(absolute), display), absolute, display }
}

function checkSize(stat: Stats, display: string, maxBytes: number): void {
  if (stat.isDirectory()) throw new FileError('is a directory, expected a file', display)
  if (stat.size > maxBytes) {
    throw new FileError(
      `file is ${(stat.size / 1048576).toFixed(1)} MB, larger than the ${maxBytes / 1048576} MB limit`,
      display
    )
  }
}

function decodeText(buffer: Buffer, display: string): string {
  if (buffer.includes(0)) throw new FileError('is a binary file, expected text', display)
  const text = buffer.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
