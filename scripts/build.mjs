// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// esbuild: one fast, deterministic pass, ESM output, lazy gate modules kept lazy, no Babel/rollup plugin stack.
import { build } from 'esbuild'
import { mkdir, rm } from 'node:fs/promises'

await rm('dist', { recursive: true, force: true })
await mkdir('dist', { recursive: true })

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url);"
  }
}

await build({ ...shared, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' })
await build({
  ...shared,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + shared.banner.js }
})
