/**
 * The `api-timeout` input of every gate that calls the GitHub API through src/github/client.ts (deployment,
 * rollback, metrics): declared once, since its meaning and default are the client's. Kept apart from client.ts so
 * the input declarations, which load at start-up, do not load Octokit.
 */
import type { InputSpec } from '../inputs/declare.js'

export const apiTimeoutInput: Record<'api-timeout', InputSpec> = {
  'api-timeout': {
    kind: 'duration',
    default: '30s',
    description:
      'Deadline of one GitHub API request (connect, headers and body; a 5xx or dropped connection is retried 3 times with backoff, a rate limit waits as GitHub asks).'
  }
}
