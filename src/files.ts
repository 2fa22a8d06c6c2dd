import { promises as fs } from 'node:fs'
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
  if (stat.isDirectory()) throw new FileError('is a directory, expected a file', display)
  if (stat.size > maxBytes) {
    throw new FileError(`file is ${(stat.size / 1048576).toFixed(1)} MB, larger than the ${maxBytes / 1048576} MB limit`, display)
  }
  const buffer = await fs.readFile(absolute)
  if (buffer.includes(0)) throw new FileError('is a binary file, expected text', display)
  let text = buffer.toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text, absolute, display }
}
