// Bounded HTTP (src/http.ts, src/kernel/fetch.ts) against real loopback servers: endless bodies, compression
// bombs, servers that accept and never answer.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket
} from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { createHttpClient } from '../../src/http.js'
import { createBoundedFetch } from '../../src/kernel/fetch.js'

const servers: (Server | TcpServer)[] = []
const sockets: Socket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(
    servers.splice(0).map(server => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      return new Promise(resolve => server.close(resolve))
    })
  )
})

async function listen(server: Server | TcpServer): Promise<string> {
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

const bomb = Buffer.alloc(64 * 1024 * 1024, 0x61)
const encoded = { gzip: gzipSync(bomb), deflate: deflateSync(bomb), br: brotliCompressSync(bomb) }

describe('node:http client', () => {
  it('stops an endless body at the limit', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const chunk = Buffer.alloc(64 * 1024, 0x62)
        const pump = () => {
          while (res.write(chunk));
          res.once('drain', pump)
        }
        pump()
        res.on('close', () => res.removeAllListeners('drain'))
      })
    )
    const result = await createHttpClient()(url, { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 })
    expect(result).toMatchObject({
      ok: false,
      kind: 'body-too-large',
      message: 'response body larger than the 1 MB limit'
    })
  })

  it.each(Object.keys(encoded) as (keyof typeof encoded)[])(
    'stops a %s bomb at the decompressed limit',
    async encoding => {
      const url = await listen(
        createServer((_req, res) => {
          res.writeHead(200, { 'content-encoding': encoding })
          res.end(encoded[encoding])
        })
      )
      const before = process.memoryUsage().rss
      const result = await createHttpClient()(url, { timeoutMs: 10_000, maxBodyBytes: 2 * 1024 * 1024 })
      expect(result).toMatchObject({ ok: false, kind: 'body-too-large' })
      expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024)
    }
  )

  it('refuses a declared length above the limit before reading', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) })
        res.write('x')
      })
    )
    expect(await createHttpClient()(url, { timeoutMs: 5000, maxBodyBytes: 1024 })).toMatchObject({
      kind: 'body-too-large'
    })
  })

  it('times out on a server that accepts and never answers', async () => {
    const server = createTcpServer(socket => sockets.push(socket))
    const url = await listen(server)
    const started = Date.now()
    const result = await createHttpClient()(url, { timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, kind: 'timeout', message: 'no answer within 300ms' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('times out on a body that stops halfway', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-length': '100' })
        res.write('half')
      })
    )
    expect(await createHttpClient()(url, { timeoutMs: 300 })).toMatchObject({ ok: false, kind: 'timeout' })
  })
})

describe('bounded fetch for API clients', () => {
  it('passes an ordinary JSON answer through', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        res.end(gzipSync('{"ok":true}'))
      })
    )
    const response = await createBoundedFetch()(url)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('stops a gzip bomb and an endless body', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' })
        res.end(encoded.gzip)
      })
    )
    await expect(createBoundedFetch({ maxBodyBytes: 1024 * 1024 })(url)).rejects.toThrow(
      'response body larger than the 1 MB limit'
    )
  })

  it('holds its deadline against a server that never answers', async () => {
    const url = await listen(createTcpServer(socket => sockets.push(socket)))
    const started = Date.now()
    await expect(createBoundedFetch({ timeoutMs: 300 })(url)).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('bounded fetch redirects', () => {
  it('follows a redirect within the origin, hands back one to another host unfollowed', async () => {
    let stolen = 0
    const other = await listen(
      createServer((_req, res) => {
        stolen++
        res.end('stolen')
      })
    )
    const url = await listen(
      createServer((req, res) => {
        if (req.url === '/moved') res.writeHead(301, { location: '/here' }).end()
        else if (req.url === '/away') res.writeHead(302, { location: `${other}x` }).end()
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"here":true}')
      })
    )
    const fetchBounded = createBoundedFetch()
    expect(await (await fetchBounded(`${url}moved`)).json()).toEqual({ here: true })
    const away = await fetchBounded(`${url}away`)
    expect(away.status).toBe(302)
    expect(stolen).toBe(0)
  })
})
