/**
 * One HTTP request with a hard timeout and timing, shared by the contract, health and rollback gates.
 * Failures to get any answer (refused, reset, DNS, timeout) come back as an HttpFailure, not an exception,
 * so a gate decides how to count them; it never waits forever.
 */
export interface HttpRequest {
  method?: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
}

export interface HttpResponse {
  ok: true
  status: number
  headers: Headers
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

export async function httpRequest(
  fetchImpl: typeof fetch,
  url: string | URL,
  { method = 'GET', headers = {}, body, timeoutMs }: HttpRequest
): Promise<HttpResponse | HttpFailure> {
  const started = performance.now()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: 'manual' })
    // The body read is under the same deadline: a server that sends headers and then stalls is a timeout too.
    const text = await response.text()
    return { ok: true, status: response.status, headers: response.headers, body: text, durationMs: performance.now() - started }
  } catch (error) {
    const durationMs = performance.now() - started
    if (controller.signal.aborted) return { ok: false, kind: 'timeout', message: `no answer within ${timeoutMs}ms`, durationMs }
    return { ok: false, kind: 'connection', message: describeConnectionError(error), durationMs }
  } finally {
    clearTimeout(timer)
  }
}

/** undici hides the useful part (ECONNREFUSED, ECONNRESET…) in error.cause. */
function describeConnectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  if (cause?.code) return `connection failed (${cause.code})`
  if (cause?.message) return `connection failed (${cause.message})`
  return `connection failed (${error instanceof Error ? error.message : String(error)})`
}
