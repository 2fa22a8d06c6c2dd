// Loaded into the action's process by the adversarial harness (NODE_OPTIONS=--import): records every path the
// process opens or lists through node:fs, and its peak resident memory, into ADVERSARIAL_TRACE_DIR/<pid>.json
// when it exits. Read by harness.ts; never part of the product.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import * as path from 'node:path'

const dir = process.env.ADVERSARIAL_TRACE_DIR
if (dir) {
  const seen = new Set()
  const record = target => {
    try {
      if (typeof target === 'number' || target === undefined || target === null) return
      const text =
        target instanceof URL ? target.pathname : Buffer.isBuffer(target) ? target.toString() : String(target)
      seen.add(path.resolve(text))
    } catch {
      // never disturb the traced process
    }
  }
  const wrap = (owner, name) => {
    const original = owner[name]
    if (typeof original !== 'function') return
    try {
      owner[name] = function traced(target, ...rest) {
        record(target)
        return original.call(this, target, ...rest)
      }
    } catch {
      // a read-only property: not traced
    }
  }
  for (const name of [
    'openSync',
    'open',
    'readFileSync',
    'readFile',
    'createReadStream',
    'readdirSync',
    'readdir',
    'opendirSync',
    'opendir'
  ])
    wrap(fs, name)
  for (const name of ['open', 'readFile', 'readdir', 'opendir']) wrap(fs.promises, name)
  syncBuiltinESMExports()
  process.on('exit', () => {
    try {
      const { maxRSS } = process.resourceUsage()
      fs.writeFileSync(
        path.join(dir, `${process.pid}.json`),
        JSON.stringify({ maxRssKb: maxRSS, reads: [...seen] })
      )
    } catch {
      // the directory may be gone
    }
  })
}
