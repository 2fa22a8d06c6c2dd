import { httpRequest, type HttpResponse } from '../../http.js'
import type { GateIO } from '../../types.js'
import { evaluate } from './assertion.js'
import type { HealthConfig } from './config.js'

/**
 * Argo Rollouts' vocabulary: a probe `fail`s when the service answered but not as expected (wrong status, body
 * or header), and `error`s when no answer could be had (refused, reset, timeout). They have separate limits.
 */
export type ProbeKind = 'pass' | 'fail' | 'error' | 'inconclusive'

export interface ProbeOutcome {
  /** The target as shown to users (URL with any password redacted), or the metric's name. */
  target: string
  phase: 'readiness' | 'window'
  /** Milliseconds since the gate started. */
  at: number
  kind: ProbeKind
  status?: number
  latencyMs: number
  /** Why it did not pass; one line, never a header or body dump. */
  reason?: string
  /** Metrics: the value(s) the condition was evaluated on. */
  value?: string
  /** Metrics: the first value as a number, for the chart. */
  numeric?: number
}

export type Check = Omit<ProbeOutcome, 'target' | 'phase' | 'at'>

/** One HTTP probe of a target, judged against expect-status, expect-header and expect-body. */
export async function probeTarget(
  config: HealthConfig,
  url: URL,
  io: GateIO,
  timeoutMs: number
): Promise<Check> {
  const response = await httpRequest(io, url, {
    timeoutMs,
    headers: {
      accept: config.expectBody.length > 0 ? 'application/json' : '*/*',
      'user-agent': 'deploy-gates-health'
    }
  })
  if (!response.ok) return { kind: 'error', latencyMs: response.durationMs, reason: response.message }
  const reason = judge(config, response)
  return {
    kind: reason ? 'fail' : 'pass',
    status: response.status,
    latencyMs: response.durationMs,
    ...(reason ? { reason } : {})
  }
}

function judge(config: HealthConfig, response: HttpResponse): string | undefined {
  if (!config.expectStatus.accepts(response.status)) {
    return `status ${response.status}, expected ${config.expectStatus.text}`
  }
  for (const header of config.expectHeaders) {
    const actual = response.headers.get(header.name)
    if (actual === null) return `header ${header.name} is missing`
    if (header.value !== undefined && actual.trim() !== header.value) {
      return `header ${header.name} is '${truncate(actual.trim())}', expected '${header.value}'`
    }
  }
  if (config.expectBody.length === 0) return undefined
  let document: unknown
  try {
    document = JSON.parse(response.body)
  } catch {
    const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'no content-type'
    return `the body is not JSON (${type}, ${response.body.length} bytes), so ${config.expectBody[0]!.source} cannot be checked`
  }
  const reasons = config.expectBody.flatMap(assertion => {
    const verdict = evaluate(assertion, document)
    return verdict.ok ? [] : [verdict.reason]
  })
  return reasons.length > 0 ? reasons.join('; ') : undefined
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
