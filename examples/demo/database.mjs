/**
 * The demo's production database: PostgreSQL embedded in WebAssembly (PGlite), served on loopback with the
 * PostgreSQL wire protocol, so the migration gate and node-pg-migrate connect to it with an ordinary
 * `postgres://` URL exactly as they would to a real server.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { runner } from 'node-pg-migrate'

const ROOT = new URL('../../', import.meta.url)

/** An empty cluster right after initdb: initdb in WebAssembly is most of PGlite's start-up time, so it runs once. */
async function createDatabase() {
  // Not exported by the package, so read from where npm installs it; the snapshot is per PGlite version.
  const { version } = JSON.parse(
    await readFile(new URL('node_modules/@electric-sql/pglite/package.json', ROOT), 'utf8')
  )
  const snapshotFile = fileURLToPath(new URL(`.cache/demo/pglite-${version}-initdb.tar`, ROOT))
  const snapshot = await readFile(snapshotFile).catch(() => undefined)
  if (snapshot) return PGlite.create({ loadDataDir: new Blob([snapshot]) })
  const db = await PGlite.create()
  const dump = await db.dumpDataDir('none')
  await mkdir(dirname(snapshotFile), { recursive: true })
  // Written aside and renamed, so a demo starting at the same moment never reads half a snapshot.
  const partial = `${snapshotFile}.${process.pid}`
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
  await rename(partial, snapshotFile)
  return db
}

export async function startDatabase() {
  const db = await createDatabase()
  // PGlite is one connection; the server multiplexes a few so a migration run and the gate can overlap.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 })
  await server.start()
  const url = `postgres://postgres@${server.getServerConn()}/postgres`
  return {
    url,
    /** Applies the pending migrations of `dir` with node-pg-migrate, the service's own tool; returns their names. */
    async migrate(dir, count = Infinity) {
      const applied = await runner({
        databaseUrl: url,
        dir,
        direction: 'up',
        migrationsTable: 'pgmigrations',
        count,
        log: () => {}
      })
      return applied.map(migration => migration.name)
    },
    async close() {
      await server.stop()
      await db.close()
    }
  }
}
