/** The health gate's checks for reports (one JUnit test case each): per target and phase, plus the window limits. */
import type { Finding, GateCheck } from '../../types.js'
import { displayUrl, type HealthConfig } from './config.js'
import type { ProbeOutcome } from './probe.js'

const READINESS_RULES = new Set(['not-ready'])
const WINDOW_RULES = new Set([
  'failure-limit',
  'consecutive-errors',
  'prometheus-query',
  'inconclusive',
  'consecutive-success-limit'
])
const TLS_RULES = new Set(['tls-check', 'tls-expiry'])

/**
 * Every finding of a target starts with its display URL (or `prometheus`, or 'Prometheus query' for
 * the query), which is how a finding is matched to its check. A finding no check claims still reaches
 * the JUnit report as its own test case.
 */
export function healthChecks(
  config: HealthConfig,
  outcomes: readonly ProbeOutcome[],
  findings: readonly Finding[],
  windowRounds: number
): GateCheck[] {
  const of = (rules: Set<string>, prefix: string) =>
    findings.filter(f => rules.has(f.rule) && f.message.startsWith(prefix))
  const checks: GateCheck[] = []
  const skippedWindow = windowRounds === 0 ? { skipped: 'the verification window did not run' } : {}
  for (const url of config.targets) {
    const target = displayUrl(url)
    const readiness = outcomes.filter(o => o.target === target && o.phase === 'readiness')
    checks.push({
      name: `${target} becomes ready`,
      group: 'readiness',
      findings: of(READINESS_RULES, `${target} `),
      ...(readiness.length > 0 ? { durationMs: readiness[readiness.length - 1]!.at } : {})
    })
    const window = of(WINDOW_RULES, `${target} `)
    checks.push({
      name: `${target} stays healthy`,
      group: 'window',
      findings: window,
      ...(window.length === 0 ? skippedWindow : {})
    })
    if (config.tlsMinDays !== undefined && url.protocol === 'https:') {
      checks.push({
        name: `${target} certificate outlives ${config.tlsMinDays} days`,
        group: 'tls',
        findings: of(TLS_RULES, `${target}: `)
      })
    }
  }
  for (const metric of config.metrics) {
    const window = [...of(WINDOW_RULES, `${metric.name} `), ...of(WINDOW_RULES, `${metric.name}: `)]
    const what =
      metric.provider.kind === 'prometheus'
        ? `query ${metric.provider.query}`
        : `${displayUrl(metric.provider.url)} ${metric.provider.jsonPath}`
    checks.push({
      name: `metric ${metric.name} (${what})`,
      group: 'window',
      findings: window,
      ...(window.length === 0 ? skippedWindow : {})
    })
  }
  if (config.maxErrorRate !== undefined) {
    checks.push({
      name: `error rate at most ${config.maxErrorRate}`,
      group: 'window',
      findings: findings.filter(f => f.rule === 'error-rate'),
      ...skippedWindow
    })
  }
  if (config.maxLatencyP95Ms !== undefined) {
    checks.push({
      name: `95th-percentile latency at most ${config.maxLatencyP95Ms} ms`,
      group: 'window',
      findings: findings.filter(f => f.rule === 'latency-p95'),
      ...skippedWindow
    })
  }
  return checks
}
