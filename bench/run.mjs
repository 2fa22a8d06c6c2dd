// `node bench/run.mjs <gate> [args…]` runs bench/<gate>.mjs with the remaining arguments.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const [gate, ...rest] = process.argv.slice(2)
const script = gate && fileURLToPath(new URL(`./${gate}.mjs`, import.meta.url))
if (!script || !existsSync(script)) {
  console.error(`usage: node bench/run.mjs <gate> [args…]  (no bench/${gate ?? '<gate>'}.mjs)`)
  process.exit(2)
}
process.exit(spawnSync(process.execPath, [script, ...rest], { stdio: 'inherit' }).status ?? 1)
