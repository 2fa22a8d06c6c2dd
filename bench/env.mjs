// Env gate start-up benchmark: a cold `node dist/index.js` run of the env gate on a 200-key schema and three env
// files, against `node -e 0` (the floor: starting Node at all) and against a peer doing the least any env check
// must do (a script that loads the same three files with dotenv + dotenv-expand), alternating in the same run.
// Reports medians, the gate's overhead over the floor, the ratio to the peer, and the bundle size.
//
// Usage: node bench/env.mjs [--runs 21] [--keys 200] [--baseline <dir>]
//   --baseline: an earlier build to run alternately in the same run, e.g. the previous release's
//   `git archive <rev> dist package.json | tar -x -C /tmp/base` then `--baseline /tmp/base` (its dist/index.js).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : []))
)
const RUNS = Number(args.runs ?? 21)
const KEYS = Number(args.keys ?? 200)
const TARGET_OVERHEAD_MS = 60
/** Issue 9: the env gate's cold run costs at most twice the CPU of starting Node at all. */
const TARGET_CPU_RATIO = 2.0
const dist = path.join(root, 'dist', 'index.js')
const baselineDist = args.baseline ? path.resolve(args.baseline, 'dist', 'index.js') : undefined
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-env-'))
const workspace = path.join(scratch, 'workspace')
spawnSync('mkdir', ['-p', workspace])

// A realistic mix: URLs, ints, ports, enums, durations, bools, secrets, parity keys; valid in every environment.
const KINDS = [
  { rule: 'type: url', value: (env, i) => `https://svc-${i}.${env}.shop-internal.net/v1` },
  { rule: 'type: int, min: 0', value: (_, i) => String(i * 7) },
  { rule: 'type: port', value: (_, i) => String(3000 + i) },
  { rule: 'values: [debug, info, warn, error]', value: () => 'info' },
  { rule: 'type: duration, parity: true', value: () => '30s' },
  { rule: 'type: bool', value: env => String(env === 'production') },
  { rule: 'secret: true', value: (env, i) => `${env}-credential-for-service-${i}` },
  { rule: 'type: int, parity: true', value: () => '300' },
  { rule: 'type: email', value: (env, i) => `team-${i}@${env}.shop.com` },
  { rule: 'pattern: "^[a-z-]+$"', value: env => `${env}-region` }
]
const name = i =>
  `SERVICE_${String(i).padStart(3, '0')}_${['URL', 'LIMIT', 'PORT', 'LOG_LEVEL', 'TIMEOUT', 'ENABLED', 'SECRET', 'TTL', 'CONTACT', 'REGION'][i % 10]}`
const schema = ['production-environments: [production]', 'variables:']
for (let i = 0; i < KEYS; i++) schema.push(`  ${name(i)}: { ${KINDS[i % KINDS.length].rule} }`)
writeFileSync(path.join(workspace, 'env.schema.yml'), schema.join('\n') + '\n')
const files = ['.env.development', '.env.staging', '.env.production']
for (const file of files) {
  const env = file.slice(5)
  const lines = [`# ${env}`]
  for (let i = 0; i < KEYS; i++) lines.push(`${name(i)}=${KINDS[i % KINDS.length].value(env, i)}`)
  writeFileSync(path.join(workspace, file), lines.join('\n') + '\n')
}

// The peer: parse and expand the same files with the libraries every Node project already uses.
const require = createRequire(path.join(root, 'package.json'))
const peer = path.join(scratch, 'peer.cjs')
writeFileSync(
  peer,
  `const fs = require('fs'); const dotenv = require(${JSON.stringify(require.resolve('dotenv'))});
const { expand } = require(${JSON.stringify(require.resolve('dotenv-expand'))});
let keys = 0
for (const file of ${JSON.stringify(files)}) {
  const parsed = expand({ parsed: dotenv.parse(fs.readFileSync(${JSON.stringify(workspace)} + '/' + file)), processEnv: {} }).parsed
  keys += Object.keys(parsed).length
}
if (keys !== ${KEYS * files.length}) process.exit(1)
`
)

const runnerFiles = { output: path.join(scratch, 'output'), summary: path.join(scratch, 'summary') }
const actionEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_OUTPUT: runnerFiles.output,
  GITHUB_STEP_SUMMARY: runnerFiles.summary,
  RUNNER_TEMP: scratch,
  GITHUB_WORKSPACE: workspace,
  INPUT_GATE: 'env',
  INPUT_SCHEMA: 'env.schema.yml',
  'INPUT_ENV-FILES': files.join('\n'),
  INPUT_COMMENT: 'false',
  'INPUT_FAIL-ON': 'warning'
}

// The same files in a git work tree, as after actions/checkout: the schema committed, the env files ignored
// (as projects keep them). The gate asks git whether a file holding a secret-looking value is committed; in
// a work tree that question has an answer to find (src/kernel/git-index.ts reads it from the index).
const gitWorkspace = path.join(scratch, 'git-workspace')
spawnSync('cp', ['-r', workspace, gitWorkspace])
writeFileSync(path.join(gitWorkspace, '.gitignore'), '.env.*\n')
const gitEnv = { PATH: process.env.PATH, HOME: scratch, GIT_CONFIG_NOSYSTEM: '1' }
for (const args of [
  ['init', '-q'],
  ['add', '.'],
  [
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.com',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'schema'
  ]
])
  if (spawnSync('git', args, { cwd: gitWorkspace, env: gitEnv }).status !== 0)
    throw new Error(`git ${args.join(' ')} failed`)
const gitActionEnv = { ...actionEnv, GITHUB_WORKSPACE: gitWorkspace }

// The gate alone, cold, in a fresh process: its modules bundled (minified) from source the way dist/ bundles them, then one run.
// Split like dist/: what the gate imports lazily (re2js, for a pattern that is not provably linear) stays a
// chunk it does not load here, as in a real run.
const gateBundle = path.join(scratch, 'env-gate', 'env-gate.mjs')
await build({
  entryPoints: { 'env-gate': path.join(root, 'src', 'gates', 'env', 'index.ts') },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outdir: path.dirname(gateBundle),
  outExtension: { '.js': '.mjs' },
  splitting: true,
  minify: true,
  logLevel: 'warning'
})
const probe = path.join(scratch, 'probe.mjs')
writeFileSync(
  probe,
  `const t0 = performance.now()
const { envGate } = await import(${JSON.stringify(pathToFileURL(gateBundle).href)})
const t1 = performance.now()
const config = { schema: 'env.schema.yml', envFiles: ${JSON.stringify(files)}, environments: ${JSON.stringify(files.map(f => f.slice(5)))}, checkProcessEnv: false }
const io = { cwd: ${JSON.stringify(workspace)}, env: {}, log: { debug() {}, info() {}, warning() {} }, git: async () => '' }
const result = await envGate.run(config, io)
const t2 = performance.now()
if (result.findings.length !== 0) { console.error(JSON.stringify(result.findings.slice(0, 3))); process.exit(1) }
console.log(JSON.stringify({ load: t1 - t0, run: t2 - t1 }))
`
)

function time(command, commandArgs, env) {
  if (env) for (const file of Object.values(runnerFiles)) writeFileSync(file, '')
  const start = process.hrtime.bigint()
  const result = spawnSync(command, commandArgs, {
    cwd: workspace,
    env: env ?? { PATH: process.env.PATH },
    encoding: 'utf8'
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== (env?.INPUT_GATE === '' ? 1 : 0)) {
    throw new Error(
      `${path.basename(commandArgs[0] ?? command)} exited ${result.status}:\n${result.stdout}\n${result.stderr}`
    )
  }
  return ms
}

/**
 * CPU time (user + system) of one cold run: the target is stated in CPU, which a loaded machine disturbs far less
 * than wall time. bash's `times` reports its children's CPU, and the child here is the command alone.
 */
function cpuTime(command, commandArgs, env, cwd = workspace) {
  if (env) for (const file of Object.values(runnerFiles)) writeFileSync(file, '')
  const script = '"$@" >/dev/null 2>&1; times'
  // --norc: bash spawned with a pipe for stdin would otherwise read ~/.bashrc, and count what that runs.
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', command, ...commandArgs], {
    cwd,
    env: { ...(env ?? {}), PATH: process.env.PATH },
    encoding: 'utf8'
  })
  const children = result.stdout.trim().split('\n')[1] ?? ''
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, s]) => Number(m) * 60 + Number(s))
  if (seconds.length !== 2) throw new Error(`cannot read CPU time from bash's times: '${result.stdout}'`)
  return (seconds[0] + seconds[1]) * 1000
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]
}
const samples = {
  floor: [],
  gate: [],
  peer: [],
  bundle: [],
  gateLoad: [],
  gateRun: [],
  floorCpu: [],
  gateGitCpu: [],
  baselineCpu: [],
  baselineGitCpu: [],
  gateCpu: []
}
const bundleOnlyEnv = { ...actionEnv, INPUT_GATE: '' } // fails at input parsing: loading the bundle, nothing else
time(process.execPath, [dist], actionEnv) // warm the file cache; the gate must pass this valid configuration
for (let run = 0; run < RUNS; run++) {
  samples.floor.push(time(process.execPath, ['-e', '0']))
  samples.gate.push(time(process.execPath, [dist], actionEnv))
  // The CPU runs in a new random order each round: a run measured right after another measured slower by
  // several ms here, whichever it was, so a fixed order would bias the comparison.
  const cpuRuns = [
    () => samples.floorCpu.push(cpuTime(process.execPath, ['-e', '0'])),
    () => samples.gateCpu.push(cpuTime(process.execPath, [dist], actionEnv)),
    () => samples.gateGitCpu.push(cpuTime(process.execPath, [dist], gitActionEnv, gitWorkspace)),
    ...(baselineDist
      ? [
          () => samples.baselineCpu.push(cpuTime(process.execPath, [baselineDist], actionEnv)),
          () =>
            samples.baselineGitCpu.push(cpuTime(process.execPath, [baselineDist], gitActionEnv, gitWorkspace))
        ]
      : [])
  ]
  for (let i = cpuRuns.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[cpuRuns[i], cpuRuns[j]] = [cpuRuns[j], cpuRuns[i]]
  }
  for (const measure of cpuRuns) measure()
  samples.peer.push(time(process.execPath, [peer]))
  samples.bundle.push(time(process.execPath, [dist], bundleOnlyEnv))
  const inProcess = JSON.parse(
    spawnSync(process.execPath, [probe], { cwd: workspace, encoding: 'utf8' }).stdout
  )
  samples.gateLoad.push(inProcess.load)
  samples.gateRun.push(inProcess.run)
}
const floor = median(samples.floor)
const gate = median(samples.gate)
const peerMs = median(samples.peer)
const overhead = gate - floor
const peerOverhead = peerMs - floor
/** The files a chunk loads statically (`from "./x.js"`), transitively: what Node reads and compiles for it. */
function staticClosure(entries) {
  const seen = new Set()
  const visit = file => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, name] of readFileSync(path.join(root, 'dist', file), 'utf8').matchAll(
      /from\s*"\.\/([^"]+)"/g
    ))
      visit(name)
  }
  entries.forEach(visit)
  return [...seen]
}
const kib = files =>
  files.reduce((total, file) => total + statSync(path.join(root, 'dist', file)).size, 0) / 1024
// What the per-gate action (actions/env → dist/action-env.js) loads: the common core and the env gate's chunks,
// all static imports; the root action loads the same modules, the gate's through the registry's import().
const coreFiles = staticClosure(['index.js'])
const envFiles = staticClosure(['action-env.js'])

console.log(
  `env gate start-up: ${KEYS}-key schema, ${files.length} env files, ${RUNS} runs each, alternating (node ${process.version})`
)
console.log(`  node -e 0                         median ${floor.toFixed(1)} ms`)
console.log(
  `  node dist/index.js (gate: env)    median ${gate.toFixed(1)} ms   overhead ${overhead.toFixed(1)} ms  (target < ${TARGET_OVERHEAD_MS} ms: ${overhead < TARGET_OVERHEAD_MS ? 'met' : 'MISSED'})`
)
console.log(
  `  peer: dotenv + dotenv-expand      median ${peerMs.toFixed(1)} ms   overhead ${peerOverhead.toFixed(1)} ms`
)
console.log(
  `  gate/floor ${(gate / floor).toFixed(2)}x · gate/peer ${(gate / peerMs).toFixed(2)}x · gate overhead / peer overhead ${(overhead / Math.max(peerOverhead, 0.1)).toFixed(1)}x`
)
const floorCpu = median(samples.floorCpu)
const gateCpu = median(samples.gateCpu)
console.log(
  `  CPU (user+sys): node -e 0 ${floorCpu.toFixed(0)} ms · gate ${gateCpu.toFixed(0)} ms · gate/floor ${(gateCpu / floorCpu).toFixed(2)}x (target <= ${TARGET_CPU_RATIO}x: ${gateCpu / floorCpu <= TARGET_CPU_RATIO ? 'met' : 'MISSED'})`
)
const gateGitCpu = median(samples.gateGitCpu)
console.log(
  `  CPU in a git work tree (as after actions/checkout): gate ${gateGitCpu.toFixed(0)} ms · gate/floor ${(gateGitCpu / floorCpu).toFixed(2)}x`
)
if (baselineDist) {
  const baselineCpu = median(samples.baselineCpu)
  console.log(
    `  CPU of the baseline (${baselineDist}): ${baselineCpu.toFixed(0)} ms · baseline/floor ${(baselineCpu / floorCpu).toFixed(2)}x · gate/baseline ${(gateCpu / baselineCpu).toFixed(2)}x`
  )
  const baselineGitCpu = median(samples.baselineGitCpu)
  console.log(
    `  CPU of the baseline in the git work tree: ${baselineGitCpu.toFixed(0)} ms · baseline/floor ${(baselineGitCpu / floorCpu).toFixed(2)}x · gate/baseline ${(gateGitCpu / baselineGitCpu).toFixed(2)}x`
  )
}
const bundleOnly = median(samples.bundle)
console.log(`  where the gate's overhead goes:`)
console.log(
  `    loading dist/index.js, no gate (empty gate input)  ${(bundleOnly - floor).toFixed(1)} ms over the floor`
)
console.log(
  `    env gate modules alone, cold import                ${median(samples.gateLoad).toFixed(1)} ms`
)
console.log(`    env gate run, cold (parse, expand, check)          ${median(samples.gateRun).toFixed(1)} ms`)
console.log(
  `  loaded for gate: env: ${kib(envFiles).toFixed(0)} KiB in ${envFiles.length} files (dist/action-env.js and its chunks; the common core, ${kib(coreFiles).toFixed(0)} KiB in ${coreFiles.length} files, is what dist/index.js loads before any gate)`
)
