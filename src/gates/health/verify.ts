import { formatDuration } from '../../duration.js'
import type { Finding, GateIO } from '../../types.js'
import { catalog } from './catalog.js'
import { StreamTally } from './limits.js'
import { displayUrl, type HealthConfig } from './config.js'
import type { Measurement, MetricConfig } from './metric.js'
import { probeTarget, type Check, type ProbeOutcome } from './probe.js'
import { measurePrometheus } from './prometheus.js'
import { measureWeb } from './web.js'

/** First readiness retry delay; doubled after each unhealthy answer up to `interval`. */
export const INITIAL_BACKOFF_MS = 100
/** The shortest timeout a readiness probe gets, even right at the deadline. */
const READINESS_GRACE_MS = 100

export interface Verification {
  outcomes: ProbeOutcome[]
  findings: Finding[]
  /** Findings of dry-run metrics: reported, never failing. */
  dryRunFindings: Set<Finding>
  /** Targets that answered healthy during readiness. */
  ready: boolean
  /** Window measurements that ran (all streams' rounds, the most of any stream), for the scope line. */
  windowRounds: number
  /** Streams that proved themselves early (consecutive-success-limit). */
  provedEarly: string[]
}

/** Shared between the verification and the gate's deadline timer: once stopped, no new probe starts. */
export interface StopSignal {
  stopped: boolean
}

/** One thing measured in the window: a target's probe or a metric, each with its own schedule and limits. */
interface Stream {
  target: string
  metric?: MetricConfig
  intervalMs: number
  initialDelayMs: number
  failureLimit: number
  inconclusiveLimit: number
  consecutiveErrorLimit: number
  consecutiveSuccessLimit: number
  measure(timeoutMs: number): Promise<Check & { queryError?: string }>
}

export function measureMetric(metric: MetricConfig, io: GateIO, timeoutMs: number): Promise<Measurement> {
  return metric.provider.kind === 'prometheus'
    ? measurePrometheus(metric, metric.provider, io, timeoutMs)
    : measureWeb(metric, metric.provider, io, timeoutMs)
}

/**
 * Readiness (each target, with capped exponential backoff, until its first healthy answer; skipped when
 * readiness-timeout is 0), then the verification window: each target and metric is measured on its own
 * schedule (initial delay, then every interval), judged against its own limits, and the run stops at the first
 * measurement that breaks one (a dry-run metric only stops itself).
 */
export async function verify(
  config: HealthConfig,
  io: GateIO,
  startedAt: number,
  stop: StopSignal
): Promise<Verification> {
  const outcomes: ProbeOutcome[] = []
  const findings: Finding[] = []
  const dryRunFindings = new Set<Finding>()
  const record = (target: string, phase: ProbeOutcome['phase'], check: Check, at: number) => {
    const outcome: ProbeOutcome = { target, phase, at: at - startedAt, ...check }
    outcomes.push(outcome)
    return outcome
  }

  if (config.readinessTimeoutMs > 0) {
    const readiness = await Promise.all(config.targets.map(url => awaitReady(url)))
    const notReady = readiness.filter(r => !r.ready)
    for (const { target, last, probes } of notReady) {
      findings.push(
        catalog.finding('not-ready', {
          message: `${target} did not answer healthy within the readiness timeout of ${formatDuration(config.readinessTimeoutMs)} (${probes} probes); last: ${last?.reason ?? 'no probe ran'}`
        })
      )
    }
    if (notReady.length > 0 || stop.stopped)
      return {
        outcomes,
        findings,
        dryRunFindings,
        ready: notReady.length === 0,
        windowRounds: 0,
        provedEarly: []
      }
  }

  const streams: Stream[] = [
    ...config.targets.map(url => ({
      target: displayUrl(url),
      intervalMs: config.intervalMs,
      initialDelayMs: config.initialDelayMs,
      failureLimit: config.failureLimit,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: config.consecutiveErrorLimit,
      consecutiveSuccessLimit: config.consecutiveSuccessLimit,
      measure: (timeoutMs: number) => probeTarget(config, url, io, timeoutMs)
    })),
    ...config.metrics.map(metric => ({
      target: metric.name,
      metric,
      intervalMs: metric.intervalMs,
      initialDelayMs: metric.initialDelayMs,
      failureLimit: metric.failureLimit,
      inconclusiveLimit: metric.inconclusiveLimit,
      consecutiveErrorLimit: metric.consecutiveErrorLimit,
      consecutiveSuccessLimit: metric.consecutiveSuccessLimit,
      measure: (timeoutMs: number) => measureMetric(metric, io, timeoutMs)
    }))
  ]

  const windowStart = io.now()
  const provedEarly: string[] = []
  const streamResults = await Promise.all(streams.map(stream => runStream(stream)))
  const windowRounds = Math.max(0, ...streamResults)
  return { outcomes, findings, dryRunFindings, ready: true, windowRounds, provedEarly }

  /** Measures one stream through the window; returns how many measurements it made. */
  async function runStream(stream: Stream): Promise<number> {
    const dryRun = stream.metric?.dryRun === true
    const report = (finding: Finding) => {
      findings.push(finding)
      if (dryRun) dryRunFindings.add(finding)
      // A breach ends the analysis; a dry-run metric's breach ends only its own measuring.
      if (!dryRun && finding.severity === 'error') stop.stopped = true
    }
    const tally = new StreamTally(
      stream.target,
      stream,
      stream.metric ? 'measurement' : 'probe',
      config.allowInconclusive
    )
    const rounds = Math.floor((config.windowMs - stream.initialDelayMs) / stream.intervalMs)
    let made = 0
    for (let round = 1; round <= rounds && !stop.stopped; round++) {
      // Rounds are scheduled from the window's start, so slow probes do not stretch the window.
      const wait = windowStart + stream.initialDelayMs + round * stream.intervalMs - io.now()
      if (wait > 0) await io.sleep(wait)
      if (stop.stopped) break
      made++
      const check = await stream.measure(config.requestTimeoutMs)
      // Another stream broke a limit meanwhile: this answer no longer matters.
      if (stop.stopped && check.kind !== 'pass' && !dryRun) return made
      const outcome = record(stream.target, 'window', check, io.now())
      if (check.queryError) {
        const query = stream.metric?.provider.kind === 'prometheus' ? stream.metric.provider.query : ''
        report(
          catalog.finding('prometheus-query', {
            message: `${stream.target}: the query '${query}' failed: ${check.queryError}`
          })
        )
        return made
      }
      if (check.kind !== 'pass')
        io.log.info(`${stream.target}: ${check.kind} at ${formatDuration(outcome.at)}: ${check.reason}`)
      const observation = tally.observe(check)
      if (observation.kind === 'breach') {
        report(observation.finding)
        return made
      }
      if (observation.kind === 'proved') {
        provedEarly.push(stream.target)
        io.log.info(
          `${stream.target}: passed ${stream.consecutiveSuccessLimit} times in a row (consecutive-success-limit): done`
        )
        return made
      }
    }
    if (stop.stopped && !dryRun) return made
    const verdict = tally.close()
    if (verdict) report(verdict)
    return made
  }

  async function awaitReady(url: URL) {
    const target = displayUrl(url)
    const deadline = io.now() + config.readinessTimeoutMs
    let delay = Math.min(INITIAL_BACKOFF_MS, config.intervalMs)
    let last: ProbeOutcome | undefined
    let probes = 0
    while (!stop.stopped) {
      // A probe may not run past the deadline by more than a short grace, enough for a loopback answer.
      const grace = Math.min(config.requestTimeoutMs, READINESS_GRACE_MS)
      const timeoutMs = Math.max(grace, Math.min(config.requestTimeoutMs, deadline - io.now()))
      const check = await probeTarget(config, url, io, timeoutMs)
      probes++
      last = record(target, 'readiness', check, io.now())
      if (check.kind === 'pass') {
        io.log.info(`${target}: ready after ${formatDuration(last.at)} (${probes} probe(s))`)
        return { target, ready: true, last, probes }
      }
      const remaining = deadline - io.now()
      if (remaining <= 0) break
      await io.sleep(Math.min(delay, remaining))
      delay = Math.min(delay * 2, config.intervalMs)
    }
    return { target, ready: false, last, probes }
  }
}
