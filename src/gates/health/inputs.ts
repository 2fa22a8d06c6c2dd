/** The health gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  url: { kind: 'lines', default: '', description: 'Newline-separated URLs to probe.' },
  'expect-status': {
    kind: 'string',
    default: '2xx',
    description: 'Accepted status codes: `2xx`, `200`, `200,204`, `200-299`.'
  },
  'expect-body': {
    kind: 'lines',
    default: '',
    description:
      'Newline-separated assertions on the JSON body, e.g. `$.version == abc123`, `$.db == "ok"`, `$.queue.lag < 100` (`==`, `!=`, `<`, `<=`, `>`, `>=`, `contains`, `matches`).'
  },
  'expect-header': {
    kind: 'lines',
    default: '',
    description:
      'Newline-separated `Name: value` headers the response must carry (`Name` alone: must be present).'
  },
  'request-timeout': {
    kind: 'duration',
    default: '10s',
    description: 'Timeout of one HTTP request, with units (`500ms`, `10s`).'
  },
  'readiness-timeout': {
    kind: 'duration',
    default: '120s',
    description: 'How long to wait, with backoff, for the first healthy answer.'
  },
  window: {
    kind: 'duration',
    default: '60s',
    description: 'Verification window after readiness.'
  },
  interval: {
    kind: 'duration',
    default: '5s',
    description: 'Time between probes (and Prometheus evaluations) during the window.'
  },
  'failure-limit': {
    kind: 'integer',
    default: '0',
    description:
      'Failed probes tolerated in the window before the gate fails (Argo Rollouts semantics: fail when failures exceed it).'
  },
  'consecutive-error-limit': {
    kind: 'integer',
    default: '4',
    description: 'Consecutive probe errors (connection refused, timeout) tolerated before the gate fails.'
  },
  'max-error-rate': {
    kind: 'number',
    default: '',
    description: 'Highest tolerated share of failed probes over the window, from 0 to 1. Empty: not checked.'
  },
  'max-latency-p95': {
    kind: 'number',
    default: '',
    description: 'Highest tolerated 95th-percentile probe latency, in milliseconds. Empty: not checked.'
  },
  'tls-min-days': {
    kind: 'integer',
    default: '',
    description:
      'For https URLs, fail when the certificate expires within this many days. Empty: not checked.'
  },
  'prometheus-url': {
    kind: 'url',
    default: '',
    description: 'Prometheus base URL for canary analysis (queried at `/api/v1/query`).'
  },
  'prometheus-query': {
    kind: 'string',
    default: '',
    description: 'PromQL query evaluated at each interval, e.g. an error ratio.'
  },
  'success-condition': {
    kind: 'string',
    default: '',
    description: "Condition on the query's value, e.g. `result < 0.01`."
  },
  'on-no-data': {
    kind: 'choice',
    choices: ['fail', 'pass', 'inconclusive'],
    default: 'fail',
    description:
      'What a measurement with no data means: `fail`, `pass` or `inconclusive` (counts toward `inconclusive-limit`; an inconclusive analysis fails the step unless `allow-inconclusive`).'
  },
  'failure-condition': {
    kind: 'string',
    default: '',
    description:
      "Condition on the query's value that fails a measurement, e.g. `result > 0.05`. With `success-condition` too, meeting neither is inconclusive (Argo Rollouts' rule). Ranges: `0.9 <= result <= 1.1`."
  },
  'prometheus-token': {
    kind: 'string',
    default: '',
    description: 'Bearer token sent to Prometheus (`Authorization: Bearer …`); masked.'
  },
  'prometheus-headers': {
    kind: 'lines',
    default: '',
    description:
      'Newline-separated `Name: value` headers sent to Prometheus (e.g. `X-Scope-OrgID: team-a`); values are masked.'
  },
  'analysis-file': {
    kind: 'path',
    default: '',
    description:
      'YAML analysis with several named metrics (Prometheus or web/JSONPath), each with its own conditions, interval and limits; see docs/gates/health.md. Instead of `prometheus-url`.'
  },
  'initial-delay': {
    kind: 'duration',
    default: '0s',
    description:
      'Wait after readiness before the first window measurement (a metric in the analysis file may set its own).'
  },
  'inconclusive-limit': {
    kind: 'integer',
    default: '0',
    description: 'Inconclusive measurements tolerated per metric before the analysis is inconclusive.'
  },
  'consecutive-success-limit': {
    kind: 'integer',
    default: '0',
    description:
      'Passes in a row after which a target or metric has proved itself and stops being measured; when set, a metric that never gets there fails. 0: off.'
  },
  'allow-inconclusive': {
    kind: 'boolean',
    default: 'false',
    description: 'Let an inconclusive analysis pass with a warning (`healthy` is still `inconclusive`).'
  },
  'dry-run': {
    kind: 'boolean',
    default: 'false',
    description:
      'Evaluate and report everything, but never fail: errors become warnings prefixed `dry-run:` (to tune thresholds).'
  }
})

export const outputs = defineOutputs({
  healthy:
    '`true` when every target and metric passed readiness and the verification window, `inconclusive` when the analysis could not decide, else `false`.',
  verdict: '`healthy`, `unhealthy` or `inconclusive` (what enforcing would say, also in a dry run).',
  'dry-run': '`true` when the run was a dry run.',
  'error-rate': 'Share of failed probes in the window, 0 to 1.',
  'latency-p95-ms': '95th-percentile probe latency in milliseconds.',
  probes: 'Number of probes sent.'
})
