import * as path from 'node:path'
import { FileError, errorMessage } from '../../errors.js'
import { confinePath, readTextFile } from '../../files.js'
import { fileLimit } from '../../kernel/files.js'

/** Where spec files come from: the working tree, or a git revision (for the base of a diff). */
export interface SpecReader {
  /** Reads one file. Throws FileError naming it. */
  read(id: string): Promise<{ text: string; display: string }>
  /** The id of `relative` as referenced from the file `fromId`. */
  join(fromId: string, relative: string): string
}

/** A file whose real path is not under the workspace (`../`, an absolute path, a symlink out). */
export class OutsideWorkspaceError extends FileError {}

/**
 * Files under the working directory; ids are absolute paths. Reads go through the kernel's confined reader
 * (real path inside the workspace or an `allow-paths` directory, regular files only, the `spec` size limit);
 * leaving the workspace is its own error, so a `$ref` that does it is reported as such.
 */
export function fileReader(cwd: string): SpecReader {
  return {
    async read(id) {
      try {
        confinePath(cwd, id)
      } catch (error) {
        if (error instanceof FileError && /outside the workspace/.test(error.message))
          throw new OutsideWorkspaceError(error.message.slice(error.file.length + 2), error.file)
        throw error
      }
      const { text, display } = await readTextFile(cwd, id, { kind: 'spec' })
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
      const limit = fileLimit('spec')
      if (text.length > limit) {
        throw new FileError(
          `file is ${(text.length / 1048576).toFixed(1)} MB, larger than the ${limit / 1048576} MB limit for spec files (raise it with the max-file-size input)`,
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
