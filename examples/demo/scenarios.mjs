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
    id: 'consumer-stale-mock',
    title: "A stale mock: the web app's Pact expects avatarUrl, which the provider's spec never promised",
    commit: {
      message: 'Show avatars on the profile page',
      copy: [{ from: join(BREAKAGES, 'consumer-stale-mock') }]
    },
    expect: { stoppedAt: 'contract-tests', reason: /avatarUrl/ }
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
  },
  {
    id: 'canary-fails-at-50',
    title: 'A release that holds at 10% of traffic but fails at 50% (a connection pool sized too small)',
    commit: { message: 'Size the database connection pool per instance' },
    runtime: { BREAK: 'capacity', CAPACITY_RPS: '12' },
    progressive: true,
    expect: { stoppedAt: 'rollout', reason: /^analysis-failed: at 50% \(step 2 of 3\): /, abortedAt: 50 }
  },
  {
    id: 'black-friday-freeze',
    title: 'A deploy during the Black Friday freeze: blocked, then let through with an override reason',
    commit: { message: 'Fix the holiday banner' },
    freeze: blackFridayFreeze,
    expect: { stoppedAt: 'freeze-check', reason: /^frozen: Deploy freeze 'Black Friday' is in force until / },
    rerun: {
      override: 'hotfix: the holiday banner covers the checkout button (INC-2411)',
      expect: { stoppedAt: null }
    }
  }
]

/**
 * The demo's freeze: a "Black Friday" window from yesterday to three days from now, written as shops write it,
 * in wall-clock time in New York, so it is in force whenever the demo runs; and a nightly cron window beside it.
 */
export function blackFridayFreeze(now = Date.now()) {
  const timezone = 'America/New_York'
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now)
  const day = offset =>
    new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
  const windows = [
    '- name: Black Friday',
    `  from: ${day(-1)}T00:00`,
    `  to: ${day(3)}T00:00`,
    '- name: Nightly batch',
    '  start: 0 2 * * *',
    '  end: 0 3 * * *'
  ].join('\n')
  return { windows, timezone }
}
