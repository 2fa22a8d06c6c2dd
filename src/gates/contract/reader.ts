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

/** Files under the working directory; ids are absolute paths. */
export function fileReader(cwd: string): SpecReader {
  return {
    async read(id) {
      const { text, display } = await readTextFile(cwd, id)
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
        text = await git(['show', display])
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
