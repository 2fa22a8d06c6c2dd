/**
 * The demo's load balancer: a small weighted reverse proxy on loopback in front of the stable and the canary
 * instance of production. Its admin endpoint sets the canary's share of traffic (`PUT /weight/<0-100>`), as a
 * real load balancer's API or CLI would; the rollout gate's traffic command calls it (examples/demo/traffic.mjs).
 * Requests are split deterministically: of every 100, exactly `weight` go to the canary, spread evenly.
 */
import { createServer, request as httpRequest } from 'node:http'

const listen = server =>
  new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))

export async function startWeightedProxy({ stable, canary }) {
  const state = { weight: 0, history: [], served: { stable: 0, canary: 0 } }
  let count = 0
  const proxy = createServer((req, res) => {
    const n = count++ % 100
    const toCanary = Math.floor(((n + 1) * state.weight) / 100) > Math.floor((n * state.weight) / 100)
    const target = new URL(toCanary ? canary.url : stable.url)
    state.served[toCanary ? 'canary' : 'stable']++
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host }
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, {
          ...answer.headers,
          'x-served-by': toCanary ? 'canary' : 'stable'
        })
        answer.pipe(res)
      }
    )
    upstream.on('error', error => {
      if (res.headersSent) return res.destroy()
      res.writeHead(502, {
        'content-type': 'application/json',
        'x-served-by': toCanary ? 'canary' : 'stable'
      })
      res.end(JSON.stringify({ error: `upstream ${toCanary ? 'canary' : 'stable'}: ${error.message}` }))
    })
    req.pipe(upstream)
  })
  const admin = createServer((req, res) => {
    const match = /^\/weight\/(\d{1,3})$/.exec(req.url ?? '')
    if (req.method === 'PUT' && match && Number(match[1]) <= 100) {
      state.weight = Number(match[1])
      state.history.push(state.weight)
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ weight: state.weight }))
    }
    if (req.method === 'GET' && req.url === '/weight') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ weight: state.weight }))
    }
    res.writeHead(400, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: 'use PUT /weight/<0-100>' }))
  })
  const [port, adminPort] = await Promise.all([listen(proxy), listen(admin)])
  const close = server =>
    new Promise(resolve => {
      server.closeAllConnections()
      server.close(resolve)
    })
  return {
    url: `http://127.0.0.1:${port}`,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    state,
    close: () => Promise.all([close(proxy), close(admin)])
  }
}
