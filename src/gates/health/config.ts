import { InputError } from '../../errors.js'
import { formatDuration } from '../../duration.js'
import {
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
import { AssertionSyntaxError, parseAssertion, type Assertion } from './assertion.js'

export type NoDataPolicy = 'fail' | 'pass' | 'inconclusive'

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

export interface PrometheusConfig {
  url: URL
  query: string
  condition: Assertion
  onNoData: NoDataPolicy
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
  prometheus?: PrometheusConfig
  /** Passwords in target or Prometheus URLs, for the reporter to mask. */
  secrets: string[]
}

export function parseHealthInputs(source: InputSource): HealthConfig {
  const secrets: string[] = []
  const targets = getList(source, 'url', { commas: false }).map(value => {
    const url = parseHttpUrl(value, source.describe('url'))
    if (url.password) secrets.push(decodeURIComponent(url.password))
    return url
  })
  const prometheusUrl = getUrl(source, 'prometheus-url')
  if (prometheusUrl?.password) secrets.push(decodeURIComponent(prometheusUrl.password))
  if (targets.length === 0 && !prometheusUrl) {
    throw new InputError(
      `${source.describe('url')} is required: the URLs to probe (or give ${source.describe('prometheus-url')})`
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
  if (windowMs === 0 && prometheusUrl) {
    throw new InputError(
      `${source.describe('prometheus-url')} is evaluated in the verification window: set ${source.describe('window')} to at least ${source.describe('interval')}`
    )
  }
  const requestTimeoutMs = getDuration(source, 'request-timeout', '10s')
  if (requestTimeoutMs <= 0)
    throw new InputError(`${source.describe('request-timeout')} must be longer than 0`)
  const optionalNumber = (name: string, min: number, max: number) =>
    source.get(name) === undefined ? undefined : getNumber(source, name, 0, { min, max })

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
    failureLimit: getInteger(source, 'failure-limit', 0, { min: 0 }),
    consecutiveErrorLimit: getInteger(source, 'consecutive-error-limit', 4, { min: 0 }),
    maxErrorRate: optionalNumber('max-error-rate', 0, 1),
    maxLatencyP95Ms: optionalNumber('max-latency-p95', 0, Number.MAX_SAFE_INTEGER),
    tlsMinDays: optionalNumber('tls-min-days', 0, 36_500),
    requestTimeoutMs,
    prometheus: prometheusUrl
      ? parsePrometheusInputs(source, prometheusUrl)
      : rejectOrphanPrometheusInputs(source),
    secrets
  }
}

function parsePrometheusInputs(source: InputSource, url: URL): PrometheusConfig {
  const query = source.get('prometheus-query')
  if (query === undefined)
    throw new InputError(
      `${source.describe('prometheus-query')} is required with ${source.describe('prometheus-url')}`
    )
  const condition = source.get('success-condition')
  if (condition === undefined) {
    throw new InputError(
      `${source.describe('success-condition')} is required with ${source.describe('prometheus-url')}, e.g. 'result < 0.01'`
    )
  }
  return {
    url,
    query,
    condition: parseAssertionInput(condition, 'result', source.describe('success-condition')),
    onNoData: getChoice<NoDataPolicy>(source, 'on-no-data', ['fail', 'pass', 'inconclusive'], 'fail')
  }
}

function rejectOrphanPrometheusInputs(source: InputSource): undefined {
  for (const name of ['prometheus-query', 'success-condition']) {
    if (source.get(name) !== undefined) {
      throw new InputError(`${source.describe(name)} needs ${source.describe('prometheus-url')}`)
    }
  }
  return undefined
}

function parseAssertionInput(text: string, root: '$' | 'result', what: string): Assertion {
  try {
    return parseAssertion(text, root)
  } catch (error) {
    if (!(error instanceof AssertionSyntaxError)) throw error
    throw new InputError(
      `${what}: cannot parse '${text.trim()}': ${error.reason} at position ${error.position}`
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
    throw new InputError(`${what} must be 'Name: value' or 'Name' lines (got '${line}')`)
  }
  return colon < 0 ? { name } : { name, value: line.slice(colon + 1).trim() }
}

export function displayUrl(url: URL): string {
  return redactUrl(url.toString())
}
