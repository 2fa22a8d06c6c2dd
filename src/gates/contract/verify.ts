import { redactUrl } from '../../kernel/redact-url.js'
import { catalog, type ContractRuleId } from './catalog.js'
import { quoteForError } from '../../kernel/quote.js'
import { errorMessage } from '../../errors.js'
import { httpRequest } from '../../http.js'
import type { Finding, GateCheck, GateIO } from '../../types.js'
import { describeOperation } from './diff/index.js'
import { selectOperations, type OperationFilter } from './operation-filter.js'
import { listOperations, type Operation } from './operations.js'
import { isSafeMethod, planRequest, type Credentials, type PlannedRequest } from './requests.js'
import { checkResponse, type Violation } from './response-check.js'
import { SchemaValidators } from './schema-validator.js'
import { negativeRequest } from './negative.js'
import { requestVariants } from './request-variants.js'
import type { Spec } from './spec.js'
import { mapLimit } from '../../kernel/pool.js'

export interface LiveConfig {
  baseUrl: URL
  headers: Record<string, string>
  filter: OperationFilter
  unsafeMethods: boolean
  concurrency: number
  timeoutMs: number
  /** Credentials per security scheme (`auth`). */
  credentials: Credentials
  /** A response slower than this is a finding (`max-response-time`); 0 = no limit. */
  maxResponseTimeMs: number
  /** Every secret value, masked in the curl reproductions. */
  secrets: string[]
  /** Also send one request the spec forbids per operation; it must be answered with a 4xx. */
  negativeChecks: boolean
  /** Valid requests per operation (`max-requests-per-operation`): examples first, then boundary values. */
  maxRequestsPerOperation: number
}

/** The outcome for one operation, for the JSON report and per-operation JUnit test cases. */
export interface OperationCheck {
  operation: string
  operationId: string | undefined
  method: string
  path: string
  /** Method + path + query as sent (no header values). */
  request: string | undefined
  /** What this request tries ('first examples', 'limit = 100 (maximum)'); set when an operation has several. */
  variant?: string
  status: number | undefined
  durationMs: number | undefined
  outcome: 'passed' | 'failed' | 'skipped'
  reason: string | undefined
  /** A curl command that sends the same request, secrets masked (failed checks only). */
  curl?: string
  violations: {
    rule: ContractRuleId
    message: string
    file: string
    line: number
    pointer: string | undefined
  }[]
}

export interface LiveResult {
  findings: Finding[]
  checks: OperationCheck[]
  /** One per selected operation, with the findings it caused (JUnit test cases). */
  operationChecks: GateCheck[]
  /** Operations with at least one request sent. */
  checked: number
  /** Requests sent (several per operation: examples, then boundary values). */
  requests: number
  /** Responses with at least one violation. */
  failedResponses: number
}

const UNPROVEN_STATUSES = new Set([401, 403, 404])

/** Sends up to max-requests-per-operation valid requests per selected operation (`concurrency` at a time) and checks each response against the spec. */
export async function verifyLive(spec: Spec, config: LiveConfig, io: GateIO): Promise<LiveResult> {
  const { selected, unmatched } = selectOperations(listOperations(spec), config.filter)
  const findings: Finding[] = []
  const root = { file: spec.entry, pointer: ['paths'] }
  for (const token of unmatched) {
    findings.push(
      spec.finding(
        root,
        'operation-filter-unmatched',
        'warning',
        `the operations filter ${quoteForError(token)} matches no operation in ${spec.entry.display}`
      )
    )
  }
  const validators = new SchemaValidators(spec, 'response')
  // Built on first use: most operations have no second value to check, and an Ajv instance costs milliseconds.
  let requestValidators: SchemaValidators | undefined
  const requestValidator = () => (requestValidators ??= new SchemaValidators(spec, 'request'))
  const transport: TransportFailure[] = []
  const planned = selected.flatMap(op => planOperation(spec, requestValidator, op, config))
  const checks: OperationCheck[] = await mapLimit(planned, config.concurrency, (plan, index) =>
    'skipped' in plan
      ? Promise.resolve(plan.skipped)
      : checkRequest(spec, validators, plan, config, io, failure => transport.push({ ...failure, index }))
  )

  let failedResponses = 0
  const statuses: number[] = []
  for (const check of checks) {
    if (check.status !== undefined) statuses.push(check.status)
    if (check.outcome === 'failed' && check.status !== undefined) failedResponses++
  }
  const perOperation = checks.map(check =>
    check.violations.map((v): Finding =>
      catalog.finding(v.rule, { severity: 'error', message: v.message, file: v.file, line: v.line })
    )
  )
  findings.push(...perOperation.flat())
  const sent = checks.filter(check => check.request !== undefined).length
  for (const { finding, indexes } of transportFindings(spec, transport, sent, config.baseUrl)) {
    findings.push(finding)
    for (const index of indexes) perOperation[index]!.push(finding)
  }
  const operationChecks = checks.map((check, index): GateCheck => ({
    name: check.variant === undefined ? check.operation : `${check.operation}: ${check.variant}`,
    group: 'live',
    findings: perOperation[index]!,
    ...(check.durationMs !== undefined ? { durationMs: check.durationMs } : {}),
    ...(check.outcome === 'skipped' ? { skipped: check.reason ?? 'not sent' } : {})
  }))
  // Mostly 4xx (a `default` response documents them all) means the body checks hardly ran: never a pass.
  const unproven = statuses.filter(status => status >= 400 && status < 500).length
  if (statuses.length > 0 && unproven * 2 > statuses.length) {
    const auth = statuses.filter(status => status === 401 || status === 403).length
    const missing = statuses.filter(status => status === 404).length
    const hint =
      auth >= unproven - auth
        ? 'authentication is missing or insufficient: pass credentials per security scheme with `auth` (or `headers`)'
        : missing >= unproven - missing
          ? 'the examples point at data that does not exist: add examples with real ids'
          : 'the service rejected the requests the spec describes (see positive-data-rejected)'
    findings.push(
      spec.finding(
        root,
        'unproven-check',
        'error',
        `${unproven} of ${statuses.length} responses were 4xx, so the check proved little: ${hint}`
      )
    )
  }
  const checked = new Set(checks.filter(check => check.request !== undefined).map(c => c.operation)).size
  if (selected.length > 0 && checks.every(check => check.outcome === 'skipped')) {
    findings.push(
      spec.finding(
        root,
        'no-operation-verified',
        'warning',
        `none of the ${selected.length} selected operations was sent (unsafe methods need unsafe-methods: true; see the report for reasons)`
      )
    )
  }
  return { findings: unique(findings), checks, operationChecks, checked, requests: sent, failedResponses }
}

/** Several requests of one operation can break the same rule at the same line with the same words: once. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter(f => {
    const key = `${f.rule}\0${f.file}\0${f.line}\0${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

interface RequestPlan {
  op: Operation
  request: PlannedRequest
  base: OperationCheck
  /** The first request of its operation (the one negative checks start from). */
  first: boolean
}

function operationBase(op: Operation): OperationCheck {
  return {
    operation: describeOperation(op),
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    request: undefined,
    status: undefined,
    durationMs: undefined,
    outcome: 'skipped',
    reason: undefined,
    violations: []
  }
}

/** The requests for one operation (at most max-requests-per-operation, no two the same), or why none is sent. */
function planOperation(
  spec: Spec,
  validators: () => SchemaValidators,
  op: Operation,
  config: LiveConfig
): (RequestPlan | { skipped: OperationCheck })[] {
  const base = operationBase(op)
  if (!isSafeMethod(op.method) && !config.unsafeMethods)
    return [
      { skipped: { ...base, reason: `${op.method.toUpperCase()} is not sent unless unsafe-methods is true` } }
    ]
  const plans: RequestPlan[] = []
  const sent = new Set<string>()
  for (const variant of requestVariants(spec, op, validators, config.maxRequestsPerOperation)) {
    const request = planRequest(
      spec,
      op,
      config.baseUrl,
      config.headers,
      config.credentials,
      variant.overrides
    )
    if ('skipped' in request) {
      if (plans.length === 0) return [{ skipped: { ...base, reason: request.skipped } }]
      continue
    }
    const key = `${request.url}\0${request.body ?? ''}\0${JSON.stringify(request.headers)}`
    if (sent.has(key)) continue
    sent.add(key)
    plans.push({ op, request, base: { ...base, variant: variant.label }, first: plans.length === 0 })
  }
  // One request: the operation's name alone, as before, so JUnit histories keep their test case names.
  if (plans.length === 1) delete plans[0]!.base.variant
  return plans
}

async function checkRequest(
  spec: Spec,
  validators: SchemaValidators,
  plan: RequestPlan,
  config: LiveConfig,
  io: GateIO,
  onTransportFailure: (failure: Omit<TransportFailure, 'index'>) => void
): Promise<OperationCheck> {
  const { op, base, request: planned } = plan
  const response = await httpRequest(io, planned.url, {
    method: planned.method,
    headers: planned.headers,
    body: planned.body,
    timeoutMs: config.timeoutMs
  })
  const sent = { ...base, request: planned.display, durationMs: Math.round(response.durationMs) }
  if (!response.ok) {
    onTransportFailure({ op, request: planned, kind: response.kind, message: response.message })
    return { ...sent, outcome: 'failed', reason: response.message }
  }
  let violations: Violation[]
  try {
    violations = checkResponse(spec, validators, op, planned, response)
  } catch (error) {
    // An invalid `pattern` or similar: the schema cannot be compiled, so this response proves nothing.
    violations = [
      {
        rule: 'schema-not-compilable',
        loc: op.loc,
        message: `${op.label}: a response schema could not be compiled (${errorMessage(error)})`
      }
    ]
  }
  // A request built from the spec (its examples, or values its schemas accept) answered with a 4xx: the spec
  // allows what the service refuses, or the service is wrong (Schemathesis' positive_data_acceptance). 401,
  // 403 and 404 are left to the unproven-check (credentials, ids that do not exist).
  if (
    response.status >= 400 &&
    response.status < 500 &&
    !UNPROVEN_STATUSES.has(response.status) &&
    response.status !== 429
  )
    violations.push({
      rule: 'positive-data-rejected',
      loc: op.loc,
      message: `${op.label}: ${planned.display}${base.variant && !plan.first ? ` [${base.variant}]` : ''} follows the spec, but the service answered ${response.status}; the spec allows what the service refuses (or the service is wrong)`
    })
  if (config.negativeChecks && plan.first && response.status >= 200 && response.status < 300) {
    const negative = negativeRequest(spec, op, planned)
    if (negative) {
      const answer = await httpRequest(io, negative.request.url, {
        method: negative.request.method,
        headers: negative.request.headers,
        body: negative.request.body,
        timeoutMs: config.timeoutMs
      })
      if (answer.ok && (answer.status < 400 || answer.status >= 500))
        violations.push({
          rule: 'negative-data-accepted',
          loc: op.loc,
          message: `${op.label}: ${negative.request.display} breaks the spec (${negative.what}), but the service answered ${answer.status}, not a 4xx`
        })
    }
  }
  if (config.maxResponseTimeMs > 0 && response.durationMs > config.maxResponseTimeMs)
    violations.push({
      rule: 'response-too-slow',
      loc: op.loc,
      message: `${op.label}: ${planned.display} took ${Math.round(response.durationMs)} ms, more than max-response-time ${config.maxResponseTimeMs} ms`
    })
  return {
    ...sent,
    status: response.status,
    outcome: violations.length > 0 ? 'failed' : 'passed',
    ...(violations.length > 0 ? { curl: curlCommand(planned, config.secrets) } : {}),
    violations: violations.map(v => {
      const { line } = v.loc.file.locate(v.loc.pointer)
      return { rule: v.rule, message: v.message, file: v.loc.file.display, line, pointer: v.pointer }
    })
  }
}

/** `curl` reproducing a request, every secret value (and its base64) replaced by ***. */
export function curlCommand(request: PlannedRequest, secrets: string[]): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`
  // Tokens in the URL (user-info, `?access_token=`, `?sig=`) are redacted like every URL the gate prints.
  const parts = ['curl', '-sS', '-X', request.method, quote(redactUrl(request.url))]
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`))
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body))
  let command = parts.join(' ')
  const masked = [...new Set(secrets.flatMap(secret => [secret, encodeURIComponent(secret)]))]
    .filter(secret => secret.length > 0)
    .sort((a, b) => b.length - a.length)
  for (const secret of masked) command = command.split(secret).join('***')
  return command
}

interface TransportFailure {
  /** Index of the operation in the selection. */
  index: number
  op: Operation
  request: PlannedRequest
  kind: string
  message: string
}

/**
 * Timeouts and connection failures fail the gate. When nothing answered at all, one finding says so
 * instead of one per operation. Each finding comes with the operations it belongs to.
 */
function transportFindings(
  spec: Spec,
  failures: TransportFailure[],
  sent: number,
  baseUrl: URL
): { finding: Finding; indexes: number[] }[] {
  const connection = failures.filter(f => f.kind === 'connection')
  if (connection.length > 0 && connection.length === failures.length && failures.length === sent) {
    const finding = spec.finding(
      { file: spec.entry, pointer: ['paths'] },
      'service-unreachable',
      'error',
      `base-url ${baseUrl.origin} is unreachable: ${connection[0]!.message}; no operation could be verified`
    )
    return [{ finding, indexes: failures.map(f => f.index) }]
  }
  return failures.map(f => ({
    finding: spec.finding(
      f.op.loc,
      f.kind === 'timeout' ? 'request-timeout' : 'connection-failed',
      'error',
      `${f.op.label}: ${f.request.display}: ${f.message}`
    ),
    indexes: [f.index]
  }))
}
