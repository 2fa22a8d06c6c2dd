/**
 * The analysis file: several named metrics, each its own provider, conditions, interval and limits, in the
 * spirit of Argo Rollouts' AnalysisTemplate (field names follow Argo's where they mean the same):
 *
 *   metrics:
 *     - name: error-rate
 *       interval: 5s
 *       initialDelay: 10s
 *       failureLimit: 1
 *       successCondition: result < 0.01
 *       failureCondition: result >= 0.05
 *       provider:
 *         prometheus:
 *           address: http://prometheus:9090
 *           query: sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))
 *           headers: [{ key: Authorization, value: "Bearer ${PROM_TOKEN}" }]
 *     - name: apdex
 *       successCondition: 0.9 <= result <= 1
 *       provider:
 *         web:
 *           url: https://metrics.internal/apdex
 *           jsonPath: $.data.apdex
 *
 * Every field is checked for its type and value; an error names the file, the line and the field.
 */
import parseJsonPath from 'jsonpath-rfc9535/parser'
import { FileError } from '../../errors.js'
import { formatDuration, parseDuration } from '../../duration.js'
import { readTextFileSync } from '../../files.js'
import { loadYaml } from '../../kernel/yaml.js'
import { AssertionSyntaxError } from './assertion.js'
import { parseCondition, type Condition } from './condition.js'
import type { HealthContext, MetricDefaults } from './config.js'
import type { MetricConfig, NoDataPolicy } from './metric.js'

const METRIC_FIELDS = new Set([
  'name',
  'interval',
  'initialDelay',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
  'consecutiveSuccessLimit',
  'successCondition',
  'failureCondition',
  'onNoData',
  'dryRun',
  'provider'
])
const MAX_METRICS = 20

export function loadAnalysisFile(
  file: string,
  context: HealthContext,
  defaults: MetricDefaults,
  windowMs: number,
  secrets: string[]
): MetricConfig[] {
  const { text, display } = readTextFileSync(context.cwd, file)
  const document = loadYaml(text, { file: display })
  const lines = text.split('\n')
  /** The 1-based line of `key:` at or after `from` (0-based), for messages. */
  const lineOf = (key: string, from = 0): number | undefined => {
    const pattern = new RegExp(`(?:^|[\\s{,-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`)
    for (let i = from; i < lines.length; i++) if (pattern.test(lines[i]!)) return i + 1
    return undefined
  }
  const fail = (message: string, line?: number): never => {
    throw new FileError(message, display, line)
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    fail('an analysis file is a mapping with a `metrics` list', 1)
  const root = document as Record<string, unknown>
  for (const key of Object.keys(root))
    if (key !== 'metrics') fail(`unknown field '${key}' (an analysis file has \`metrics\`)`, lineOf(key))
  const list = root.metrics
  if (!Array.isArray(list) || list.length === 0)
    fail('`metrics` must be a non-empty list of metrics', lineOf('metrics') ?? 1)
  if ((list as unknown[]).length > MAX_METRICS)
    fail(`at most ${MAX_METRICS} metrics per analysis`, lineOf('metrics'))

  const names = new Set<string>()
  let searchFrom = 0
  return (list as unknown[]).map((entry, index) => {
    const at = `metrics[${index}]`
    const start = lineOf('name', searchFrom)
    if (start !== undefined) searchFrom = start
    const here = (key: string) => lineOf(key, Math.max(0, (start ?? 1) - 1)) ?? start
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      fail(`${at} must be a mapping`, start)
    const metric = entry as Record<string, unknown>
    for (const key of Object.keys(metric))
      if (!METRIC_FIELDS.has(key)) fail(`${at}: unknown field '${key}'`, here(key))
    const name = metric.name
    if (typeof name !== 'string' || !/^[A-Za-z0-9][\w.-]{0,62}$/.test(name))
      fail(`${at}.name must be a name of letters, digits, '.', '_' or '-'`, here('name'))
    if (names.has(name as string)) fail(`${at}: the metric name '${name}' is used twice`, here('name'))
    names.add(name as string)
    const where = `metric '${name}'`

    const duration = (key: string, fallback: number): number => {
      const value = metric[key]
      if (value === undefined) return fallback
      if (typeof value !== 'string' && typeof value !== 'number')
        return fail(`${where}: ${key} must be a duration like 30s`, here(key))
      try {
        return parseDuration(String(value), `${where}: ${key}`)
      } catch (error) {
        return fail((error as Error).message, here(key))
      }
    }
    const count = (key: string, fallback: number): number => {
      const value = metric[key]
      if (value === undefined) return fallback
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000)
        return fail(`${where}: ${key} must be a whole number, 0 or more`, here(key))
      return value
    }
    const condition = (key: string): Condition | undefined => {
      const value = metric[key]
      if (value === undefined) return undefined
      if (typeof value !== 'string')
        return fail(`${where}: ${key} must be a condition like 'result < 0.01'`, here(key))
      try {
        return parseCondition(value)
      } catch (error) {
        if (!(error instanceof AssertionSyntaxError)) throw error
        return fail(`${where}: ${key}: ${error.reason} at position ${error.position}`, here(key))
      }
    }

    const intervalMs = duration('interval', defaults.intervalMs)
    if (intervalMs <= 0) fail(`${where}: interval must be longer than 0`, here('interval'))
    const initialDelayMs = duration('initialDelay', defaults.initialDelayMs)
    if (initialDelayMs + intervalMs > windowMs)
      fail(
        `${where}: initialDelay ${formatDuration(initialDelayMs)} + interval ${formatDuration(intervalMs)} is longer than the window (${formatDuration(windowMs)}): it would never be measured`,
        here(metric.interval !== undefined ? 'interval' : 'name')
      )
    const successCondition = condition('successCondition')
    const failureCondition = condition('failureCondition')
    if (!successCondition && !failureCondition)
      fail(`${where}: give successCondition, failureCondition or both`, start)
    const onNoData = metric.onNoData ?? defaults.onNoData
    if (onNoData !== 'fail' && onNoData !== 'pass' && onNoData !== 'inconclusive')
      fail(`${where}: onNoData must be fail, pass or inconclusive`, here('onNoData'))
    const dryRun = metric.dryRun ?? false
    if (typeof dryRun !== 'boolean') fail(`${where}: dryRun must be true or false`, here('dryRun'))

    const provider = readProvider(metric.provider, where, here, fail, context, secrets)
    return {
      name: name as string,
      provider,
      ...(successCondition ? { successCondition } : {}),
      ...(failureCondition ? { failureCondition } : {}),
      intervalMs,
      initialDelayMs,
      failureLimit: count('failureLimit', defaults.failureLimit),
      inconclusiveLimit: count('inconclusiveLimit', defaults.inconclusiveLimit),
      consecutiveErrorLimit: count('consecutiveErrorLimit', defaults.consecutiveErrorLimit),
      consecutiveSuccessLimit: count('consecutiveSuccessLimit', defaults.consecutiveSuccessLimit),
      onNoData: onNoData as NoDataPolicy,
      dryRun: dryRun as boolean
    }
  })
}

function readProvider(
  value: unknown,
  where: string,
  here: (key: string) => number | undefined,
  fail: (message: string, line?: number) => never,
  context: HealthContext,
  secrets: string[]
): MetricConfig['provider'] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1)
    return fail(`${where}: provider must hold exactly one of prometheus or web`, here('provider'))
  const [kind, spec] = Object.entries(value)[0]!
  if (kind !== 'prometheus' && kind !== 'web')
    return fail(`${where}: unknown provider '${kind}' (prometheus or web)`, here(kind))
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    return fail(`${where}: provider.${kind} must be a mapping`, here(kind))
  const fields = spec as Record<string, unknown>
  const allowed =
    kind === 'prometheus'
      ? ['address', 'query', 'headers', 'timeout']
      : ['url', 'jsonPath', 'headers', 'method', 'body', 'timeout']
  for (const key of Object.keys(fields))
    if (!allowed.includes(key))
      fail(`${where}: provider.${kind}: unknown field '${key}' (${allowed.join(', ')})`, here(key))
  const urlKey = kind === 'prometheus' ? 'address' : 'url'
  const rawUrl = fields[urlKey]
  if (typeof rawUrl !== 'string' || !URL.canParse(rawUrl) || !/^https?:$/.test(new URL(rawUrl).protocol))
    return fail(`${where}: provider.${kind}.${urlKey} must be an http or https URL`, here(urlKey))
  const url = new URL(rawUrl)
  if (url.password) secrets.push(decodeURIComponent(url.password))
  const headers = readHeaders(
    fields.headers,
    `${where}: provider.${kind}.headers`,
    here('headers'),
    fail,
    context,
    secrets
  )
  let timeoutMs: number | undefined
  if (fields.timeout !== undefined) {
    if (typeof fields.timeout !== 'string' && typeof fields.timeout !== 'number')
      return fail(`${where}: provider.${kind}.timeout must be a duration like 5s`, here('timeout'))
    try {
      timeoutMs = parseDuration(String(fields.timeout), `${where}: provider.${kind}.timeout`)
    } catch (error) {
      return fail((error as Error).message, here('timeout'))
    }
    if (timeoutMs <= 0)
      return fail(`${where}: provider.${kind}.timeout must be longer than 0`, here('timeout'))
  }
  const timeout = timeoutMs === undefined ? {} : { timeoutMs }
  if (kind === 'prometheus') {
    if (typeof fields.query !== 'string' || fields.query.trim() === '')
      return fail(`${where}: provider.prometheus.query must be a PromQL query`, here('query'))
    return { kind: 'prometheus', url, query: fields.query, headers, ...timeout }
  }
  // As Argo's web metric: without a jsonPath the whole body is the result.
  const jsonPath = fields.jsonPath ?? '$'
  if (typeof jsonPath !== 'string')
    return fail(`${where}: provider.web.jsonPath must be a JSONPath like $.data.value`, here('jsonPath'))
  // match() and search() run regular expressions on the backtracking engine: refused (bounded subset).
  if (/\b(match|search)\s*\(/.test(jsonPath))
    return fail(
      `${where}: provider.web.jsonPath: the match() and search() functions are not supported`,
      here('jsonPath')
    )
  try {
    parseJsonPath(jsonPath)
  } catch (error) {
    return fail(
      `${where}: provider.web.jsonPath is not an RFC 9535 JSONPath (${(error as Error).message.split('\n')[0]})`,
      here('jsonPath')
    )
  }
  // POST with a body reaches query APIs such as New Relic's NerdGraph (GraphQL) directly.
  const method = fields.method ?? 'GET'
  if (method !== 'GET' && method !== 'POST')
    return fail(`${where}: provider.web.method must be GET or POST`, here('method'))
  const body = fields.body
  if (body !== undefined && typeof body !== 'string' && (body === null || typeof body !== 'object'))
    return fail(`${where}: provider.web.body must be a string or a mapping (sent as JSON)`, here('body'))
  if (body !== undefined && method === 'GET')
    return fail(`${where}: provider.web.body needs method: POST`, here('body'))
  return {
    kind: 'web',
    url,
    jsonPath,
    headers,
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...timeout
  }
}

/** Argo's `headers: [{key, value}]`; `${VAR}` in a value comes from the environment; every value is masked. */
function readHeaders(
  value: unknown,
  what: string,
  line: number | undefined,
  fail: (message: string, line?: number) => never,
  context: HealthContext,
  secrets: string[]
): Record<string, string> {
  if (value === undefined) return {}
  if (!Array.isArray(value)) return fail(`${what} must be a list of {key, value}`, line)
  const headers: Record<string, string> = {}
  for (const [index, entry] of value.entries()) {
    const { key, value: raw } = (entry ?? {}) as { key?: unknown; value?: unknown }
    if (typeof key !== 'string' || !/^[!#$%&'*+.^_`|~\w-]+$/.test(key))
      fail(`${what}[${index}].key must be a header name`, line)
    if (typeof raw !== 'string') fail(`${what}[${index}].value must be a string`, line)
    const expanded = (raw as string).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = context.env[name]
      if (found === undefined || found === '')
        fail(`${what}[${index}].value uses \${${name}}, which is not set in the environment`, line)
      return found!
    })
    headers[key as string] = expanded
    secrets.push(expanded)
    // The bare credentials of `Bearer <token>` / `Basic <b64>` are masked too.
    const credentials = /^\s*\S+\s+(\S+)\s*$/.exec(expanded)?.[1]
    if (credentials) secrets.push(credentials)
  }
  return headers
}
