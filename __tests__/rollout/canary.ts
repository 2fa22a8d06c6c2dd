/**
 * A stable and a canary version behind a weighted router, all on loopback, for the rollout gate's tests. The
 * traffic command sets the split the way a load balancer's CLI would: it writes the canary's weight to a file
 * (`echo "$ROLLOUT_WEIGHT" > weight`), which the router reads on every request. Requests are split
 * deterministically (of every 100, exactly `weight` go to the canary, spread evenly), so a canary that breaks
 * at some share of traffic is seen by the probes at that share and not before.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CanaryRouter {
  url: string
  /** Requests each version answered, and the canary's answers by the weight in force. */
  served: { stable: number; canary: number; canaryFailures: number }
  close(): Promise<void>
}

export interface CanaryOptions {
  /** The file the traffic command writes the weight to (a missing or empty file is weight 0). */
  weightFile: string
  /** The canary answers 500 once its share of traffic is at least this (a release that breaks under load). */
  canaryFailsAt?: number
}

export async function startCanaryRouter({
  weightFile,
  canaryFailsAt = Infinity
}: CanaryOptions): Promise<CanaryRouter> {
  const served = { stable: 0, canary: 0, canaryFailures: 0 }
  let count = 0
  const readWeight = () => {
    try {
      const text = readFileSync(weightFile, 'utf8').trim().split('\n').pop() ?? ''
      return /^\d+$/.test(text) ? Math.min(100, Number(text)) : 0
    } catch {
      return 0
    }
  }
  const server: Server = createServer((_request, response) => {
    const weight = readWeight()
    const n = count++ % 100
    // The n-th request of each hundred goes to the canary when it brings the canary's count up to its share.
    const toCanary = Math.floor(((n + 1) * weight) / 100) > Math.floor((n * weight) / 100)
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (!toCanary) {
      served.stable++
      return send(200, { status: 'ok', version: 'stable' })
    }
    served.canary++
    if (weight >= canaryFailsAt) {
      served.canaryFailures++
      return send(500, { status: 'failing', version: 'canary', error: 'connection pool exhausted' })
    }
    return send(200, { status: 'ok', version: 'canary' })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/healthz`,
    served,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
