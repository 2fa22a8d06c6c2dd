/**
 * One HTTP request with a hard timeout and timing, shared by the contract, health and rollback gates.
 * Failures to get any answer (refused, reset, DNS, TLS, timeout) come back as an HttpFailure, not an
 * exception, so a gate decides how to count them; it never waits forever.
 *
 * Built on node:http/https with keep-alive agents rather than fetch(): on a busy 2-core runner undici's
 * fetch costs about 0.5–1 ms of CPU per request, which is most of the time of a 300-operation contract
 * check against a fast service (bench/contract.mjs, part b).
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
}

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
  kind: 'timeout' | 'connection'
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
export function createHttpClient(options: { ca?: string | Buffer } = {}): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) })
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
    return failure('connection', `connection failed (${describeError(outcome)})`)
  }
}

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
        readBody(res)
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

/** The body as UTF-8 text (BOM dropped, as fetch's text() does), decompressed when the server compressed it. */
async function readBody(res: http.IncomingMessage): Promise<string> {
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
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
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
