// The shared HTTP client (src/http.ts) against real loopback servers: what the contract, health and rollback
// gates rely on — a deadline over headers and body, no redirects followed, one-line failures, keep-alive.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { createHttpClient, httpRequest } from '../src/http.js'

interface Loopback {
  url: string
  connections: number
  requests: { method: string; headers: IncomingMessage['headers']; body: string }[]
  close(): Promise<void>
}

const open: Loopback[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(server => server.close()))
})

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
  const loopback: Loopback = { url: '', connections: 0, requests: [], close: async () => {} }
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    loopback.requests.push({ method: req.method ?? '', headers: req.headers, body })
    handler(req, res)
  })
  server.on('connection', () => loopback.connections++)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  loopback.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  loopback.close = () =>
    new Promise(resolve => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  open.push(loopback)
  return loopback
}

describe('httpRequest', () => {
  it('times out a server that sends headers and then stalls the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"partial":')
    })
    const response = await httpRequest({}, `${server.url}/slow`, { timeoutMs: 200 })
    expect(response).toMatchObject({ ok: false, kind: 'timeout', message: 'no answer within 200ms' })
    expect(response.durationMs).toBeGreaterThanOrEqual(195)
    expect(response.durationMs).toBeLessThan(1000)
  })

  it('does not follow redirects: a 3xx is the answer', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end())
    const response = await httpRequest({}, `${server.url}/old`, { timeoutMs: 2000 })
    expect(response).toMatchObject({ ok: true, status: 302 })
    expect(response.ok && response.headers.get('Location')).toBe('/elsewhere')
    expect(server.requests).toHaveLength(1)
  })

  it('names a refused connection and a reset mid-body in one line', async () => {
    const closed = await serve(() => {})
    const port = new URL(closed.url).port
    await closed.close()
    expect(await httpRequest({}, `http://127.0.0.1:${port}/`, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      kind: 'connection',
      message: 'connection failed (ECONNREFUSED)'
    })
    const resetting = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('half')
      setTimeout(() => req.socket.resetAndDestroy(), 20)
    })
    expect(await httpRequest({}, resetting.url, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      kind: 'connection',
      message: 'connection failed (ECONNRESET)'
    })
  })

  it('decompresses a gzip body and joins repeated headers, as fetch() does', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('content-encoding', 'gzip')
      res.setHeader('x-tag', ['a', 'b'])
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(gzipSync('\uFEFF{"name":"Ada"}'))
    })
    const response = await httpRequest({}, server.url, { timeoutMs: 2000 })
    expect(response.ok && JSON.parse(response.body)).toEqual({ name: 'Ada' })
    expect(response.ok && response.headers.get('X-TAG')).toBe('a, b')
    expect(response.ok && response.headers.get('x-missing')).toBeNull()
  })

  it('sends the method, headers and body with a length, over one kept-alive connection', async () => {
    const server = await serve((_req, res) => res.writeHead(201).end())
    const client = createHttpClient()
    const body = JSON.stringify({ name: 'Grâce' })
    for (let i = 0; i < 3; i++) {
      const response = await client(new URL('/users', server.url), {
        method: 'post',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
        body,
        timeoutMs: 2000
      })
      expect(response).toMatchObject({ ok: true, status: 201, body: '' })
    }
    expect(server.connections).toBe(1)
    const [first] = server.requests
    expect(first).toMatchObject({ method: 'POST', body })
    expect(first!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      authorization: 'Bearer t',
      accept: '*/*'
    })
    // A string body without a type is text, as fetch() sends it.
    await client(server.url, { method: 'PUT', body: 'x', timeoutMs: 2000 })
    expect(server.requests[3]!.headers['content-type']).toBe('text/plain;charset=UTF-8')
  })

  it('uses the client a test injects through io.http', async () => {
    const seen: string[] = []
    const response = await httpRequest(
      {
        http: async (url, request) => {
          seen.push(`${request.method ?? 'GET'} ${String(url)}`)
          return { ok: false, kind: 'connection', message: 'connection failed (injected)', durationMs: 0 }
        }
      },
      'http://127.0.0.1:9/x',
      { timeoutMs: 10 }
    )
    expect(response).toMatchObject({ ok: false, message: 'connection failed (injected)' })
    expect(seen).toEqual(['GET http://127.0.0.1:9/x'])
  })
})
