/**
 * The gates' entry to reading a user-named text file. Bounded and confined (src/kernel/files.ts): only
 * regular files, a size limit per kind of file checked before reading, and the real path inside the
 * workspace (or a directory in `allow-paths`). Every failure is a FileError naming the file.
 */
import {
  DEFAULT_FILE_LIMITS,
  readWorkspaceFile,
  readWorkspaceFileSync,
  type ReadOptions,
  type TextFile
} from './kernel/files.js'

export { confinePath, type FileKind } from './kernel/files.js'

/** The default limit of files read without a `kind` (specs and other large inputs set their own). */
export const MAX_INPUT_FILE_BYTES = DEFAULT_FILE_LIMITS.input

/** Reads a user-named text file; `display` is the path as the user wrote it, for messages and annotations. */
export function readTextFile(cwd: string, file: string, options: ReadOptions = {}): Promise<TextFile> {
  return readWorkspaceFile(cwd, file, options)
}

/** readTextFile without a promise: for reading thousands of small files (migrations). Same checks, same errors. */
export function readTextFileSync(cwd: string, file: string, options: ReadOptions = {}): TextFile {
  return readWorkspaceFileSync(cwd, file, options)
}
