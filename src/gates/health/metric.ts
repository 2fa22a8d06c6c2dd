/**
 * A metric of the analysis, in the spirit of Argo Rollouts' AnalysisTemplate metrics: a provider (Prometheus or
 * a JSON web endpoint), conditions, its own interval, initial delay and limits. The single `prometheus-*` inputs
 * are one such metric; an `analysis-file` holds several.
 */
import type { Condition } from './condition.js'

export type NoDataPolicy = 'fail' | 'pass' | 'inconclusive'

export interface PrometheusProvider {
  kind: 'prometheus'
  url: URL
  query: string
  /** Sent with every query (Authorization: Bearer …, X-Scope-OrgID …); values are masked. */
  headers: Record<string, string>
  /** This provider's request timeout (default: request-timeout). */
  timeoutMs?: number
}

export interface WebProvider {
  kind: 'web'
  url: URL
  /** RFC 9535 JSONPath selecting the value(s), e.g. `$.data.error_rate`. */
  jsonPath: string
  headers: Record<string, string>
  method?: 'GET' | 'POST'
  /** POST body, as sent (a mapping in the file is sent as JSON). */
  body?: string
  timeoutMs?: number
}

export interface MetricConfig {
  name: string
  provider: PrometheusProvider | WebProvider
  successCondition?: Condition
  failureCondition?: Condition
  intervalMs: number
  initialDelayMs: number
  /** Failed measurements tolerated; the metric fails when they exceed it. */
  failureLimit: number
  /** Inconclusive measurements tolerated; the analysis is inconclusive when they exceed it. */
  inconclusiveLimit: number
  /** Errors in a row tolerated (no answer, an unreadable answer). */
  consecutiveErrorLimit: number
  /** 0: off. Otherwise the metric has passed (and stops) after this many passes in a row. */
  consecutiveSuccessLimit: number
  onNoData: NoDataPolicy
  /** Evaluated and reported, never failing the gate (Argo's dryRun). */
  dryRun: boolean
}

/** The Argo vocabulary: fail (answered, but not within the conditions), error (no usable answer). */
export interface Measurement {
  kind: 'pass' | 'fail' | 'error' | 'inconclusive'
  latencyMs: number
  status?: number
  reason?: string
  /** The value(s) the conditions were evaluated on, as shown. */
  value?: string
  /** The first value as a number, for the chart. */
  numeric?: number
  /** The query itself was rejected: retrying cannot help, the analysis stops. */
  queryError?: string
}
