import { formatDuration } from '../../duration.js'
import type { Finding, GateIO } from '../../types.js'
import { displayUrl, type HealthConfig } from './config.js'
import { probeTarget, type Check, type ProbeOutcome } from './probe.js'
import { evaluatePrometheus, type PrometheusCheck } from './prometheus.js'

/** First readiness retry delay; doubled after each unhealthy answer up to `interval`. */
export const INITIAL_BACKOFF_MS = 100
/** The shortest timeout a readiness probe gets, even right at the deadline. */
const READINESS_GRACE_MS = 100

export interface Verification {
  outcomes: ProbeOutcome[]
  findings: Finding[]
  /** Targets that answered healthy during readiness. */
  ready: boolean
  /** Window probes that ran (all targets), for the scope line. */
  windowRounds: number
}

/** Shared between the verification and the gate's deadline timer: once stopped, no new probe starts. */
export interface StopSignal {
  stopped: boolean
}

/**
 * Readiness (each target, with capped exponential backoff, until its first healthy answer), then the
 * verification window: every `interval`, all targets and the Prometheus query are measured together, and
 * the run stops at the first measurement that breaks a limit.
 */
export async function verify(
  config: HealthConfig,
  io: GateIO,
  startedAt: number,
  stop: StopSignal
): Promise<Verification> {
  const outcomes: ProbeOutcome[] = []
  const findings: Finding[] = []
  const record = (target: string, phase: ProbeOutcome['phase'], check: Check, at: number) => {
    const outcome: ProbeOutcome = { target, phase, at: at - startedAt, ...check }
    outcomes.push(outcome)
    return outcome
  }

  const readiness = await Promise.all(config.targets.map(url => awaitReady(url)))
  const notReady = readiness.filter(r => !r.ready)
  for (const { target, last, probes } of notReady) {
    findings.push({
      rule: 'not-ready',
      severity: 'error',
      message: `${target} did not answer healthy within the readiness timeout of ${formatDuration(config.readinessTimeoutMs)} (${probes} probes); last: ${last?.reason ?? 'no probe ran'}`,
      help: 'Check that the new version is deployed and reachable, or raise readiness-timeout if it starts slowly.'
    })
  }
  if (notReady.length > 0 || stop.stopped)
    return { outcomes, findings, ready: notReady.length === 0, windowRounds: 0 }

  const streams = [
    ...config.targets.map(url => ({
      target: displayUrl(url),
      measure: (timeoutMs: number) => probeTarget(config, url, io, timeoutMs)
    })),
    ...(config.prometheus
      ? [
          {
            target: 'prometheus',
            measure: (timeoutMs: number) => evaluatePrometheus(config.prometheus!, io, timeoutMs)
          }
        ]
      : [])
  ].map(stream => ({ ...stream, failures: 0, consecutiveErrors: 0 }))

  const windowStart = io.now()
  const rounds = Math.floor(config.windowMs / config.intervalMs)
  let windowRounds = 0
  for (let round = 1; round <= rounds && !stop.stopped; round++) {
    // Rounds are scheduled from the window's start, so slow probes do not stretch the window.
    const wait = windowStart + round * config.intervalMs - io.now()
    if (wait > 0) await io.sleep(wait)
    if (stop.stopped) break
    windowRounds++
    const checks = await Promise.all(streams.map(stream => stream.measure(config.requestTimeoutMs)))
    const at = io.now()
    let breached = false
    checks.forEach((check, index) => {
      const stream = streams[index]!
      const outcome = record(stream.target, 'window', check, at)
      const queryError = (check as PrometheusCheck).queryError
      if (queryError) {
        findings.push({
          rule: 'prometheus-query',
          severity: 'error',
          message: `Prometheus query '${config.prometheus!.query}' failed: ${queryError}`,
          help: 'Fix the PromQL in prometheus-query; it must return an instant vector or a scalar.'
        })
        breached = true
        return
      }
      if (check.kind === 'error') stream.consecutiveErrors++
      else stream.consecutiveErrors = 0
      if (check.kind === 'fail') stream.failures++
      if (check.kind !== 'pass')
        io.log.info(`${stream.target}: ${check.kind} at ${formatDuration(outcome.at)}: ${check.reason}`)
      if (check.kind === 'fail' && stream.failures > config.failureLimit) {
        findings.push({
          rule: 'failure-limit',
          severity: 'error',
          message: `${stream.target} failed ${stream.failures} probe(s) in the verification window, more than failure-limit ${config.failureLimit}; last: ${check.reason}`,
          help: 'The new version stopped serving correctly after becoming ready: roll back (gate: rollback).'
        })
        breached = true
      }
      if (check.kind === 'error' && stream.consecutiveErrors > config.consecutiveErrorLimit) {
        findings.push({
          rule: 'consecutive-errors',
          severity: 'error',
          message: `${stream.target} gave no answer ${stream.consecutiveErrors} times in a row, more than consecutive-error-limit ${config.consecutiveErrorLimit}; last: ${check.reason}`,
          help: 'The service (or the way to it) went away during the window: roll back (gate: rollback).'
        })
        breached = true
      }
    })
    if (breached) break
  }
  // A window too short to reach consecutive-error-limit must not pass a target (or Prometheus) that never
  // answered in it: nothing was verified, so the gate fails closed.
  for (const stream of streams) {
    const window = outcomes.filter(o => o.target === stream.target && o.phase === 'window')
    if (window.length === 0 || window.some(o => o.kind !== 'error')) continue
    if (stream.consecutiveErrors > config.consecutiveErrorLimit) continue
    findings.push({
      rule: 'consecutive-errors',
      severity: 'error',
      message: `${stream.target} gave no answer in any of the ${window.length} probe(s) of the verification window; last: ${window[window.length - 1]!.reason}`,
      help: 'Nothing was verified: check that the service (or Prometheus) is reachable from the runner.'
    })
  }
  return { outcomes, findings, ready: true, windowRounds }

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
