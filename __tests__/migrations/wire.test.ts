import { afterEach, describe, expect, it } from '@jest/globals'
import * as net from 'node:net'
import pg from 'pg'
import { startWireRecorder, type WireRecorder } from '../../src/gates/migrations/shadow/wire.js'
import { startPgliteServer, type EmbeddedPostgres } from '../../src/gates/migrations/pglite-server.js'

/** The recording proxy between a real client (node-postgres) and a real server (PGlite on loopback). */
let recorder: WireRecorder | undefined
let server: EmbeddedPostgres | undefined
afterEach(async () => {
  await recorder?.close()
  await server?.close()
  recorder = server = undefined
})

async function proxied(limits?: Parameters<typeof startWireRecorder>[1]): Promise<string> {
  server = await startPgliteServer()
  const url = new URL(server.url)
  recorder = await startWireRecorder({ host: url.hostname, port: Number(url.port) }, limits)
  url.port = String(recorder.port)
  return url.toString()
}

describe('the wire-protocol recorder', () => {
  it('records simple queries, and extended-protocol executions with their parameters (text, NULL, binary)', async () => {
    const client = new pg.Client({ connectionString: await proxied() })
    await client.connect()
    await client.query('CREATE TABLE t (id int, name text, data bytea); SET lock_timeout = 100')
    await client.query('INSERT INTO t VALUES ($1, $2, $3)', [7, null, Buffer.from([0xde, 0xad])])
    await client.query({ name: 'named', text: 'SELECT * FROM t WHERE id = $1', values: [7] })
    await client.query({ name: 'named', text: 'SELECT * FROM t WHERE id = $1', values: [8] })
    await client.end()
    const recorded = recorder!.statements.map(s => ({ sql: s.sql, params: s.params }))
    expect(recorded).toContainEqual({
      sql: 'CREATE TABLE t (id int, name text, data bytea); SET lock_timeout = 100',
      params: undefined
    })
    // node-postgres sends Buffers as text-format bytea escapes.
    expect(recorded).toContainEqual({
      sql: 'INSERT INTO t VALUES ($1, $2, $3)',
      params: ['7', null, '\\xdead']
    })
    // A named statement parsed once and executed twice is recorded twice, each with its own parameters.
    expect(recorded.filter(r => r.sql === 'SELECT * FROM t WHERE id = $1').map(r => r.params)).toEqual([
      ['7'],
      ['8']
    ])
    expect(new Set(recorder!.statements.map(s => s.connection)).size).toBe(1)
    expect(recorder!.overflow).toBeUndefined()
  }, 60_000)

  it("records the server's errors, with the statement they answered", async () => {
    const client = new pg.Client({ connectionString: await proxied() })
    await client.connect()
    await expect(client.query('ALTER TABLE missing DROP COLUMN x')).rejects.toThrow(
      'relation "missing" does not exist'
    )
    await client.end()
    const [error] = recorder!.errors
    expect(error).toMatchObject({
      severity: 'ERROR',
      code: '42P01',
      message: 'relation "missing" does not exist'
    })
    expect(recorder!.statements.find(s => s.seq === error!.afterSeq)!.sql).toBe(
      'ALTER TABLE missing DROP COLUMN x'
    )
  }, 60_000)

  it('answers an SSLRequest with "no" itself (loopback), so libpq-style clients go on in plain text', async () => {
    const url = new URL(await proxied())
    const socket = net.connect(Number(url.port), url.hostname)
    const answer = await new Promise<string>(resolve => {
      socket.once('data', data => resolve(data.toString('latin1')))
      const request = Buffer.alloc(8)
      request.writeInt32BE(8, 0)
      request.writeInt32BE(80877103, 4)
      socket.write(request)
    })
    socket.destroy()
    expect(answer).toBe('N')
  }, 60_000)

  it('a message over the limit cuts the connection and marks the recording as not to be trusted', async () => {
    const client = new pg.Client({
      connectionString: await proxied({ maxMessageBytes: 1024, maxRecordedBytes: 1 << 20 })
    })
    client.on('error', () => {})
    await client.connect()
    await expect(client.query(`SELECT '${'x'.repeat(4096)}'`)).rejects.toThrow()
    await client.end().catch(() => {})
    expect(recorder!.overflow).toMatch(/^a message of \d+ bytes is over the 1024 byte limit$/)
  }, 60_000)
})
