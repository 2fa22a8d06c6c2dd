import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { FileError, InputError } from '../../errors.js'
import { getBoolean, getDuration, getInteger, getList, getString, getUrl } from '../../inputs.js'
import type { CommonInputs, GateIO, InputSource } from '../../types.js'
import { parseOperationFilter } from './operation-filter.js'
import { defaultSeverities, readRuleOverrides, type RuleSeverities } from './rules.js'
import type { LiveConfig } from './verify.js'
import { basicCredentials, type Credentials } from './requests.js'

/** Where the base spec of the diff comes from. */
export type BaseSpecSource =
  | { kind: 'file'; path: string }
  /** `REV:path` (explicit), or the pull request's base sha (`implicit`: a missing file means the spec is new). */
  | { kind: 'git'; revision: string; path: string; implicit: boolean }

export interface ContractConfig {
  /** The head spec, relative to the working directory. */
  spec: string
  base: BaseSpecSource | undefined
  live: LiveConfig | undefined
  severities: RuleSeverities
  /** oasdiff-style ignore files for accepted breaking changes (errors, warnings). */
  ignore: { error: string | undefined; warning: string | undefined }
  /** Minimum days between deprecation and sunset (`deprecation-days`); 0 = no policy. */
  deprecationDays: number
  /** Pact, WireMock and HAR files (paths or globs) checked against the spec. */
  consumerContracts: string[]
  /** Header values: masked by the reporter. */
  secrets: string[]
}

const DEFAULT_SPECS = ['openapi.yaml', 'openapi.yml', 'openapi.json']

export async function parseContractInputs(
  source: InputSource,
  _common: CommonInputs,
  io: GateIO
): Promise<ContractConfig> {
  const spec = source.get('spec') ?? DEFAULT_SPECS.find(name => existsSync(path.join(io.cwd, name)))
  if (spec === undefined)
    throw new InputError(
      `${source.describe('spec')} is required: the path of the OpenAPI document (no ${DEFAULT_SPECS.join(', ')} in the working directory)`
    )
  const { headers, secrets } = parseHeaders(source)
  const credentials = parseAuth(source, secrets)
  const baseUrl = getUrl(source, 'base-url')
  const live: LiveConfig | undefined = baseUrl && {
    baseUrl,
    headers,
    filter: parseOperationFilter(getList(source, 'operations')),
    unsafeMethods: getBoolean(source, 'unsafe-methods', false),
    concurrency: getInteger(source, 'concurrency', 8, { min: 1, max: 256 }),
    timeoutMs: getDuration(source, 'request-timeout', '10s'),
    credentials,
    negativeChecks: getBoolean(source, 'negative-checks', false),
    maxRequestsPerOperation: getInteger(source, 'max-requests-per-operation', 5, { min: 1, max: 100 }),
    maxResponseTimeMs: source.get('max-response-time') ? getDuration(source, 'max-response-time', '0s') : 0,
    secrets
  }
  // 0ms would fail every request with a timeout that says nothing about the service.
  if (live && live.timeoutMs <= 0)
    throw new InputError(`${source.describe('request-timeout')} must be longer than 0`)
  const rulesFile = getString(source, 'breaking-rules')
  return {
    spec,
    base: baseSpecSource(source, io, spec),
    live,
    severities: rulesFile ? await readRuleOverrides(io.cwd, rulesFile) : defaultSeverities(),
    ignore: { error: getString(source, 'err-ignore'), warning: getString(source, 'warn-ignore') },
    deprecationDays: getInteger(source, 'deprecation-days', 0, { min: 0, max: 3650 }),
    consumerContracts: getList(source, 'consumer-contracts'),
    secrets
  }
}

/** `headers`: one `Name: value` a line. The error names the line, never its value (it is usually a token). */
function parseHeaders(source: InputSource): { headers: Record<string, string>; secrets: string[] } {
  const headers: Record<string, string> = {}
  const secrets: string[] = []
  getList(source, 'headers', { commas: false }).forEach((line, index) => {
    const match = line.match(/^([!#$%&'*+.^`|~\w-]+)\s*:\s*(.*)$/)
    if (!match) throw new InputError(`${source.describe('headers')} line ${index + 1} is not 'Name: value'`)
    headers[match[1]!] = match[2]!
    // Mask the whole value and, for `Scheme credentials` (Bearer, Basic, token…), the credentials alone,
    // which is what a service that echoes a token would print.
    if (match[2]) secrets.push(match[2], ...(match[2].match(/^[A-Za-z-]+\s+(\S.*)$/)?.slice(1) ?? []))
  })
  return { headers, secrets }
}

/**
 * `auth`: one `scheme-name: value` a line, the scheme named as in components.securitySchemes. Values are
 * secrets (masked, with the base64 of a basic `user:password` and its URL encoding); errors name the line only.
 */
function parseAuth(source: InputSource, secrets: string[]): Credentials {
  const credentials: Credentials = {}
  getList(source, 'auth', { commas: false }).forEach((line, index) => {
    const match = line.match(/^([\w.-]+)\s*:\s*(\S.*)$/)
    if (!match)
      throw new InputError(`${source.describe('auth')} line ${index + 1} is not 'scheme-name: value'`)
    const value = match[2]!.trim()
    credentials[match[1]!] = value
    secrets.push(value, basicCredentials(value))
  })
  return credentials
}

function baseSpecSource(source: InputSource, io: GateIO, spec: string): BaseSpecSource | undefined {
  const value = source.get('base-spec')
  if (value !== undefined) {
    if (existsSync(path.resolve(io.cwd, value))) return { kind: 'file', path: value }
    const git = value.match(/^([^:]+):(.+)$/)
    if (git) {
      // The revision reaches `git show`: an option (`--output=…`) or a range must never pass for one.
      if (!/^[\w./@{}^~-]+$/.test(git[1]!) || git[1]!.startsWith('-') || git[1]!.includes('..'))
        throw new InputError(
          `${source.describe('base-spec')} names the git revision '${git[1]!.slice(0, 80)}', which is not a branch, tag or commit (write REV:path, e.g. origin/main:${spec})`
        )
      return { kind: 'git', revision: git[1]!, path: git[2]!, implicit: false }
    }
    throw new FileError(
      `file not found (for a file at a git revision, write REV:path, e.g. origin/main:${spec})`,
      value
    )
  }
  if (!io.github.eventName.startsWith('pull_request')) return undefined
  // A pull request without a readable base would skip the diff and pass: that is the one answer a gate
  // must never give by accident, so it fails and says how to name the base explicitly.
  const event = (io.github.event ?? {}) as { pull_request?: { base?: { sha?: unknown } } | null }
  const baseSha = event.pull_request?.base?.sha
  if (typeof baseSha !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(baseSha))
    throw new InputError(
      `the ${io.github.eventName} event has no pull_request.base.sha (the event payload is missing or unreadable), so the breaking-change diff has no base: set ${source.describe('base-spec')} (e.g. origin/main:${spec})`
    )
  const relative = path.relative(io.cwd, path.resolve(io.cwd, spec)).split(path.sep).join('/')
  return { kind: 'git', revision: baseSha, path: `./${relative}`, implicit: true }
}
