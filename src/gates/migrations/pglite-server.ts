/**
 * An embedded PostgreSQL (PGlite, WebAssembly) served on a loopback port: the shadow replay's default
 * database, and the demo's and tests' database on a machine without a PostgreSQL server. Imported lazily
 * (shadow/database.ts), so PGlite is loaded only when a replay runs; the build copies its .wasm and .data
 * files beside the bundle, where PGlite looks for them.
 */
import { readFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

/**
 * An initialised, empty cluster (scripts/pglite-datadir.mjs), beside this module in src/ and in dist/: unpacking
 * it costs ~0.8 s of CPU where initdb in WebAssembly costs ~2.8 s. Without it (or if it does not load) initdb runs.
 */
async function initialisedCluster(): Promise<PGlite | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(new URL('./pglite-datadir.tar.gz', import.meta.url))
  } catch {
    return undefined
  }
  try {
    return await PGlite.create({ loadDataDir: new Blob([new Uint8Array(bytes)]) })
  } catch {
    return undefined
  }
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  db: PGlite
  close(): Promise<void>
}

export async function startPgliteServer({ dataDir }: { dataDir?: string } = {}): Promise<EmbeddedPostgres> {
  const db = dataDir
    ? await PGlite.create(dataDir)
    : ((await initialisedCluster()) ?? (await PGlite.create()))
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
