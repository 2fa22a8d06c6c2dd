import * as net from 'node:net'

/**
 * A loopback proxy between a migration tool and the shadow database that records every statement the tool
 * sends, as PostgreSQL receives it: simple `Query` messages and the extended protocol's Parse/Bind/Execute
 * (the statement text with the parameters it was executed with). Bytes are forwarded unchanged; only the
 * client → server direction is read. The password message is never recorded.
 */

export interface RecordedStatement {
  /** Order across all connections, as the proxy saw the messages. */
  seq: number
  /** Which client connection sent it (tools may use several). */
  connection: number
  sql: string
  /** Text-format parameters of an extended-protocol execution ($1 is params[0]); null = SQL NULL. */
  params?: (string | null)[]
}

/** An ErrorResponse the shadow sent back: why a statement failed. */
export interface ServerError {
  connection: number
  /** The recorded statement the error came after (its seq). */
  afterSeq: number
  severity: string
  code: string
  message: string
}

export interface WireRecorder {
  /** Where the tool connects: 127.0.0.1 and the port. */
  host: string
  port: number
  statements: RecordedStatement[]
  /** The last errors the shadow answered with (at most 20). */
  errors: ServerError[]
  /** Set when a limit was hit: the recording is incomplete and must not be trusted. */
  overflow?: string
  close(): Promise<void>
}

export interface WireLimits {
  /** Largest single message (a migration's SQL in one Query). */
  maxMessageBytes: number
  /** All recorded SQL together. */
  maxRecordedBytes: number
}

export const DEFAULT_WIRE_LIMITS: WireLimits = {
  maxMessageBytes: 64 * 1024 * 1024,
  maxRecordedBytes: 256 * 1024 * 1024
}

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102

function cstring(buffer: Buffer, at: number): [string, number] {
  const end = buffer.indexOf(0, at)
  if (end < 0) throw new Error('unterminated string in a protocol message')
  return [buffer.toString('utf8', at, end), end + 1]
}

/** The fields of an ErrorResponse body: a type byte, a string, …, then a zero byte. */
function readErrorFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {}
  let at = 0
  while (at < body.length && body[at] !== 0) {
    const type = String.fromCharCode(body[at]!)
    const end = body.indexOf(0, at + 1)
    if (end < 0) break
    fields[type] = body.toString('utf8', at + 1, end)
    at = end + 1
  }
  return fields
}

/** Per-connection state of the extended protocol: prepared statements and bound portals by name. */
interface Session {
  id: number
  statements: Map<string, string>
  portals: Map<string, { sql: string; params: (string | null)[] }>
}

/** Reads one client → server message body and records what it runs. Exported for the parser's tests. */
export function readFrontendMessage(
  type: string,
  body: Buffer,
  session: Session,
  record: (sql: string, params?: (string | null)[]) => void
): void {
  switch (type) {
    case 'Q': {
      record(cstring(body, 0)[0])
      return
    }
    case 'P': {
      const [name, next] = cstring(body, 0)
      const [sql] = cstring(body, next)
      session.statements.set(name, sql)
      return
    }
    case 'B': {
      const [portal, afterPortal] = cstring(body, 0)
      const [statement, afterStatement] = cstring(body, afterPortal)
      let at = afterStatement
      const formatCount = body.readInt16BE(at)
      const formats: number[] = []
      at += 2
      for (let i = 0; i < formatCount; i++, at += 2) formats.push(body.readInt16BE(at))
      const paramCount = body.readInt16BE(at)
      at += 2
      const params: (string | null)[] = []
      for (let i = 0; i < paramCount; i++) {
        const length = body.readInt32BE(at)
        at += 4
        if (length < 0) {
          params.push(null)
          continue
        }
        const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0)
        // Binary parameters are kept as hex: the history writes the gate reads are text.
        params.push(
          format === 1
            ? `\\x${body.toString('hex', at, at + length)}`
            : body.toString('utf8', at, at + length)
        )
        at += length
      }
      session.portals.set(portal, { sql: session.statements.get(statement) ?? '', params })
      return
    }
    case 'E': {
      const [portal] = cstring(body, 0)
      const bound = session.portals.get(portal)
      if (bound) record(bound.sql, bound.params)
      return
    }
    case 'C': {
      // Close: 'S' statement or 'P' portal.
      const [name] = cstring(body, 1)
      if (body[0] === 0x53) session.statements.delete(name)
      else session.portals.delete(name)
      return
    }
    default:
      // Sync, Describe, Flush, Terminate, password, COPY data: nothing to record.
      return
  }
}

export async function startWireRecorder(
  upstream: { host: string; port: number },
  limits: WireLimits = DEFAULT_WIRE_LIMITS
): Promise<WireRecorder> {
  const statements: RecordedStatement[] = []
  let seq = 0
  let connections = 0
  let recordedBytes = 0
  const sockets = new Set<net.Socket>()
  const errors: ServerError[] = []
  const recorder: WireRecorder = {
    host: '127.0.0.1',
    port: 0,
    statements,
    errors,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
  const fail = (reason: string): void => {
    recorder.overflow ??= reason
  }

  const server = net.createServer(client => {
    const session: Session = { id: ++connections, statements: new Map(), portals: new Map() }
    const server = net.connect(upstream.port, upstream.host)
    // Small protocol messages, one round trip each: Nagle's algorithm would hold every one back for an ACK.
    server.setNoDelay(true)
    client.setNoDelay(true)
    sockets.add(client)
    sockets.add(server)
    let pending: Buffer = Buffer.alloc(0)
    let started = false
    const record = (sql: string, params?: (string | null)[]): void => {
      recordedBytes += sql.length
      if (recordedBytes > limits.maxRecordedBytes) {
        fail(`the migrate command sent more than ${limits.maxRecordedBytes / 1024 / 1024} MB of SQL`)
        return
      }
      statements.push({ seq: ++seq, connection: session.id, sql, ...(params && { params }) })
    }
    const onData = (chunk: Buffer): void => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
      const forward: Buffer[] = []
      for (;;) {
        if (!started) {
          if (pending.length < 8) break
          const length = pending.readInt32BE(0)
          if (pending.length < length) break
          const code = pending.readInt32BE(4)
          const message = pending.subarray(0, length)
          pending = pending.subarray(length)
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            // The shadow is on loopback: answer "no encryption" ourselves, so the tool goes on in plain text.
            client.write('N')
            continue
          }
          if (code !== CANCEL_REQUEST) started = true
          forward.push(message)
          continue
        }
        if (pending.length < 5) break
        const length = pending.readInt32BE(1)
        if (length + 1 > limits.maxMessageBytes) {
          fail(`a message of ${length} bytes is over the ${limits.maxMessageBytes} byte limit`)
          client.destroy()
          server.destroy()
          return
        }
        if (pending.length < length + 1) break
        const message = pending.subarray(0, length + 1)
        pending = pending.subarray(length + 1)
        try {
          readFrontendMessage(String.fromCharCode(message[0]!), message.subarray(5), session, record)
        } catch (error) {
          fail(`unreadable protocol message: ${(error as Error).message}`)
        }
        forward.push(message)
      }
      if (forward.length) server.write(Buffer.concat(forward))
    }
    client.on('data', onData)
    // Server → client: forwarded as is; ErrorResponse messages are read for the failure report, every
    // other message (rows of any size) is skipped without being kept.
    let answer: Buffer = Buffer.alloc(0)
    let skip = 0
    server.on('data', (chunk: Buffer) => {
      client.write(chunk)
      let data = chunk
      if (skip > 0) {
        const dropped = Math.min(skip, data.length)
        skip -= dropped
        data = data.subarray(dropped)
      }
      answer = answer.length ? Buffer.concat([answer, data]) : data
      while (answer.length >= 5) {
        const isError = answer[0] === 0x45
        const length = answer.readInt32BE(1)
        if (answer.length < length + 1) {
          if (!isError || length > 1024 * 1024) {
            skip = length + 1 - answer.length
            answer = Buffer.alloc(0)
          }
          break
        }
        if (isError) {
          const fields = readErrorFields(answer.subarray(5, length + 1))
          errors.push({
            connection: session.id,
            afterSeq: seq,
            severity: fields.S ?? 'ERROR',
            code: fields.C ?? '',
            message: fields.M ?? 'unknown error'
          })
          if (errors.length > 20) errors.shift()
        }
        answer = answer.subarray(length + 1)
      }
    })
    const end = (): void => {
      client.destroy()
      server.destroy()
      sockets.delete(client)
      sockets.delete(server)
    }
    client.on('close', end)
    server.on('close', end)
    client.on('error', end)
    server.on('error', end)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  recorder.port = (server.address() as net.AddressInfo).port
  return recorder
}
