// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// esbuild: one fast, deterministic pass, ESM output, lazy gate modules kept lazy, no Babel/rollup plugin stack.
import { build as esbuild } from 'esbuild'
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { noticesText, shippedPackages } from './third-party-notices.mjs'

await mkdir('dist', { recursive: true })
const { version } = JSON.parse(await readFile('package.json', 'utf8'))

// Some CommonJS dependencies call require(), and some find files beside themselves with __dirname: the
// banner gives every chunk both. A chunk that names neither (most of them: our own code) drops the part it
// does not use when written: createRequire and fileURLToPath cost ~0.1 ms per chunk at start-up, and a run
// loads several chunks (bench/env.mjs).
const REQUIRE_BANNER =
  "import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url);"
const DIRNAME_BANNER =
  "import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));"
const BANNER = `${REQUIRE_BANNER} ${DIRNAME_BANNER}`
function withoutUnusedBanner(output) {
  const hashbang = /^#!.*\n/.exec(output)?.[0] ?? ''
  const text = output.slice(hashbang.length)
  if (!text.startsWith(BANNER)) throw new Error('build: an output does not start with the banner')
  const body = text.slice(BANNER.length)
  const parts = [
    /\brequire\b/.test(body) ? REQUIRE_BANNER : '',
    body.includes('__deployGatesDirname') ? DIRNAME_BANNER : ''
  ].filter(Boolean)
  return hashbang + parts.join(' ') + body
}

// Each bundle is written beside its target and renamed into place, so a test running dist/ while another
// process rebuilds never sees a half-written file.
async function build(options) {
  const result = await esbuild({ ...options, write: false, metafile: true })
  for (const file of result.outputFiles) {
    await mkdir(path.dirname(file.path), { recursive: true })
    const temporary = `${file.path}.${process.pid}.tmp`
    await writeFile(temporary, file.path.endsWith('.js') ? withoutUnusedBanner(file.text) : file.contents)
    await rename(temporary, file.path)
  }
  return { files: new Set(result.outputFiles.map(file => file.path)), metafile: result.metafile }
}

// @actions/* packages do nothing at import time, but don't say so in package.json; without this, esbuild
// keeps @actions/core's OIDC client and with it undici (~0.8 MB) initialised on every run, even for gates
// that never make a request. Declaring them side-effect free lets unused imports drop out of the bundle.
// Measured by bench/env.mjs (the env gate's cold start, which loads only the common core).
// Their own modules too (`./platform.js` inside @actions/core): otherwise core's unused platform module stays,
// and with it @actions/exec and child_process, loaded on every run as soon as any gate uses @actions/exec.
const insideActionsPackage = importer => /[\\/]node_modules[\\/]@actions[\\/]/.test(importer)
const actionsPackagesHaveNoSideEffects = {
  name: 'actions-packages-have-no-side-effects',
  setup(build) {
    build.onResolve({ filter: /^(@actions\/|\.\.?\/)/ }, async args => {
      if (args.pluginData?.resolving) return undefined
      if (!args.path.startsWith('@actions/') && !insideActionsPackage(args.importer)) return undefined
      const result = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true }
      })
      return { ...result, sideEffects: false }
    })
  }
}

// `import … from 'node:fs'` in an ES module makes Node build the module's ESM facade, which reads every export,
// lazy getters included: fs.ReadStream loads all of node:stream, crypto.webcrypto the Web Crypto API. That is
// ~3.5 ms CPU for fs and ~2 ms for crypto (core.setOutput's delimiter) on every run, for things no start-up path
// uses (bench/env.mjs, CPU of the env gate's cold run; `node -e "import 'node:fs'"` vs an empty module). ES
// imports of these builtins get a module exporting the same bindings from process.getBuiltinModule, without
// the lazy getters and fs's deprecated F_OK…X_OK (reading those warns on Node 24): importing one of those is
// then a build error ("No matching export"), not a silent gap. fs.promises stays importable, as a proxy that
// reads the getter on first use: reading it loads node:fs/promises and readline (~1–2 ms CPU), and only the
// migrations gate's tools use it.
const builtinRequire = createRequire(import.meta.url)
const facadeFreeExports = Object.fromEntries(
  ['fs', 'crypto'].map(name => {
    const builtin = builtinRequire(`node:${name}`)
    const exported = Object.keys(builtin).filter(key => {
      const descriptor = Object.getOwnPropertyDescriptor(builtin, key)
      const plain = !descriptor.get
      return plain && !/^[FRWX]_OK$/.test(key) && /^[A-Za-z_$][\w$]*$/.test(key)
    })
    return [name, exported]
  })
)
// Every trap forwards to the real fs.promises, read on the first one; a property is reported configurable
// (the proxy's own target is an empty object), as the Proxy invariants require.
const LAZY_FS_PROMISES = `let promisesModule
const loaded = () => (promisesModule ??= builtin.promises)
export const promises = new Proxy({}, {
  get: (_, key) => loaded()[key],
  has: (_, key) => key in loaded(),
  ownKeys: () => Reflect.ownKeys(loaded()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Object.getOwnPropertyDescriptor(loaded(), key)
    return descriptor && { ...descriptor, configurable: true }
  }
})`
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|crypto)$/ }, args =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-without-facade' }
        : undefined
    )
    build.onLoad({ filter: /.*/, namespace: 'builtin-without-facade' }, args => ({
      contents: [
        `const builtin = process.getBuiltinModule('node:${args.path}')`,
        'export default builtin',
        `export const { ${facadeFreeExports[args.path].join(', ')} } = builtin`,
        ...(args.path === 'fs' ? [LAZY_FS_PROMISES] : [])
      ].join('\n'),
      loader: 'js'
    }))
  }
}

// @actions/core imports node:crypto for one thing, the random UUID in core.setOutput's heredoc delimiter, and
// loading node:crypto costs ~3–5 ms CPU on every run (bench/env.mjs). Its `crypto` becomes
// src/kernel/random-uuid.ts: a v4 UUID from /dev/urandom, the same kernel CSPRNG. The build fails if core
// ever uses anything else of crypto, rather than leave that undefined.
const coreFileCommand = /[\\/]node_modules[\\/]@actions[\\/]core[\\/]lib[\\/]file-command\.js$/
const coreRandomUUID = {
  name: 'core-random-uuid',
  setup(build) {
    build.onResolve({ filter: /^(node:)?crypto$/ }, async args => {
      if (!coreFileCommand.test(args.importer)) return undefined
      const used = new Set((await readFile(args.importer, 'utf8')).match(/\bcrypto\.\w+/g))
      if ([...used].some(member => member !== 'crypto.randomUUID'))
        throw new Error(
          `${args.importer} uses ${[...used].join(', ')}: src/kernel/random-uuid.ts has only randomUUID`
        )
      return { path: path.resolve('src/kernel/random-uuid.ts') }
    })
  }
}

const shared = {
  bundle: true,
  plugins: [coreRandomUUID, actionsPackagesHaveNoSideEffects, builtinsWithoutFacade],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Licences are shipped whole in dist/THIRD-PARTY-NOTICES (below), not as comments scattered in chunks.
  legalComments: 'none',
  // Node parses every byte it loads before running a line: minified code starts faster (~2 ms per 100 KiB
  // here). esbuild's default keepNames: false. keepNames only restores `fn.name` (nothing here reads it; V8's
  // stack traces name functions from the source either way) and measured no difference: 1,500-file lint
  // CPU median 766 ms with it, 770 ms without; env start-up within noise (bench/env.mjs).
  minify: true,
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: BANNER },
  // CommonJS code that finds files beside itself (libpg-query's .wasm) looks in dist/, where the build copies them.
  define: { __DEPLOY_GATES_VERSION__: JSON.stringify(version), __dirname: '__deployGatesDirname' }
}

// One build, split into chunks: the entry points load only the common core at start-up, and each gate
// (with its own dependencies: ajv, pg, libpg-query, octokit) is a chunk imported when that gate runs.
// Start-up cost is paid for the gate in use, not for all of them (bench/env.mjs: 'loaded for gate: env').
// actions/<gate>/action.yml runs `../../dist/action-<gate>.js`: the same bundle with the gate preset, so the
// per-gate action has no `gate` input for a user to get wrong. Its entry imports its one gate statically
// (no registry, no lazy hop); the root action and the CLI load any gate through src/gates/registry.ts.
// (One esbuild graph per gate instead was measured: ~2 ms less CPU for gate: env, for 2.6× the JavaScript in
// dist/, as octokit, re2js and PGlite were copied into each graph that uses them. Not worth it.)
const GATES = (await readdir('actions', { withFileTypes: true }))
  .filter(e => e.isDirectory())
  .map(e => e.name)
// Each gate's module exports `<gate>Gate` (src/gates/registry.ts loads the same names); a gate that does not
// is a build error.
const gateEntries = {
  name: 'gate-entries',
  setup(build) {
    build.onResolve({ filter: /^gate-entry:/ }, args => ({ path: args.path, namespace: 'gate-entry' }))
    build.onLoad({ filter: /.*/, namespace: 'gate-entry' }, args => {
      const gate = args.path.slice('gate-entry:'.length)
      return {
        contents: [
          `import { run } from './src/main.ts'`,
          `import { ${gate}Gate as gate } from './src/gates/${gate}/index.ts'`,
          `import { inputs } from './src/gates/${gate}/inputs.ts'`,
          `import { catalog } from './src/gates/${gate}/catalog.ts'`,
          `await run({ presetGate: ${JSON.stringify(gate)}, load: async () => ({ gate, inputs, catalog }) })`
        ].join('\n'),
        resolveDir: process.cwd(),
        loader: 'ts'
      }
    })
  }
}

const { files: outputs, metafile } = await build({
  ...shared,
  plugins: [...shared.plugins, gateEntries],
  entryPoints: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    // The migration gate's shadow PostgreSQL, forked as its own process (src/gates/migrations/shadow/pglite-child.ts).
    'shadow-pglite': 'src/gates/migrations/shadow/pglite-child.ts',
    ...Object.fromEntries(GATES.map(gate => [`action-${gate}`, `gate-entry:${gate}`]))
  },
  outdir: 'dist',
  splitting: true,
  // Chunks sit beside the entry points: code that finds files next to itself (the .wasm) looks in dist/.
  chunkNames: '[name]-[hash]'
})

// Chunks are content-hashed; remove the ones a previous build left behind.
for (const name of await readdir('dist')) {
  const file = path.resolve('dist', name)
  if (name.endsWith('.js') && !outputs.has(file)) await rm(file)
}

// The migrations gate's SQL parser (libpg_query compiled to WebAssembly) loads its .wasm from beside the
// bundle (import.meta.url), so the action runs from dist/ with no node_modules.
await copyFile('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm')
// The shadow replay's embedded PostgreSQL (PGlite) finds its WebAssembly and file-system bundle beside the
// code that loads it (new URL('./pglite.wasm', import.meta.url)): the same three files, beside the chunks.
for (const file of ['pglite.wasm', 'pglite.data', 'initdb.wasm'])
  await copyFile(`node_modules/@electric-sql/pglite/dist/${file}`, `dist/${file}`)
// Its initialised empty cluster (scripts/pglite-datadir.mjs): start-up without initdb.
await copyFile('src/gates/migrations/pglite-datadir.tar.gz', 'dist/pglite-datadir.tar.gz')

// Every package dist/ ships, bundled or copied, with its licence (MIT and BSD licences ask for the notice).
const copiedPackages = ['node_modules/libpg-query', 'node_modules/@electric-sql/pglite']
await writeFile('dist/THIRD-PARTY-NOTICES', noticesText(shippedPackages(metafile, copiedPackages)))
