import { errorMessage, UserError } from '../errors.js'
import { redactKnownSecrets } from '../kernel/known-secrets.js'
import { cutText } from '../kernel/quote.js'

/**
 * One line for a run that could not finish. A UserError is the user's to fix and is shown as it is; anything
 * else is ours, labelled as an internal error (still a failure: we fail closed). The stack is for debug logs only.
 */
export function failureMessage(error: unknown): string {
  const message = cut(redactKnownSecrets(errorMessage(error).split('\n')[0]!.trim()) || 'unknown error')
  return error instanceof UserError ? message : `internal error: ${message}`
}

/** The failure line is for people: a 100 KB input echoed in an error is cut, whichever code echoed it. */
export const MAX_FAILURE_CHARS = 500

function cut(message: string): string {
  return cutText(message, MAX_FAILURE_CHARS)
}

export function failureStack(error: unknown): string | undefined {
  return !(error instanceof UserError) && error instanceof Error ? error.stack : undefined
}
