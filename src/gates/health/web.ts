import { query } from 'jsonpath-rfc9535'
import { httpRequest } from '../../http.js'
import type { GateIO } from '../../types.js'
import { describeValue } from './assertion.js'
import { judge } from './condition.js'
import type { Measurement, MetricConfig, WebProvider } from './metric.js'

/**
 * Argo Rollouts' `web` metric: GET a JSON URL (a small endpoint in front of Datadog, New Relic, CloudWatch…)
 * and select the value with an RFC 9535 JSONPath (jsonpath-rfc9535, which passes the JSONPath compliance
 * suite). One match is the value; several are judged as series (each must meet the success condition).
 */
export async function measureWeb(
  metric: MetricConfig,
  provider: WebProvider,
  io: GateIO,
  timeoutMs: number
): Promise<Measurement> {
  const response = await httpRequest(io, provider.url, {
    timeoutMs: provider.timeoutMs ?? timeoutMs,
    method: provider.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(provider.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...provider.headers
    },
    ...(provider.body !== undefined ? { body: provider.body } : {})
  })
  if (!response.ok) return { kind: 'error', latencyMs: response.durationMs, reason: response.message }
  const { status, durationMs: latencyMs } = response
  if (status < 200 || status > 299) return { kind: 'error', latencyMs, status, reason: `answered ${status}` }
  let document: unknown
  try {
    document = JSON.parse(response.body)
  } catch {
    return { kind: 'error', latencyMs, status, reason: `answered ${status} without JSON` }
  }
  const matches = query(document as never, provider.jsonPath) as unknown[]
  if (matches.length === 0) {
    return {
      kind: metric.onNoData,
      latencyMs,
      status,
      reason: `no data (${provider.jsonPath} selects nothing)`,
      value: 'no data'
    }
  }
  const result = matches.length === 1 ? matches[0] : matches
  const verdict = judge(result, metric.successCondition, metric.failureCondition)
  const first = matches[0]
  return {
    kind: verdict.kind,
    latencyMs,
    status,
    value: matches.slice(0, 5).map(describeValue).join(', ') + (matches.length > 5 ? ', …' : ''),
    ...(typeof first === 'number' && Number.isFinite(first) ? { numeric: first } : {}),
    ...(verdict.kind !== 'pass' ? { reason: verdict.reason } : {})
  }
}
