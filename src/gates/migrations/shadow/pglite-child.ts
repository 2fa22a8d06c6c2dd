/**
 * The embedded shadow PostgreSQL as a process of its own (dist/shadow-pglite.js, forked by shadow/database.ts):
 * PGlite's WebAssembly then runs with V8's baseline compiler only (`--liftoff-only`, a start-up flag), which
 * halves its memory on Node 24 (~390 MB instead of ~900 MB), and none of it counts against the gate's process.
 * It reports its URL over IPC, and stops when told to or when the gate goes away.
 */
import { startPgliteServer } from '../pglite-server.js'

const server = await startPgliteServer()
let stopping = false
const stop = async (): Promise<void> => {
  if (stopping) return
  stopping = true
  await server.close().catch(() => {})
  process.exit(0)
}
process.on('message', message => {
  if (message === 'stop') void stop()
})
// The gate ended (or crashed): nobody needs the shadow any more.
process.on('disconnect', () => void stop())
process.send?.({ url: server.url })
