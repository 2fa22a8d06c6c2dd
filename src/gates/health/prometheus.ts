import { httpRequest } from '../../http.js'
import type { GateIO } from '../../types.js'
import { evaluate } from './assertion.js'
import type { PrometheusConfig } from './config.js'
import type { Check } from './probe.js'

/**
 * One evaluation of the canary query through Prometheus' HTTP API (`GET /api/v1/query`), judged by
 * success-condition. Response format: `{status, data: {resultType, result}}` or `{status: "error", errorType, error}`.
 */
export type PrometheusCheck = Check & {
  /** Set when Prometheus rejected the query itself: retrying cannot help, so the gate stops. */
  queryError?: string
}

interface QueryResponse {
  status?: string
  errorType?: string
  error?: string
  data?: { resultType?: string; result?: unknown }
}

export async function evaluatePrometheus(
  config: PrometheusConfig,
  io: GateIO,
  timeoutMs: number
): Promise<PrometheusCheck> {
  const url = new URL('api/v1/query', config.url.href.endsWith('/') ? config.url : `${config.url.href}/`)
  url.searchParams.set('query', config.query)
  url.searchParams.set('time', String(io.now() / 1000))
  const response = await httpRequest(io, url, { timeoutMs, headers: { accept: 'application/json' } })
  if (!response.ok)
    return { kind: 'error', latencyMs: response.durationMs, reason: `Prometheus: ${response.message}` }
  const latencyMs = response.durationMs
  let body: QueryResponse
  try {
    body = JSON.parse(response.body) as QueryResponse
  } catch {
    return {
      kind: 'error',
      latencyMs,
      status: response.status,
      reason: `Prometheus answered ${response.status} without JSON`
    }
  }
  if (body.status !== 'success') {
    const detail = `${body.errorType ?? 'error'}: ${body.error ?? `status ${response.status}`}`
    // 400 bad_data (syntax) and 422 execution errors are the query's fault; 503 timeouts/unavailability may pass.
    if (response.status === 400 || response.status === 422 || body.errorType === 'bad_data') {
      return { kind: 'fail', latencyMs, status: response.status, reason: detail, queryError: detail }
    }
    return { kind: 'error', latencyMs, status: response.status, reason: `Prometheus ${detail}` }
  }
  const values = readValues(body.data)
  if (typeof values === 'string') {
    return { kind: 'fail', latencyMs, status: response.status, reason: values, queryError: values }
  }
  if (Array.isArray(values) && values.length === 0) {
    const kind = config.onNoData === 'pass' ? 'pass' : config.onNoData === 'fail' ? 'fail' : 'inconclusive'
    return { kind, latencyMs, status: response.status, reason: 'no data', value: 'no data' }
  }
  const value = Array.isArray(values) ? values.map(String).join(', ') : String(values)
  const reason = judgeCondition(config, values)
  return {
    kind: reason ? 'fail' : 'pass',
    latencyMs,
    status: response.status,
    value,
    ...(reason ? { reason } : {})
  }
}

/** A scalar gives one number, a vector one number per series; anything else is a query the condition cannot judge. */
function readValues(data: QueryResponse['data']): number | number[] | string {
  const toNumber = (sample: unknown) => Number((sample as [number, string])[1])
  if (data?.resultType === 'scalar' && Array.isArray(data.result)) return toNumber(data.result)
  if (data?.resultType === 'vector' && Array.isArray(data.result)) {
    return data.result.map(series => toNumber((series as { value?: unknown }).value ?? []))
  }
  return `the query returned a ${data?.resultType ?? 'malformed'} result; success-condition needs an instant vector or a scalar`
}

/** `result < 0.01` must hold for every series; `result[0] < 0.01` for the first one only. */
function judgeCondition(config: PrometheusConfig, values: number | number[]): string | undefined {
  const { condition } = config
  if (condition.path.length === 0 && Array.isArray(values)) {
    for (const value of values) {
      const verdict = evaluate(condition, value)
      if (!verdict.ok) return verdict.reason
    }
    return undefined
  }
  const verdict = evaluate(condition, values)
  return verdict.ok ? undefined : verdict.reason
}
