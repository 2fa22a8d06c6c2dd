/**
 * A fetch() for API clients (Octokit's `request.fetch`): the deadline covers the whole exchange, the body
 * included (a server that sends headers and then nothing, or never answers at all, is cut off), and the body
 * is read up to a limit after decompression (fetch decompresses gzip, deflate and br itself), so an endless
 * or bomb answer fails instead of filling memory. The caller's own AbortSignal still works.
 * Redirects are followed only within the origin asked (up to 5): a redirect to another host is handed back as
 * the 3xx answer it is, so requests go only to the hosts the user named.
 */

/** The GitHub API answers in pages of at most 100 items: 20 MB is far above any page. */
export const DEFAULT_API_MAX_BODY_BYTES = 20 * 1024 * 1024
export const DEFAULT_API_TIMEOUT_MS = 30_000

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError'
}

export function createBoundedFetch(
  options: { fetch?: typeof fetch; timeoutMs?: number; maxBodyBytes?: number } = {}
): typeof fetch {
  const base = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS
  const maxBytes = options.maxBodyBytes ?? DEFAULT_API_MAX_BODY_BYTES
  return async (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    let url = new URL(input instanceof Request ? input.url : input)
    let response = await base(input, { ...init, signal, redirect: 'manual' })
    for (let hops = 0; hops < MAX_REDIRECTS && REDIRECTS.has(response.status); hops++) {
      const location = response.headers.get('location')
      const next = location && URL.canParse(location, url.href) ? new URL(location, url) : undefined
      if (!next || next.origin !== url.origin) break
      await response.body?.cancel().catch(() => undefined)
      url = next
      // 303, and 301/302 after a POST, become a GET without a body, as fetch's own redirect handling does.
      const method = (init.method ?? 'GET').toUpperCase()
      const asGet =
        response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')
      const { body: _body, ...rest } = init
      void _body
      response = await base(next, {
        ...(asGet ? { ...rest, method: 'GET' } : init),
        signal,
        redirect: 'manual'
      })
    }
    if (!response.body) return response
    const reader = response.body.getReader()
    const chunks: Uint8Array[] = []
    let length = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      length += value.byteLength
      if (length > maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw new ResponseTooLargeError(`response body larger than the ${maxBytes / 1048576} MB limit`)
      }
      chunks.push(value)
    }
    const headers = new Headers(response.headers)
    // The body handed on is already decoded: its original encoding and length no longer describe it.
    headers.delete('content-encoding')
    headers.delete('content-length')
    const body = [204, 205, 304].includes(response.status) ? null : Buffer.concat(chunks)
    const copy = new Response(body, { status: response.status, statusText: response.statusText, headers })
    Object.defineProperty(copy, 'url', { value: response.url })
    return copy
  }
}
