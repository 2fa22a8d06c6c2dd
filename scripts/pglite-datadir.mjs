// Writes src/gates/migrations/pglite-datadir.tar.gz: a freshly initialised PGlite data directory, so the shadow
// database starts by unpacking it (~0.8 s of CPU) instead of running initdb in WebAssembly (~2.8 s). Run it
// after upgrading @electric-sql/pglite (a test checks the file was made by the installed version). The
// directory holds nothing but an empty cluster; it is not deterministic (cluster id, WAL), hence committed
// rather than made by every build.
import { readFileSync, writeFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'

const { version } = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8'))
const db = await PGlite.create()
const dump = await db.dumpDataDir('gzip')
await db.close()
writeFileSync('src/gates/migrations/pglite-datadir.tar.gz', Buffer.from(await dump.arrayBuffer()))
writeFileSync('src/gates/migrations/pglite-datadir.json', `${JSON.stringify({ pglite: version }, null, 2)}\n`)
console.log(`pglite ${version}: ${dump.size} bytes`)
