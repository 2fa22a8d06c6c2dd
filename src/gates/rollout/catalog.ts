/** The rollout gate's rules (see src/rules/catalog.ts). */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('rollout', {
  'analysis-failed': {
    severity: 'error',
    category: 'analysis',
    title: 'Step failed its analysis',
    help: 'The new version broke a health limit at this share of traffic; traffic went back to the stable version. Fix the release (or the limit) and roll out again.',
    docs: "During each step's `step-pause` the health gate's analysis runs with all its inputs (`url`, `expect-status`, `expect-body`, `failure-limit`, `max-error-rate`, `max-latency-p95`, Prometheus…). The message names the step's weight and the health finding."
  },
  'analysis-warning': {
    severity: 'warning',
    category: 'analysis',
    title: 'Step analysis inconclusive',
    help: 'A health check could not decide (e.g. a Prometheus query returned no data with `on-no-data: inconclusive`); check the query.'
  },
  'traffic-command-failed': {
    severity: 'error',
    category: 'command',
    title: 'Traffic command failed',
    help: 'The command that sets the traffic split exited non-zero (or could not start); the abort still ran. Run it by hand with the same ROLLOUT_WEIGHT to see why.'
  },
  'abort-command-failed': {
    severity: 'error',
    category: 'command',
    title: 'Abort command failed',
    help: 'Traffic may still reach the new version: set the split back to the stable version by hand now, then fix `abort-command` (or `traffic-command` with ROLLOUT_WEIGHT=0).'
  },
  deadline: {
    severity: 'error',
    category: 'deadline',
    title: 'Rollout deadline passed',
    help: 'The rollout took longer than `deadline` (a hung command, slow probes); it was stopped and the abort ran to return traffic to the stable version. Raise `deadline` if the steps need more time.'
  },
  cancelled: {
    severity: 'error',
    category: 'deadline',
    title: 'Rollout cancelled',
    help: 'The job was cancelled during the rollout; the abort ran to return traffic to the stable version.'
  }
})
