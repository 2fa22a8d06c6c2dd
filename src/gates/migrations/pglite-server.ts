/**
 * An embedded PostgreSQL (PGlite, WebAssembly) served on a loopback port: the shadow replay's default
 * database, and the demo's and tests' database on a machine without a PostgreSQL server. Imported lazily
 * (shadow/database.ts), so PGlite is loaded only when a replay runs; the build copies its .wasm and .data
 * files beside the bundle, where PGlite looks for them.
 */
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  db: PGlite
  close(): Promise<void>
}

export async function startPgliteServer({ dataDir }: { dataDir?: string } = {}): Promise<EmbeddedPostgres> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create()
  // PGlite runs one query at a time; the socket server queues connections' queries onto it (keeping a
  // connection's transaction together).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 })
  await server.start()
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    db,
    async close() {
      await server.stop()
      await db.close()
    }
  }
}
