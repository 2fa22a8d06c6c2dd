import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { FileError, errorMessage } from '../../errors.js'
import { MAX_INPUT_FILE_BYTES, readTextFile } from '../../files.js'

/** Where spec files come from: the working tree, or a git revision (for the base of a diff). */
export interface SpecReader {
  /** Reads one file. Throws FileError naming it. */
  read(id: string): Promise<{ text: string; display: string }>
  /** The id of `relative` as referenced from the file `fromId`. */
  join(fromId: string, relative: string): string
}

/** A file whose real path is not under the working directory (`../`, an absolute path, a symlink out). */
export class OutsideWorkspaceError extends FileError {
  constructor(display: string) {
    super('is outside the workspace; the gate reads only files under the working directory', display)
  }
}

/**
 * Files under the working directory; ids are absolute paths. A file whose real path (symlinks followed)
 * leaves the workspace is refused, as is anything that is not a regular file (a FIFO would hang the read).
 */
export function fileReader(cwd: string): SpecReader {
  let root: string | undefined
  return {
    async read(id) {
      root ??= await fs.realpath(cwd)
      const display = path.relative(cwd, id) || id
      let real: string
      try {
        real = await fs.realpath(id)
      } catch {
        throw new FileError('file not found', display)
      }
      const inside = path.relative(root, real)
      if (inside.startsWith('..') || path.isAbsolute(inside)) throw new OutsideWorkspaceError(display)
      if (!(await fs.stat(real)).isFile()) throw new FileError('is not a regular file', display)
      const { text } = await readTextFile(cwd, real)
      return { text, display }
    },
    join: (fromId, relative) => path.resolve(path.dirname(fromId), relative)
  }
}

/**
 * Files at a git revision, read with `git show REV:path`. Ids are paths as git understands them
 * (`./x` is relative to the working directory, otherwise to the repository root).
 */
export function gitReader(git: (args: string[]) => Promise<string>, revision: string): SpecReader {
  return {
    async read(id) {
      const display = `${revision}:${id}`
      let text: string
      try {
        text = await git(['show', '--end-of-options', display])
      } catch (error) {
        throw new FileError(
          `cannot be read from git (${firstLine(errorMessage(error))}); in a shallow clone, fetch the base with actions/checkout fetch-depth: 0`,
          display
        )
      }
      if (text.length > MAX_INPUT_FILE_BYTES) {
        throw new FileError(
          `file is ${(text.length / 1048576).toFixed(1)} MB, larger than the ${MAX_INPUT_FILE_BYTES / 1048576} MB limit`,
          display
        )
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      return { text, display }
    },
    join(fromId, relative) {
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromId), relative))
      return fromId.startsWith('./') && !joined.startsWith('../') ? `./${joined}` : joined
    }
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find(line => line.trim() !== '')
      ?.trim() ?? text
  )
}
