import { httpRequest } from '../../http.js'
import type { GateIO } from '../../types.js'
import { judge } from './condition.js'
import type { Measurement, MetricConfig, PrometheusProvider } from './metric.js'
import { parseSample } from './samples.js'

/**
 * One evaluation of a metric's PromQL through Prometheus' HTTP API (`GET /api/v1/query`). Response format:
 * `{status, data: {resultType, result}}` or `{status: "error", errorType, error}`. Samples are read strictly
 * (samples.ts): one unreadable series makes the measurement an error, never a number.
 */
interface QueryResponse {
  status?: string
  errorType?: string
  error?: string
  data?: { resultType?: string; result?: unknown }
}

export async function measurePrometheus(
  metric: MetricConfig,
  provider: PrometheusProvider,
  io: GateIO,
  timeoutMs: number
): Promise<Measurement> {
  const base = provider.url.href.endsWith('/') ? provider.url : new URL(`${provider.url.href}/`)
  const url = new URL('api/v1/query', base)
  url.searchParams.set('query', provider.query)
  url.searchParams.set('time', String(io.now() / 1000))
  const response = await httpRequest(io, url, {
    timeoutMs: provider.timeoutMs ?? timeoutMs,
    headers: { accept: 'application/json', ...provider.headers }
  })
  if (!response.ok)
    return { kind: 'error', latencyMs: response.durationMs, reason: `Prometheus: ${response.message}` }
  const latencyMs = response.durationMs
  const status = response.status
  let body: QueryResponse
  try {
    body = JSON.parse(response.body) as QueryResponse
  } catch {
    return { kind: 'error', latencyMs, status, reason: `Prometheus answered ${status} without JSON` }
  }
  if (body === null || typeof body !== 'object') {
    return {
      kind: 'error',
      latencyMs,
      status,
      reason: `Prometheus answered ${status} with JSON that is not a query result`
    }
  }
  if (body.status !== 'success') {
    const detail = `${body.errorType ?? 'error'}: ${body.error ?? `status ${status}`}`
    // 400 bad_data (syntax) and 422 execution errors are the query's fault; 503 timeouts/unavailability may pass.
    if (status === 400 || status === 422 || body.errorType === 'bad_data') {
      return { kind: 'fail', latencyMs, status, reason: detail, queryError: detail }
    }
    return { kind: 'error', latencyMs, status, reason: `Prometheus ${detail}` }
  }
  const values = readValues(body.data)
  if (values.kind === 'unusable')
    return { kind: 'fail', latencyMs, status, reason: values.reason, queryError: values.reason }
  if (values.kind === 'unreadable') return { kind: 'error', latencyMs, status, reason: values.reason }
  if (Array.isArray(values.value) && values.value.length === 0) {
    const kind = metric.onNoData
    return { kind, latencyMs, status, reason: 'no data', value: 'no data' }
  }
  const list = Array.isArray(values.value) ? values.value : [values.value]
  const shown = list.map(formatValue).join(', ')
  const verdict = judge(values.value, metric.successCondition, metric.failureCondition)
  return {
    kind: verdict.kind,
    latencyMs,
    status,
    value: shown,
    ...(Number.isFinite(list[0]) ? { numeric: list[0]! } : {}),
    ...(verdict.kind !== 'pass' ? { reason: verdict.reason } : {})
  }
}

const formatValue = (n: number) =>
  Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n)

type Values =
  | { kind: 'ok'; value: number | number[] }
  | { kind: 'unusable'; reason: string }
  | { kind: 'unreadable'; reason: string }

/** A scalar gives one number, a vector one per series; a matrix or string cannot be judged by a condition. */
function readValues(data: QueryResponse['data']): Values {
  if (data?.resultType === 'scalar') {
    const value = parseSample(data.result)
    return value === undefined
      ? {
          kind: 'unreadable',
          reason: 'Prometheus sent a scalar whose value is not a sample (a decimal string, NaN, +Inf or -Inf)'
        }
      : { kind: 'ok', value }
  }
  if (data?.resultType === 'vector' && Array.isArray(data.result)) {
    const values: number[] = []
    for (const [index, series] of data.result.entries()) {
      const value = parseSample((series as { value?: unknown } | null)?.value)
      if (value === undefined) {
        return {
          kind: 'unreadable',
          reason: `Prometheus sent series ${index + 1} of ${data.result.length} with a value that is not a sample (a decimal string, NaN, +Inf or -Inf)`
        }
      }
      values.push(value)
    }
    return { kind: 'ok', value: values }
  }
  if (data?.resultType === 'matrix' || data?.resultType === 'string') {
    return {
      kind: 'unusable',
      reason: `the query returned a ${data.resultType} result; a condition needs an instant vector or a scalar`
    }
  }
  return { kind: 'unreadable', reason: 'Prometheus answered success without a readable result' }
}
