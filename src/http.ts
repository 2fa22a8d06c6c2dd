/**
 * One HTTP request with a hard timeout and timing, shared by the contract, health and rollback gates.
 * Failures to get any answer (refused, reset, DNS, TLS, timeout) come back as an HttpFailure, not an
 * exception, so a gate decides how to count them; it never waits forever.
 *
 * Built on node:http/https with keep-alive agents rather than fetch(): on a busy 2-core runner undici's
 * fetch costs about 0.5–1 ms of CPU per request, which is most of the time of a 300-operation contract
 * check against a fast service (bench/contract.mjs, part b).
 *
 * Bounded: one deadline covers connecting, a silent socket and the whole body; the body is read up to
 * `maxBodyBytes` counted after decompression (a 2 MB gzip bomb is stopped at the limit, not at 1.5 GB).
 * Proxies: HTTP_PROXY / HTTPS_PROXY / NO_PROXY are honoured through Node's own agent support (`proxyEnv`,
 * Node ≥ 24.5, the action's runtime), which costs no start-up time, unlike loading undici's
 * EnvHttpProxyAgent. Redirects are never followed: requests go only to the hosts the user named.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import type { Readable } from 'node:stream'
import * as zlib from 'node:zlib'

export interface HttpRequest {
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Covers the whole exchange: connecting, the response headers and the whole body. */
  timeoutMs: number
  /** The most body bytes read (after decompression); a longer body is a failure. Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number
}

/** 10 MB: far above any health or metrics answer, and above the OpenAPI responses a contract check reads. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

/** Response headers, read by name (case-insensitive); repeated headers are joined with `, `, as fetch() does. */
export interface ResponseHeaders {
  get(name: string): string | null
}

export interface HttpResponse {
  ok: true
  status: number
  headers: ResponseHeaders
  body: string
  durationMs: number
}

export interface HttpFailure {
  ok: false
  kind: 'timeout' | 'connection' | 'body-too-large'
  /** One line, safe to show: no headers, no body. */
  message: string
  durationMs: number
}

/** Sends one request. Redirects are not followed (a 3xx is an answer). */
export type HttpClient = (url: string | URL, request: HttpRequest) => Promise<HttpResponse | HttpFailure>

/**
 * A client with its own keep-alive agents; `ca` adds trusted certificates (as NODE_EXTRA_CA_CERTS does).
 * Node's agent drops an idle socket before the server's `Keep-Alive: timeout` hint runs out, so a request
 * is not sent on a socket the server is closing; nothing is retried (a reset is a failed request, as with fetch).
 */
export function createHttpClient(
  options: { ca?: string | Buffer; env?: Record<string, string | undefined> } = {}
): HttpClient {
  const proxy = proxyOptions(options.env ?? process.env)
  const agents = {
    'http:': new http.Agent({ keepAlive: true, ...proxy }),
    'https:': new https.Agent({ keepAlive: true, ...proxy, ...(options.ca ? { ca: options.ca } : {}) })
  }
  return async (url, request) => {
    const started = performance.now()
    const target = typeof url === 'string' ? new URL(url) : url
    const agent = agents[target.protocol as keyof typeof agents]
    const failure = (kind: HttpFailure['kind'], message: string): HttpFailure => ({
      ok: false,
      kind,
      message,
      durationMs: performance.now() - started
    })
    if (!agent) return failure('connection', `connection failed (unsupported protocol ${target.protocol})`)
    const outcome = await exchange(target, request, agent)
    if (outcome.ok) return { ...outcome, durationMs: performance.now() - started }
    if (outcome.timedOut) return failure('timeout', `no answer within ${request.timeoutMs}ms`)
    if (outcome.code === BODY_TOO_LARGE) return failure('body-too-large', outcome.message)
    return failure('connection', `connection failed (${describeError(outcome)})`)
  }
}

/** Whether this Node's agents read HTTP(S)_PROXY / NO_PROXY from `proxyEnv` (24.5+, 22.21+ on 22). */
export function nodeSupportsProxyEnv(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21)
}

/** The agent options that route through the proxy the environment names, if any. */
function proxyOptions(env: Record<string, string | undefined>): {
  proxyEnv?: Record<string, string | undefined>
} {
  const names = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']
  if (!names.some(name => env[name])) return {}
  return nodeSupportsProxyEnv()
    ? {
        proxyEnv: {
          HTTP_PROXY: env.HTTP_PROXY ?? env.http_proxy,
          HTTPS_PROXY: env.HTTPS_PROXY ?? env.https_proxy,
          NO_PROXY: env.NO_PROXY ?? env.no_proxy
        }
      }
    : {}
}

const BODY_TOO_LARGE = 'DEPLOY_GATES_BODY_TOO_LARGE'

let shared: HttpClient | undefined

/** Sends a request with `io.http` when a test injects one, else with the process-wide keep-alive client. */
export function httpRequest(
  io: { http?: HttpClient },
  url: string | URL,
  request: HttpRequest
): Promise<HttpResponse | HttpFailure> {
  const client = io.http ?? (shared ??= createHttpClient())
  return client(url, request)
}

type Exchange =
  | { ok: true; status: number; headers: ResponseHeaders; body: string }
  | { ok: false; timedOut: boolean; code: string | undefined; message: string }

function exchange(target: URL, request: HttpRequest, agent: http.Agent): Promise<Exchange> {
  return new Promise(resolve => {
    let settled = false
    let timedOut = false
    let req: http.ClientRequest | undefined
    const settle = (value: Exchange) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(value)
    }
    const fail = (error: unknown) => {
      const { code, message } = error as NodeJS.ErrnoException
      settle({ ok: false, timedOut, code, message: message ?? String(error) })
    }
    const timer = setTimeout(() => {
      timedOut = true
      req?.destroy(new Error('timeout'))
      fail(new Error('timeout'))
    }, request.timeoutMs)
    try {
      const headers = requestHeaders(request)
      const send = target.protocol === 'https:' ? https.request : http.request
      req = send(target, { method: (request.method ?? 'GET').toUpperCase(), headers, agent }, res => {
        readBody(res, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
          .then(body =>
            settle({ ok: true, status: res.statusCode ?? 0, headers: headerReader(res.rawHeaders), body })
          )
          .catch(fail)
      })
      req.on('error', fail)
      req.end(request.body)
    } catch (error) {
      // An invalid header name or value is refused before anything is sent.
      fail(error)
    }
  })
}

/** What fetch() would send: a JSON or text body gets a length, a string body without a type is text/plain. */
function requestHeaders(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
  headers.accept ??= '*/*'
  headers['user-agent'] ??= 'deploy-gates'
  if (request.body !== undefined) {
    headers['content-type'] ??= 'text/plain;charset=UTF-8'
    headers['content-length'] = String(Buffer.byteLength(request.body))
  }
  return headers
}

/**
 * The body as UTF-8 text (BOM dropped, as fetch's text() does), decompressed when the server compressed it,
 * and at most `maxBytes` long: past that the socket is destroyed and the request fails.
 */
async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<string> {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase()
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  let stream: Readable = res
  if (decoder) {
    res.on('error', error => decoder.destroy(error))
    stream = res.pipe(decoder)
  }
  const tooLarge = () => {
    const error = new Error(
      `response body larger than the ${formatBytes(maxBytes)} limit`
    ) as NodeJS.ErrnoException
    error.code = BODY_TOO_LARGE
    return error
  }
  const declared = Number(res.headers['content-length'])
  if (!decoder && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy()
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream) {
    length += (chunk as Buffer).length
    if (length > maxBytes) {
      res.destroy()
      decoder?.destroy()
      throw tooLarge()
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/** Reads the raw name/value pairs on demand: a check reads two or three headers, so no map is built. */
function headerReader(raw: string[]): ResponseHeaders {
  return {
    get(name) {
      const wanted = name.toLowerCase()
      let value: string | null = null
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i]!.toLowerCase() === wanted) value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]}`
      }
      return value
    }
  }
}

/** System error codes (ECONNREFUSED, ECONNRESET, ENOTFOUND, CERT_HAS_EXPIRED…) say it best; Node's own ERR_* codes do not. */
function describeError({ code, message }: { code: string | undefined; message: string }): string {
  return code && !code.startsWith('ERR_') ? code : message
}
