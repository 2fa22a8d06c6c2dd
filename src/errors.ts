/**
 * Errors a user can act on. They are printed as one line (no stack trace) by run() and the CLI.
 * Anything else that escapes a gate is an internal error: still a one-line failure, never a pass.
 */
export class UserError extends Error {
  override name = 'UserError'
}

/** A bad input value: the message names the input and what it accepts. */
export class InputError extends UserError {
  override name = 'InputError'
}

/** A file the user pointed us at could not be read or parsed; carries the position when known. */
export class FileError extends UserError {
  override name = 'FileError'
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${message}`)
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
