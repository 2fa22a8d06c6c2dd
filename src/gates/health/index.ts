import { formatDuration } from '../../duration.js'
import type { Finding, Gate, GateIO, GateResult } from '../../types.js'
import { catalog } from './catalog.js'
import { healthChecks } from './checks.js'
import { displayUrl, parseHealthInputs, type HealthConfig } from './config.js'
import { metricSections, percentile, probeSections } from './summary.js'
import { readCertificate } from './tls.js'
import { verify, type StopSignal, type Verification } from './verify.js'

const TITLE = 'Post-deploy health'
const DAY_MS = 86_400_000
/** Slack on top of readiness + window + a request, for scheduling and the TLS check. */
const DEADLINE_SLACK_MS = 5_000

export const healthGate: Gate<HealthConfig> = {
  name: 'health',
  title: TITLE,
  parseInputs: (source, _common, io) => parseHealthInputs(source, { cwd: io.cwd, env: io.env }),
  run: (config, io) => runHealth(config, io)
}

/**
 * One analysis: readiness, then the window. `signal` (the rollout's deadline or the job's cancellation) stops it
 * at once: no new probe starts and the result comes back without waiting for the window.
 */
export async function runHealth(config: HealthConfig, io: GateIO, signal?: AbortSignal): Promise<GateResult> {
  const startedAt = io.now()
  const stop: StopSignal = { stopped: false }
  const longestRequestMs = Math.max(
    config.requestTimeoutMs,
    ...config.metrics.map(m => m.provider.timeoutMs ?? 0)
  )
  const deadlineMs = config.readinessTimeoutMs + config.windowMs + 2 * longestRequestMs + DEADLINE_SLACK_MS
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  // Every request has its own timeout; this is the backstop that makes "never hangs" hold for the whole gate.
  const deadline = new Promise<'deadline' | 'aborted'>(resolve => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs)
    onAbort = () => resolve('aborted')
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
  const work = Promise.all([verify(config, io, startedAt, stop), checkCertificates(config, io)])
  const settled = await Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer)
    if (onAbort) signal?.removeEventListener('abort', onAbort)
  })
  stop.stopped = true

  let verification: Verification
  const findings: Finding[] = []
  const empty = (): Verification => ({
    outcomes: [],
    findings: [],
    dryRunFindings: new Set(),
    ready: false,
    windowRounds: 0,
    provedEarly: []
  })
  if (settled === 'deadline') {
    verification = empty()
    findings.push(
      catalog.finding('deadline', {
        message: `the health check did not finish within its deadline of ${formatDuration(deadlineMs)}`
      })
    )
  } else if (settled === 'aborted') {
    verification = empty()
    findings.push(catalog.finding('deadline', { message: 'the health check was stopped before it finished' }))
  } else {
    verification = settled[0]
    findings.push(...settled[1], ...verification.findings)
  }

  const { outcomes } = verification
  const metricNames = new Set(config.metrics.map(m => m.name))
  const windowProbes = outcomes.filter(o => o.phase === 'window' && !metricNames.has(o.target))
  const unhealthyProbes = windowProbes.filter(o => o.kind !== 'pass').length
  const errorRate = windowProbes.length > 0 ? unhealthyProbes / windowProbes.length : undefined
  const answered = windowProbes.filter(o => o.status !== undefined).map(o => o.latencyMs)
  const p95 = percentile(answered, 95)

  if (config.maxErrorRate !== undefined && errorRate !== undefined && errorRate > config.maxErrorRate) {
    findings.push(
      catalog.finding('error-rate', {
        message: `${unhealthyProbes} of ${windowProbes.length} probes in the window did not pass (error rate ${round(errorRate)}), above max-error-rate ${config.maxErrorRate}`
      })
    )
  }
  if (config.maxLatencyP95Ms !== undefined && p95 !== undefined && p95 > config.maxLatencyP95Ms) {
    findings.push(
      catalog.finding('latency-p95', {
        message: `95th-percentile probe latency was ${Math.round(p95)} ms over ${answered.length} answers, above max-latency-p95 ${config.maxLatencyP95Ms} ms`
      })
    )
  }

  // The verdict before dry-run: what enforcing would have said.
  const enforced = findings.filter(f => !verification.dryRunFindings.has(f))
  const failedFor = (fs: Finding[]) => fs.some(f => f.severity === 'error' && f.rule !== 'inconclusive')
  const inconclusiveFor = (fs: Finding[]) => fs.some(f => f.rule === 'inconclusive')
  const verdictOf = (fs: Finding[]) =>
    failedFor(fs) ? 'unhealthy' : inconclusiveFor(fs) ? 'inconclusive' : 'healthy'
  const verdict = verdictOf(config.dryRun ? findings : enforced)
  // Dry run: every error is reported as a warning, so the step passes while the summary shows what would fail.
  const reported = findings.map(f =>
    (config.dryRun || verification.dryRunFindings.has(f)) && f.severity === 'error'
      ? { ...f, severity: 'warning' as const, message: `dry-run: ${f.message}` }
      : f
  )
  return {
    gate: 'health',
    title: TITLE,
    findings: reported,
    outputs: {
      healthy: verdict === 'inconclusive' ? 'inconclusive' : String(verdict === 'healthy'),
      verdict,
      'dry-run': String(config.dryRun),
      'error-rate': errorRate === undefined ? '' : String(round(errorRate)),
      'latency-p95-ms': p95 === undefined ? '' : String(Math.round(p95)),
      probes: String(outcomes.length)
    },
    sections: [
      ...probeSections(outcomes.filter(o => !metricNames.has(o.target))),
      ...metricSections(config.metrics, outcomes)
    ],
    scope: `${config.targets.length + (config.metrics.length === 1 && config.metrics[0]!.name === 'prometheus' ? 1 : 0)} target(s)${config.metrics.length > 1 || (config.metrics.length === 1 && config.metrics[0]!.name !== 'prometheus') ? `, ${config.metrics.length} metric(s)` : ''}, ${outcomes.length} probes, ${verification.windowRounds} of ${Math.floor(config.windowMs / config.intervalMs)} window rounds every ${formatDuration(config.intervalMs)}${verification.provedEarly.length ? ` (${verification.provedEarly.join(', ')} proved early)` : ''}${config.dryRun ? ' (dry run: nothing fails)' : ''}`,
    secrets: config.secrets,
    data: { probes: outcomes },
    checks: healthChecks(config, outcomes, reported, verification.windowRounds)
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
          catalog.finding('tls-check', {
            message: `${target}: could not read the certificate: ${certificate.message}`
          })
        ]
      }
      const daysLeft = (certificate.validTo.getTime() - io.now()) / DAY_MS
      if (daysLeft >= minDays) return []
      const when =
        daysLeft < 0
          ? `expired on ${certificate.validTo.toISOString()}`
          : `expires in ${Math.floor(daysLeft)} day(s), on ${certificate.validTo.toISOString()}`
      return [
        catalog.finding('tls-expiry', {
          message: `${target}: the certificate for ${certificate.subject} ${when}, sooner than tls-min-days ${minDays}`
        })
      ]
    })
  return (await Promise.all(checks)).flat()
}

const round = (n: number) => Math.round(n * 10_000) / 10_000
