/**
 * Misbehaving loopback peers for the adversarial suite, one HTTP server whose first path segment picks the
 * behaviour (so any suffix works, and it can stand in as an API base URL), plus a TCP server that accepts and
 * never answers. Placeholders in cases: {{HTTP}}, {{SILENT}}, {{CLOSED}}.
 *
 *   /respond/<base64url JSON { status?, headers?, body?, gzip? }>/…  exactly that answer
 *   /endless/…       200, a body that never ends
 *   /gzip-bomb/…     200, 64 MB of zeros gzip-compressed (about 64 KB on the wire); /deflate-bomb, /br-bomb too
 *   /stall/…         200 and headers, then silence
 *   /drip/…          one byte a second, forever
 *   /huge-length/…   declares 50 GB and sends a little
 *   /redirect/<id>/… 302 to a canary URL on another port (must never be followed); {{REDIRECT}} in a case
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import {
  connect,
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket
} from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'

export interface Peers {
  http: string
  /** A forward proxy (absolute-URI requests; CONNECT tunnels) for HTTP_PROXY / HTTPS_PROXY: {{PROXY}}. */
  proxy: string
  /** Whether the proxy carried a request whose URL (or CONNECT target) contains `marker`. */
  proxied(marker: string): boolean
  silent: string
  closed: string
  /** Whether the redirect target received a request for this redirect id (it must not). */
  redirectFollowed(id: string): boolean
  close(): Promise<void>
}

export function respondPath(answer: {
  status?: number
  headers?: Record<string, string>
  body?: string
  gzip?: boolean
}): string {
  return `/respond/${Buffer.from(JSON.stringify(answer)).toString('base64url')}`
}

const ZEROS = Buffer.alloc(64 * 1024 * 1024)
let bombs: { gzip: Buffer; deflate: Buffer; br: Buffer } | undefined
function compressed() {
  bombs ??= {
    gzip: gzipSync(ZEROS, { level: 9 }),
    deflate: deflateSync(ZEROS, { level: 9 }),
    br: brotliCompressSync(ZEROS)
  }
  return bombs
}

function handle(req: IncomingMessage, res: ServerResponse, redirectTarget: string): void {
  const [, kind = '', arg = ''] = (req.url ?? '/').split('/')
  const timers: NodeJS.Timeout[] = []
  res.on('close', () => timers.forEach(clearInterval))
  switch (kind) {
    case 'respond': {
      const answer = JSON.parse(Buffer.from(arg, 'base64url').toString()) as {
        status?: number
        headers?: Record<string, string>
        body?: string
        gzip?: boolean
      }
      const body = answer.gzip ? gzipSync(answer.body ?? '') : Buffer.from(answer.body ?? '')
      res.writeHead(answer.status ?? 200, {
        ...(answer.gzip ? { 'content-encoding': 'gzip' } : {}),
        ...answer.headers
      })
      res.end(body)
      return
    }
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      }
      res.on('drain', pump)
      res.write('[')
      pump()
      return
    }
    case 'gzip-bomb':
    case 'deflate-bomb':
    case 'br-bomb': {
      const encoding = kind === 'gzip-bomb' ? 'gzip' : kind === 'deflate-bomb' ? 'deflate' : 'br'
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
      res.end(compressed()[encoding])
      return
    }
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"status":')
      return
    case 'drip':
      res.writeHead(200, { 'content-type': 'application/json' })
      timers.push(setInterval(() => res.write(' '), 1000))
      return
    case 'huge-length':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 ** 3) })
      res.write('{"a":')
      return
    case 'redirect':
      res.writeHead(302, { location: `${redirectTarget}/stolen/${arg}` })
      res.end()
      return
    default:
      res.writeHead(404)
      res.end('not found')
  }
}

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

export async function startPeers(): Promise<Peers> {
  const hits = new Set<string>()
  const target = createServer((req, res) => {
    hits.add((req.url ?? '').split('/')[2] ?? '')
    res.end('stolen')
  })
  const targetPort = await listen(target)
  const sockets = new Set<Socket>()
  const http = createServer((req, res) => handle(req, res, `http://127.0.0.1:${targetPort}`))
  http.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const seenByProxy: string[] = []
  const proxy = createServer((req, res) => {
    seenByProxy.push(req.url ?? '')
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      res.writeHead(400).end()
      return
    }
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  proxy.on('connect', (req, socket) => {
    seenByProxy.push(req.url ?? '')
    const [host, port] = (req.url ?? '').split(':')
    const tunnel = connect(Number(port), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      tunnel.pipe(socket)
      socket.pipe(tunnel)
    })
    tunnel.on('error', () => socket.destroy())
    socket.on('error', () => tunnel.destroy())
  })
  proxy.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const silent = createTcpServer(socket => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  const closedServer = createTcpServer()
  const closedPort = await listen(closedServer)
  await new Promise(resolve => closedServer.close(resolve))
  const [httpPort, silentPort, proxyPort] = [await listen(http), await listen(silent), await listen(proxy)]
  return {
    http: `http://127.0.0.1:${httpPort}`,
    silent: `http://127.0.0.1:${silentPort}`,
    closed: `http://127.0.0.1:${closedPort}`,
    proxy: `http://127.0.0.1:${proxyPort}`,
    proxied: marker => seenByProxy.some(url => url.includes(marker)),
    redirectFollowed: id => hits.has(id),
    async close() {
      for (const socket of sockets) socket.destroy()
      http.closeAllConnections()
      target.closeAllConnections()
      proxy.closeAllConnections()
      await Promise.all(
        [http, silent, target, proxy].map(server => new Promise(resolve => server.close(resolve)))
      )
    }
  }
}
