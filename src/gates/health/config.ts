import { InputError } from '../../errors.js'
import { formatDuration } from '../../duration.js'
import {
  getBoolean,
  getChoice,
  getDuration,
  getInteger,
  getList,
  getNumber,
  getString,
  getUrl,
  parseHttpUrl,
  redactUrl
} from '../../inputs.js'
import type { InputSource } from '../../types.js'
import { loadAnalysisFile } from './analysis-file.js'
import { AssertionSyntaxError, parseAssertion, type Assertion } from './assertion.js'
import { parseCondition, type Condition } from './condition.js'
import type { MetricConfig, NoDataPolicy } from './metric.js'

export type { NoDataPolicy } from './metric.js'

export interface StatusMatcher {
  /** As written, e.g. `2xx` or `200,204`. */
  text: string
  accepts(status: number): boolean
}

export interface HeaderExpectation {
  name: string
  /** Exact value expected; undefined: the header only has to be present. */
  value?: string
}

/** Where the analysis file is read from and `${VAR}` in its header values is expanded from. */
export interface HealthContext {
  cwd: string
  env: Record<string, string | undefined>
}

export interface HealthConfig {
  targets: URL[]
  expectStatus: StatusMatcher
  expectBody: Assertion[]
  expectHeaders: HeaderExpectation[]
  readinessTimeoutMs: number
  windowMs: number
  intervalMs: number
  failureLimit: number
  consecutiveErrorLimit: number
  maxErrorRate?: number
  maxLatencyP95Ms?: number
  tlsMinDays?: number
  requestTimeoutMs: number
  /** The metrics analysed in the window: the `prometheus-*` inputs' one, or an `analysis-file`'s. */
  metrics: MetricConfig[]
  /** Time after readiness before the first window measurement (Argo's initialDelay), for targets and metrics. */
  initialDelayMs: number
  /** Target probes: passes in a row after which a target has proved itself (0: off). */
  consecutiveSuccessLimit: number
  /** An inconclusive analysis passes (with a warning) instead of failing. */
  allowInconclusive: boolean
  /** Evaluate and report, never fail (tuning thresholds before enforcing them). */
  dryRun: boolean
  /** Passwords in target or Prometheus URLs and header values, for the reporter to mask. */
  secrets: string[]
}

/**
 * The health gate's config. `context` (the gate's cwd and environment) is where an `analysis-file` is read and
 * its `${VAR}` header values expanded; callers without one (the rollout gate) get the process's.
 */
export function parseHealthInputs(
  source: InputSource,
  context: HealthContext = { cwd: process.cwd(), env: process.env }
): HealthConfig {
  const secrets: string[] = []
  const targets = getList(source, 'url', { commas: false }).map(value => {
    const url = parseHttpUrl(value, source.describe('url'))
    if (url.password) secrets.push(decodeURIComponent(url.password))
    return url
  })
  const prometheusUrl = getUrl(source, 'prometheus-url')
  if (prometheusUrl?.password) secrets.push(decodeURIComponent(prometheusUrl.password))
  const analysisFile = source.get('analysis-file')
  if (targets.length === 0 && !prometheusUrl && analysisFile === undefined) {
    throw new InputError(
      `${source.describe('url')} is required: the URLs to probe (or give ${source.describe('prometheus-url')} or ${source.describe('analysis-file')})`
    )
  }
  if (analysisFile !== undefined && prometheusUrl) {
    throw new InputError(
      `${source.describe('prometheus-url')} and ${source.describe('analysis-file')} both define the analysis: put the Prometheus metric in the file`
    )
  }
  const intervalMs = getDuration(source, 'interval', '5s')
  if (intervalMs <= 0) throw new InputError(`${source.describe('interval')} must be longer than 0`)
  const windowMs = getDuration(source, 'window', '60s')
  // A window shorter than one interval runs no probe: the gate would pass on readiness alone, and a
  // Prometheus query (evaluated only in the window) would never run.
  if (windowMs > 0 && windowMs < intervalMs) {
    throw new InputError(
      `${source.describe('window')} (${formatDuration(windowMs)}) is shorter than ${source.describe('interval')} (${formatDuration(intervalMs)}): no probe would run in it`
    )
  }
  if (windowMs === 0 && (prometheusUrl || analysisFile !== undefined)) {
    throw new InputError(
      `${source.describe(prometheusUrl ? 'prometheus-url' : 'analysis-file')} is evaluated in the verification window: set ${source.describe('window')} to at least ${source.describe('interval')}`
    )
  }
  const initialDelayMs = getDuration(source, 'initial-delay', '0s')
  if (windowMs > 0 && initialDelayMs + intervalMs > windowMs) {
    throw new InputError(
      `${source.describe('initial-delay')} (${formatDuration(initialDelayMs)}) leaves less than one ${source.describe('interval')} of the ${source.describe('window')}: no measurement would run`
    )
  }
  const requestTimeoutMs = getDuration(source, 'request-timeout', '10s')
  if (requestTimeoutMs <= 0)
    throw new InputError(`${source.describe('request-timeout')} must be longer than 0`)
  const optionalNumber = (name: string, min: number, max: number) =>
    source.get(name) === undefined ? undefined : getNumber(source, name, 0, { min, max })

  const defaults: MetricDefaults = {
    intervalMs,
    initialDelayMs,
    failureLimit: getInteger(source, 'failure-limit', 0, { min: 0 }),
    inconclusiveLimit: getInteger(source, 'inconclusive-limit', 0, { min: 0 }),
    consecutiveErrorLimit: getInteger(source, 'consecutive-error-limit', 4, { min: 0 }),
    consecutiveSuccessLimit: getInteger(source, 'consecutive-success-limit', 0, { min: 0 }),
    onNoData: getChoice<NoDataPolicy>(source, 'on-no-data', ['fail', 'pass', 'inconclusive'], 'fail')
  }
  const metrics: MetricConfig[] = prometheusUrl
    ? [parsePrometheusInputs(source, prometheusUrl, defaults, secrets)]
    : analysisFile !== undefined
      ? loadAnalysisFile(analysisFile, context, defaults, windowMs, secrets)
      : rejectOrphanPrometheusInputs(source)

  return {
    targets,
    expectStatus: parseStatusMatcher(
      getString(source, 'expect-status', '2xx'),
      source.describe('expect-status')
    ),
    expectBody: getList(source, 'expect-body', { commas: false }).map((line, index) =>
      parseAssertionInput(line, '$', `${source.describe('expect-body')} line ${index + 1}`)
    ),
    expectHeaders: getList(source, 'expect-header', { commas: false }).map(line =>
      parseHeaderExpectation(line, source.describe('expect-header'))
    ),
    readinessTimeoutMs: getDuration(source, 'readiness-timeout', '120s'),
    windowMs,
    intervalMs,
    failureLimit: defaults.failureLimit,
    consecutiveErrorLimit: defaults.consecutiveErrorLimit,
    maxErrorRate: optionalNumber('max-error-rate', 0, 1),
    maxLatencyP95Ms: optionalNumber('max-latency-p95', 0, Number.MAX_SAFE_INTEGER),
    tlsMinDays: optionalNumber('tls-min-days', 0, 36_500),
    requestTimeoutMs,
    metrics,
    initialDelayMs,
    consecutiveSuccessLimit: defaults.consecutiveSuccessLimit,
    allowInconclusive: getBoolean(source, 'allow-inconclusive', false),
    dryRun: getBoolean(source, 'dry-run', false),
    secrets
  }
}

/** What a metric inherits from the gate's inputs unless the analysis file says otherwise. */
export type MetricDefaults = Pick<
  MetricConfig,
  | 'intervalMs'
  | 'initialDelayMs'
  | 'failureLimit'
  | 'inconclusiveLimit'
  | 'consecutiveErrorLimit'
  | 'consecutiveSuccessLimit'
  | 'onNoData'
>

function parsePrometheusInputs(
  source: InputSource,
  url: URL,
  defaults: MetricDefaults,
  secrets: string[]
): MetricConfig {
  const query = source.get('prometheus-query')
  if (query === undefined)
    throw new InputError(
      `${source.describe('prometheus-query')} is required with ${source.describe('prometheus-url')}`
    )
  const success = source.get('success-condition')
  const failure = source.get('failure-condition')
  if (success === undefined && failure === undefined) {
    throw new InputError(
      `${source.describe('success-condition')} (or ${source.describe('failure-condition')}) is required with ${source.describe('prometheus-url')}, e.g. 'result < 0.01'`
    )
  }
  const headers: Record<string, string> = {}
  for (const line of getList(source, 'prometheus-headers', { commas: false })) {
    const header = parseHeaderExpectation(line, source.describe('prometheus-headers'))
    if (header.value === undefined)
      throw new InputError(
        `${source.describe('prometheus-headers')} lines must be 'Name: value' (got a name alone)`
      )
    headers[header.name] = header.value
    secrets.push(header.value)
  }
  const token = source.get('prometheus-token')
  if (token !== undefined) {
    headers.Authorization = `Bearer ${token}`
    secrets.push(token)
  }
  return {
    name: 'prometheus',
    provider: { kind: 'prometheus', url, query, headers },
    ...(success !== undefined
      ? { successCondition: parseConditionInput(success, source.describe('success-condition')) }
      : {}),
    ...(failure !== undefined
      ? { failureCondition: parseConditionInput(failure, source.describe('failure-condition')) }
      : {}),
    ...defaults,
    dryRun: false
  }
}

export function parseConditionInput(text: string, what: string): Condition {
  try {
    return parseCondition(text)
  } catch (error) {
    if (!(error instanceof AssertionSyntaxError)) throw error
    throw new InputError(
      `${what}: cannot parse '${cut(text.trim())}': ${error.reason} at position ${error.position}`
    )
  }
}

/** Long inputs are cut in messages: one line, not a 100 KB echo. */
const cut = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text)

function rejectOrphanPrometheusInputs(source: InputSource): MetricConfig[] {
  for (const name of [
    'prometheus-query',
    'success-condition',
    'failure-condition',
    'prometheus-token',
    'prometheus-headers'
  ]) {
    if (source.get(name) !== undefined) {
      throw new InputError(`${source.describe(name)} needs ${source.describe('prometheus-url')}`)
    }
  }
  return []
}

function parseAssertionInput(text: string, root: '$' | 'result', what: string): Assertion {
  try {
    return parseAssertion(text, root)
  } catch (error) {
    if (!(error instanceof AssertionSyntaxError)) throw error
    throw new InputError(
      `${what}: cannot parse '${cut(text.trim())}': ${error.reason} at position ${error.position}`
    )
  }
}

/** `2xx`, `200`, `200,204`, `200-299`, and combinations of them. */
export function parseStatusMatcher(text: string, what: string): StatusMatcher {
  const ranges = text.split(',').map(part => {
    const item = part.trim()
    const family = /^([1-5])xx$/i.exec(item)
    if (family) return [Number(family[1]) * 100, Number(family[1]) * 100 + 99] as const
    const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(item)
    if (range && Number(range[1]) <= Number(range[2])) return [Number(range[1]), Number(range[2])] as const
    if (/^\d{3}$/.test(item)) return [Number(item), Number(item)] as const
    throw new InputError(`${what} must be status codes like 2xx, 200, 200,204 or 200-299 (got '${item}')`)
  })
  return { text, accepts: status => ranges.some(([low, high]) => status >= low && status <= high) }
}

function parseHeaderExpectation(line: string, what: string): HeaderExpectation {
  const colon = line.indexOf(':')
  const name = (colon < 0 ? line : line.slice(0, colon)).trim()
  if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(name)) {
    // The name only: the line may hold a header value (a token).
    throw new InputError(
      `${what} must be 'Name: value' or 'Name' lines (got a line whose name is not a header name)`
    )
  }
  return colon < 0 ? { name } : { name, value: line.slice(colon + 1).trim() }
}

export function displayUrl(url: URL): string {
  return redactUrl(url.toString())
}
