/**
 * An embedded PostgreSQL (PGlite, WebAssembly) served on a loopback port, so the demo and tests on a machine
 * without a PostgreSQL server use the same `pg` code path as production. Test/demo code only: PGlite is a
 * devDependency and is never imported by the gate, so it is not in dist/.
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
  // PGlite runs one query at a time; the socket server queues connections' queries onto it.
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
