import { formatDuration } from '../../duration.js'
import type { Finding, Gate, GateIO, GateResult } from '../../types.js'
import { healthChecks } from './checks.js'
import { displayUrl, parseHealthInputs, type HealthConfig } from './config.js'
import { percentile, probeSections } from './summary.js'
import { readCertificate } from './tls.js'
import { verify, type StopSignal, type Verification } from './verify.js'

const TITLE = 'Post-deploy health'
const DAY_MS = 86_400_000
/** Slack on top of readiness + window + a request, for scheduling and the TLS check. */
const DEADLINE_SLACK_MS = 5_000

export const healthGate: Gate<HealthConfig> = {
  name: 'health',
  title: TITLE,
  parseInputs: source => parseHealthInputs(source),
  run: runHealth
}

export async function runHealth(config: HealthConfig, io: GateIO): Promise<GateResult> {
  const startedAt = io.now()
  const stop: StopSignal = { stopped: false }
  const deadlineMs =
    config.readinessTimeoutMs + config.windowMs + 2 * config.requestTimeoutMs + DEADLINE_SLACK_MS
  let timer: NodeJS.Timeout | undefined
  // Every request has its own timeout; this is the backstop that makes "never hangs" hold for the whole gate.
  const deadline = new Promise<'deadline'>(resolve => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs)
  })
  const work = Promise.all([verify(config, io, startedAt, stop), checkCertificates(config, io)])
  const settled = await Promise.race([work, deadline]).finally(() => clearTimeout(timer))
  stop.stopped = true

  let verification: Verification
  const findings: Finding[] = []
  if (settled === 'deadline') {
    verification = { outcomes: [], findings: [], ready: false, windowRounds: 0 }
    findings.push({
      rule: 'deadline',
      severity: 'error',
      message: `the health check did not finish within its deadline of ${formatDuration(deadlineMs)}`,
      help: 'A probe or the TLS check did not return in time; check the network path to the targets.'
    })
  } else {
    verification = settled[0]
    findings.push(...settled[1], ...verification.findings)
  }

  const { outcomes } = verification
  const windowProbes = outcomes.filter(o => o.phase === 'window' && o.target !== 'prometheus')
  const unhealthyProbes = windowProbes.filter(o => o.kind !== 'pass').length
  const errorRate = windowProbes.length > 0 ? unhealthyProbes / windowProbes.length : undefined
  const answered = windowProbes.filter(o => o.status !== undefined).map(o => o.latencyMs)
  const p95 = percentile(answered, 95)

  if (config.maxErrorRate !== undefined && errorRate !== undefined && errorRate > config.maxErrorRate) {
    findings.push({
      rule: 'error-rate',
      severity: 'error',
      message: `${unhealthyProbes} of ${windowProbes.length} probes in the window did not pass (error rate ${round(errorRate)}), above max-error-rate ${config.maxErrorRate}`
    })
  }
  if (config.maxLatencyP95Ms !== undefined && p95 !== undefined && p95 > config.maxLatencyP95Ms) {
    findings.push({
      rule: 'latency-p95',
      severity: 'error',
      message: `95th-percentile probe latency was ${Math.round(p95)} ms over ${answered.length} answers, above max-latency-p95 ${config.maxLatencyP95Ms} ms`
    })
  }
  const noData = outcomes.filter(o => o.kind === 'inconclusive').length
  if (noData > 0) {
    findings.push({
      rule: 'no-data',
      severity: 'warning',
      message: `Prometheus query '${config.prometheus?.query}' returned no data in ${noData} of ${outcomes.filter(o => o.target === 'prometheus').length} evaluations (on-no-data: inconclusive)`,
      help: 'A query with no data cannot prove the release healthy; check the metric names and labels.'
    })
  }

  const healthy = !findings.some(f => f.severity === 'error')
  const targets = config.targets.length + (config.prometheus ? 1 : 0)
  return {
    gate: 'health',
    title: TITLE,
    findings,
    outputs: {
      healthy: String(healthy),
      'error-rate': errorRate === undefined ? '' : String(round(errorRate)),
      'latency-p95-ms': p95 === undefined ? '' : String(Math.round(p95)),
      probes: String(outcomes.length)
    },
    sections: probeSections(outcomes),
    scope: `${targets} target(s), ${outcomes.length} probes, ${verification.windowRounds} of ${Math.floor(config.windowMs / config.intervalMs)} window rounds every ${formatDuration(config.intervalMs)}`,
    secrets: config.secrets,
    data: { probes: outcomes },
    checks: healthChecks(config, outcomes, findings, verification.windowRounds)
  }
}

/** `tls-min-days`: the certificate of every https target must outlive the given number of days. */
async function checkCertificates(config: HealthConfig, io: GateIO): Promise<Finding[]> {
  const minDays = config.tlsMinDays
  if (minDays === undefined) return []
  const checks = config.targets
    .filter(url => url.protocol === 'https:')
    .map(async (url): Promise<Finding[]> => {
      const target = displayUrl(url)
      const certificate = await readCertificate(url, config.requestTimeoutMs)
      if (!certificate.ok) {
        return [
          {
            rule: 'tls-check',
            severity: 'error',
            message: `${target}: could not read the certificate: ${certificate.message}`
          }
        ]
      }
      const daysLeft = (certificate.validTo.getTime() - io.now()) / DAY_MS
      if (daysLeft >= minDays) return []
      const when =
        daysLeft < 0
          ? `expired on ${certificate.validTo.toISOString()}`
          : `expires in ${Math.floor(daysLeft)} day(s), on ${certificate.validTo.toISOString()}`
      return [
        {
          rule: 'tls-expiry',
          severity: 'error',
          message: `${target}: the certificate for ${certificate.subject} ${when}, sooner than tls-min-days ${minDays}`,
          help: 'Renew the certificate (or check that automatic renewal runs).'
        }
      ]
    })
  return (await Promise.all(checks)).flat()
}

const round = (n: number) => Math.round(n * 10_000) / 10_000
