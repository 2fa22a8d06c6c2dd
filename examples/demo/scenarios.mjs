/**
 * The changes the demo pushes through the pipeline, each with what must happen to it. The breakages are the
 * ones in examples/breakages/ (and the server's BREAK modes), applied on top of the good change.
 */
import { join } from 'node:path'
import { BREAKAGES, SERVICE } from './workspace.mjs'

export const NEW_MIGRATION = 'migrations/1718000400000_orders-paid-at.sql'

export const SCENARIOS = [
  {
    id: 'good-change',
    title: 'A good change: orders get a paid_at column (one new migration)',
    commit: {
      message: 'Add orders.paid_at',
      copy: [{ from: join(SERVICE, NEW_MIGRATION), to: NEW_MIGRATION }]
    },
    expect: { stoppedAt: null }
  },
  {
    id: 'migration-edited',
    title: 'A migration edited after it was applied (create-orders gains a column in place)',
    commit: { message: 'Add orders.currency', copy: [{ from: join(BREAKAGES, 'migration-edited') }] },
    expect: { stoppedAt: 'migration-check', reason: /edited/ }
  },
  {
    id: 'env-missing-in-production',
    title: 'An API key set for staging but missing for production (SEARCH_API_KEY)',
    commit: {
      message: 'Wire up product search',
      copy: [{ from: join(BREAKAGES, 'env-missing-in-production') }]
    },
    expect: { stoppedAt: 'env-validation', reason: /SEARCH_API_(KEY|URL)/ }
  },
  {
    id: 'response-drift',
    title: 'A response that no longer matches the spec (GET /users/{id}: id as a string, no email)',
    commit: { message: 'Serialize user ids as strings' },
    runtime: { BREAK: 'drift' },
    expect: { stoppedAt: 'integration-tests', reason: /users/ }
  },
  {
    id: 'unhealthy-deploy',
    title: 'A bad deploy: the release starts, then /healthz fails under traffic',
    commit: { message: 'Move sessions to the new cache cluster' },
    runtime: { BREAK: 'unhealthy' },
    expect: { stoppedAt: 'health-check', rolledBack: true }
  }
]
