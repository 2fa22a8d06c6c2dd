/** The health gate's rules: readiness, the verification window's limits (Argo Rollouts' vocabulary), TLS. */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('health', {
  'not-ready': {
    severity: 'error',
    category: 'readiness',
    title: 'Target never answered healthy',
    help: 'Check that the new version is deployed and reachable, or raise readiness-timeout if it starts slowly.'
  },
  'failure-limit': {
    severity: 'error',
    category: 'window',
    title: 'More failed measurements than failure-limit',
    help: 'The new version stopped serving correctly (or a metric left its condition) during the window: roll back (gate: rollback).'
  },
  'consecutive-errors': {
    severity: 'error',
    category: 'window',
    title: 'No answer, more times in a row than consecutive-error-limit',
    help: 'The service, Prometheus or the metric endpoint (or the way to it) went away: nothing was verified, so the gate fails closed.'
  },
  inconclusive: {
    severity: 'error',
    category: 'window',
    title: 'The analysis could not decide',
    help: 'Measurements met neither the success nor the failure condition (or had no data) more often than inconclusive-limit: nothing was verified. Check the query; set allow-inconclusive to let such a step pass with a warning.',
    aliases: ['no-data']
  },
  'consecutive-success-limit': {
    severity: 'error',
    category: 'window',
    title: 'Never enough passes in a row',
    help: 'The metric never passed consecutive-success-limit times in a row within the window: lengthen the window or fix the release.'
  },
  'prometheus-query': {
    severity: 'error',
    category: 'window',
    title: 'The metric query was rejected',
    help: 'Fix the PromQL (it must return an instant vector or a scalar); retrying cannot help.'
  },
  'error-rate': {
    severity: 'error',
    category: 'window',
    title: 'Error rate above max-error-rate',
    help: 'Too many probes failed over the window: roll back (gate: rollback).'
  },
  'latency-p95': {
    severity: 'error',
    category: 'window',
    title: '95th-percentile latency above max-latency-p95',
    help: 'The new version is slower than allowed: roll back, or raise max-latency-p95 if the budget changed.'
  },
  'tls-check': {
    severity: 'error',
    category: 'tls',
    title: 'Certificate could not be read',
    help: 'Check that the target serves TLS on that port and is reachable from the runner.'
  },
  'tls-expiry': {
    severity: 'error',
    category: 'tls',
    title: 'Certificate expires too soon',
    help: 'Renew the certificate (or check that automatic renewal runs).'
  },
  deadline: {
    severity: 'error',
    category: 'window',
    title: 'The health check ran past its deadline',
    help: 'A probe or the TLS check did not return in time; check the network path to the targets.'
  }
})
