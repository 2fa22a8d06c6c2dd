// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// esbuild: one fast, deterministic pass, ESM output, lazy gate modules kept lazy, no Babel/rollup plugin stack.
import { build as esbuild } from 'esbuild'
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'

await mkdir('dist', { recursive: true })
const { version } = JSON.parse(await readFile('package.json', 'utf8'))

// Each bundle is written beside its target and renamed into place, so a test running dist/ while another
// process rebuilds never sees a half-written file.
async function build(options) {
  const result = await esbuild({ ...options, write: false })
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`
    await writeFile(temporary, file.contents)
    await rename(temporary, file.path)
  }
}

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // The CLI's --help reads input descriptions from action.yml itself, embedded as text: one source of truth.
  loader: { '.yml': 'text' },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));"
  },
  // CommonJS code that finds files beside itself (libpg-query's .wasm) looks in dist/, where the build copies them.
  define: { __DEPLOY_GATES_VERSION__: JSON.stringify(version), __dirname: '__deployGatesDirname' }
}

await build({ ...shared, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' })
await build({
  ...shared,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + shared.banner.js }
})

// The migrations gate's SQL parser (libpg_query compiled to WebAssembly) loads its .wasm from beside the
// bundle (import.meta.url), so the action runs from dist/ with no node_modules.
await copyFile('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm')
