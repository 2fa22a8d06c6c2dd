#!/usr/bin/env node
// The example service of deploy-gates' demo: a dependency-free JSON API on loopback, described by openapi.yaml.
//
//   PORT=3000 APP_VERSION=1.2.3 node examples/service/server.mjs          (PORT=0: any free port)
//   node examples/service/server.mjs --port 0 --break drift
//
// BREAK=<mode> makes it misbehave the way real deployments do, so the gates have something to catch:
//   drift      GET /users/{id} returns `id` as a string and drops `email` (the live API no longer matches the spec)
//   unhealthy  GET /healthz answers 500 after UNHEALTHY_AFTER requests (default 3)
//   slow       every answer waits SLOW_MS milliseconds (default 2000)
//   error      GET /orders answers 500
//   capacity   answers 503 beyond CAPACITY_RPS requests a second (default 10): a connection pool sized for a
//              fraction of the traffic, fine with 10% of it, exhausted at 50%
// It prints one line, `listening on http://127.0.0.1:<port>`, once it accepts connections.
import { createServer } from 'node:http'

const args = process.argv.slice(2)
const flag = name => {
  const index = args.indexOf(`--${name}`)
  return index === -1 ? undefined : args[index + 1]
}
const port = Number(flag('port') ?? process.env.PORT ?? 3000)
const host = flag('host') ?? process.env.HOST ?? '127.0.0.1'
const version = flag('version') ?? process.env.APP_VERSION ?? '0.0.0-dev'
const breakMode = flag('break') ?? process.env.BREAK ?? ''
const unhealthyAfter = Number(process.env.UNHEALTHY_AFTER ?? 3)
const slowMs = Number(process.env.SLOW_MS ?? 2000)
const capacityRps = Number(process.env.CAPACITY_RPS ?? 10)
/** Arrival times of the last second's requests (capacity mode). */
const recent = []

const users = [
  {
    id: 1,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    createdAt: '2024-01-01T09:00:00Z',
    nickname: null
  },
  {
    id: 2,
    name: 'Alan Turing',
    email: 'alan@example.com',
    createdAt: '2024-01-02T09:00:00Z',
    nickname: 'Prof'
  },
  {
    id: 3,
    name: 'Edsger Dijkstra',
    email: 'edsger@example.com',
    createdAt: '2024-01-03T09:00:00Z',
    nickname: null
  }
]
const orders = [
  { id: 101, userId: 1, total: 42.5, status: 'paid' },
  { id: 102, userId: 2, total: 7, status: 'pending' },
  { id: 103, userId: 1, total: 19.99, status: 'shipped' }
]
let healthRequests = 0

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

async function readJson(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return undefined
  }
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://service')
  const route = `${req.method} ${url.pathname.replace(/\/\d+$/, '/{id}')}`
  const id = Number(url.pathname.split('/').pop())
  if (breakMode === 'slow') await new Promise(resolve => setTimeout(resolve, slowMs))
  if (breakMode === 'capacity') {
    const now = Date.now()
    while (recent.length > 0 && recent[0] <= now - 1000) recent.shift()
    recent.push(now)
    if (recent.length > capacityRps)
      return send(res, 503, { status: 'failing', version, error: 'connection pool exhausted' })
  }
  switch (route) {
    case 'GET /healthz': {
      healthRequests++
      const failing = breakMode === 'unhealthy' && healthRequests > unhealthyAfter
      return send(res, failing ? 500 : 200, {
        status: failing ? 'failing' : 'ok',
        version,
        db: failing ? 'down' : 'ok'
      })
    }
    case 'GET /users': {
      const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 100) || 100))
      return send(res, 200, users.slice(0, limit), { 'x-total-count': String(users.length) })
    }
    case 'POST /users': {
      const body = await readJson(req)
      if (!body || typeof body.name !== 'string' || typeof body.email !== 'string')
        return send(res, 400, { error: 'name and email are required' })
      const user = {
        id: users.length + 1,
        name: body.name,
        email: body.email,
        createdAt: new Date().toISOString(),
        nickname: null
      }
      users.push(user)
      return send(res, 201, user)
    }
    case 'GET /users/{id}': {
      const user = users.find(u => u.id === id)
      if (!user) return send(res, 404, { error: `no user ${id}` })
      if (breakMode === 'drift') {
        const { email: _dropped, ...rest } = user
        return send(res, 200, { ...rest, id: String(user.id) })
      }
      return send(res, 200, user)
    }
    case 'GET /orders': {
      if (breakMode === 'error') return send(res, 500, { error: 'database connection lost' })
      const status = url.searchParams.get('status')
      return send(
        res,
        200,
        orders.filter(o => !status || o.status === status)
      )
    }
    case 'GET /orders/{id}': {
      const order = orders.find(o => o.id === id)
      return order ? send(res, 200, order) : send(res, 404, { error: `no order ${id}` })
    }
    default:
      return send(res, 404, { error: `no route ${req.method} ${url.pathname}` })
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch(error => send(res, 500, { error: String(error) }))
})
server.listen(port, host, () => {
  console.log(`listening on http://${host}:${server.address().port}`)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
