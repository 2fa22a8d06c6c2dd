import { errorMessage, UserError } from '../errors.js'

/**
 * One line for a run that could not finish. A UserError is the user's to fix and is shown as it is; anything
 * else is ours, labelled as an internal error (still a failure: we fail closed). The stack is for debug logs only.
 */
export function failureMessage(error: unknown): string {
  const message = errorMessage(error).split('\n')[0]!.trim() || 'unknown error'
  return error instanceof UserError ? message : `internal error: ${message}`
}

export function failureStack(error: unknown): string | undefined {
  return !(error instanceof UserError) && error instanceof Error ? error.stack : undefined
}
