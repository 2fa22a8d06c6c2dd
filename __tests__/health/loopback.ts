/**
 * Misbehaving services on loopback for the health gate: each is a real HTTP server on 127.0.0.1:0 whose
 * behaviour is chosen per request, so tests can script "slow to start", "flaps", "degrades after N",
 * "wrong version", "hangs" and "resets connections".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GateIO } from '../../src/types.js'
import { testGateIO, type GateIOOverrides } from '../helpers/gate-io.js'

export type Behaviour =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status?: number; body: string; contentType?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }

export interface Service {
  url: string
  /** Requests answered so far (including hung and reset ones). */
  requests: number
  /** `Date.now()` of each request's arrival. */
  arrivals: number[]
  close(): Promise<void>
}

/** `respond(n)` decides how to answer the n-th request (0-based). */
export async function startService(
  respond: (n: number, request: IncomingMessage) => Behaviour
): Promise<Service> {
  const hanging = new Set<ServerResponse>()
  const service: Service = { url: '', requests: 0, arrivals: [], close: async () => {} }
  const server = createServer((request, response) => {
    const n = service.requests++
    service.arrivals.push(Date.now())
    const behaviour = respond(n, request)
    switch (behaviour.kind) {
      case 'json':
        response.writeHead(behaviour.status ?? 200, {
          'content-type': 'application/json',
          ...behaviour.headers
        })
        response.end(JSON.stringify(behaviour.body))
        return
      case 'text':
        response.writeHead(behaviour.status ?? 200, { 'content-type': behaviour.contentType ?? 'text/html' })
        response.end(behaviour.body)
        return
      case 'hang':
        hanging.add(response)
        return
      case 'reset':
        request.socket.resetAndDestroy()
        return
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`
  service.close = () =>
    new Promise<void>(resolve => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return service
}

/** A GateIO on real time and the real network, in a push build of octo-org/octo-repo, with log lines collected. */
export function realIO(overrides: GateIOOverrides = {}): GateIO & { lines: string[] } {
  const lines: string[] = []
  const io = testGateIO(overrides.cwd ?? process.cwd(), {
    log: { info: m => lines.push(m), warning: m => lines.push(`warning: ${m}`), debug: () => {} },
    git: async () => '',
    ...overrides,
    github: {
      apiUrl: 'http://127.0.0.1:9',
      serverUrl: 'https://github.com',
      repository: 'octo-org/octo-repo',
      eventName: 'push',
      sha: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
      runId: '4242',
      ...overrides.github
    }
  })
  return { ...io, lines }
}

/** A Prometheus HTTP API stand-in following the documented `/api/v1/query` response format. */
export async function startPrometheus(
  answer: (query: string, n: number) => { status?: number; body: unknown } | 'hang'
): Promise<Service & { queries: string[] }> {
  const queries: string[] = []
  const service = await startService((n, request) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/api/v1/query')
      return { kind: 'json', status: 404, body: { status: 'error', error: 'not found' } }
    const query = url.searchParams.get('query') ?? ''
    queries.push(query)
    const result = answer(query, n)
    if (result === 'hang') return { kind: 'hang' }
    return { kind: 'json', status: result.status ?? 200, body: result.body }
  })
  return Object.assign(service, { url: service.url.replace(/\/healthz$/, ''), queries })
}

export const vector = (...values: number[]) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: values.map((value, i) => ({
      metric: { instance: `pod-${i}` },
      value: [1_700_000_000.5, String(value)]
    }))
  }
})
