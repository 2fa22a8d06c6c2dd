// Progressive rollout: deploy-gates' rollout gate (one `dist/cli.js rollout` process) against what teams write
// without it, in the same run on the same loopback canary: a bash loop that sets the weight and runs the health
// gate once per step (`dist/cli.js health`, the same analysis), and sets the weight to 0 when a step fails.
// Argo Rollouts and Flagger, the tools of the field, need a Kubernetes cluster, which this machine does not have.
//
// 1. Overhead of a rollout that passes (10, 50, 100): wall time minus the analysis time the steps ask for.
// 2. Time to abort: a canary that fails from 50% on; from the traffic command setting 50% to it setting 0%.
// Both are measured with the traffic command's own timestamps; runs alternate; medians over RUNS runs.
//
// Usage: npm run build && node bench/rollout.mjs [--runs 5]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(root, 'dist', 'cli.js')
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : []))
)
const RUNS = Number(args.runs ?? 5)
const STEPS = [10, 50, 100]
const STEP_PAUSE_MS = 1000
const INTERVAL_MS = 100

/** Stable and canary behind a weighted split; the weight is the last line of `weightFile`. */
async function canary(weightFile, failsAt) {
  let n = 0
  const server = createServer((_req, res) => {
    let weight = 0
    try {
      weight = Number(readFileSync(weightFile, 'utf8').trim().split('\n').pop().split(' ')[0]) || 0
    } catch {
      // No weight file yet: all traffic on stable.
    }
    const i = n++ % 100
    const toCanary = Math.floor(((i + 1) * weight) / 100) > Math.floor((i * weight) / 100)
    res.writeHead(toCanary && weight >= failsAt ? 500 : 200, { 'content-type': 'application/json' })
    res.end('{"status":"ok"}')
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}/healthz`, close: () => server.close() }
}

// Appends "<weight> <ms since epoch>" to the weight file (the router reads the weight, the bench the times).
const TRAFFIC = 'printf "%s %s\\n" "$ROLLOUT_WEIGHT" "$(date +%s%3N)" >> weight'
const ANALYSIS = ['--interval', `${INTERVAL_MS}ms`, '--request-timeout', '1s']

const approaches = {
  'deploy-gates rollout': url => [
    process.execPath,
    cli,
    'rollout',
    '--steps',
    STEPS.join(','),
    '--traffic-command',
    TRAFFIC,
    '--url',
    url,
    '--step-pause',
    `${STEP_PAUSE_MS}ms`,
    '--readiness-timeout',
    '5s',
    ...ANALYSIS
  ],
  'bash loop of health runs': url => [
    'bash',
    '-c',
    [
      'set -u',
      'readiness=5s',
      `for w in ${STEPS.join(' ')}; do`,
      `  ROLLOUT_WEIGHT=$w bash -c '${TRAFFIC}'`,
      `  if ! "${process.execPath}" "${cli}" health --url "${url}" --window ${STEP_PAUSE_MS}ms --readiness-timeout "$readiness" ${ANALYSIS.join(' ')} >/dev/null 2>&1; then`,
      `    ROLLOUT_WEIGHT=0 bash -c '${TRAFFIC}'; exit 1`,
      '  fi',
      '  readiness=0s',
      'done'
    ].join('\n')
  ]
}

function run(command, cwd) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(command[0], command.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => resolve({ code, started, ended: Date.now(), stderr }))
  })
}

async function measure(name, failsAt) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-rollout-'))
  const service = await canary(path.join(dir, 'weight'), failsAt)
  try {
    const result = await run(approaches[name](service.url), dir)
    const log = readFileSync(path.join(dir, 'weight'), 'utf8')
      .trim()
      .split('\n')
      .map(line => line.split(' ').map(Number))
    return { ...result, log }
  } finally {
    service.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const results = Object.fromEntries(Object.keys(approaches).map(name => [name, { overhead: [], abort: [] }]))
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 === 0 ? Object.keys(approaches) : Object.keys(approaches).reverse()
  for (const name of order) {
    const passing = await measure(name, Infinity)
    if (passing.code !== 0 || passing.log.map(([w]) => w).join() !== STEPS.join())
      throw new Error(`${name}: the passing rollout did not pass: ${passing.stderr.slice(-500)}`)
    results[name].overhead.push(passing.ended - passing.started - STEPS.length * STEP_PAUSE_MS)
    const failing = await measure(name, 50)
    const weights = failing.log.map(([w]) => w).join()
    if (failing.code === 0 || weights !== '10,50,0')
      throw new Error(
        `${name}: expected weights 10,50,0 and a failure, got ${weights} (exit ${failing.code})`
      )
    const at = weight => failing.log.find(([w]) => w === weight)[1]
    results[name].abort.push(at(0) - at(50))
  }
}

console.log(
  `progressive rollout, steps ${STEPS.join(',')}, ${STEP_PAUSE_MS} ms of analysis per step, probes every ${INTERVAL_MS} ms, ${RUNS} runs, same canary, same run (${process.version})`
)
// The range shows how much a loaded machine moves the numbers: compare medians of the same run only.
const range = values => `${Math.min(...values)}–${Math.max(...values)}`
console.log(
  '| approach | overhead of a passing rollout: median (range) | time to abort once 50% fails: median (range) |'
)
console.log('| --- | ---: | ---: |')
for (const [name, r] of Object.entries(results))
  console.log(
    `| ${name} | ${median(r.overhead)} ms (${range(r.overhead)}) | ${median(r.abort)} ms (${range(r.abort)}) |`
  )
const [ours, theirs] = Object.values(results)
console.log(
  `ratio (rollout gate / bash loop): overhead ${(median(ours.overhead) / median(theirs.overhead)).toFixed(2)}, time to abort ${(median(ours.abort) / median(theirs.abort)).toFixed(2)}`
)
