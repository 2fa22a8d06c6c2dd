// Readiness detection: deploy-gates' health gate (dist/cli.js, readiness only) against wait-on, the tool users
// reach for, in the same run, at the same polling interval.
//
// 1. Delay: a loopback server answers 503 until a random moment, then 200. Both tools start together; the delay
//    is the time from "ready" to each tool's process exiting. Median over RUNS runs.
// 2. CPU per probe: each tool polls a server that never becomes ready for CPU_WINDOW_MS; CPU time of the process
//    (user + system, measured inside it) minus the CPU of a one-probe run, divided by the extra probes it sent.
//
// Usage: npm run build && node bench/health.mjs [--runs 20] [--interval 250]
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : []))
)
const RUNS = Number(args.runs ?? 20)
const INTERVAL_MS = Number(args.interval ?? 250)
const READY_FROM_MS = 1500 // after both processes start (Node start-up takes ~0.5 s here)
const READY_SPREAD_MS = 1000
const CPU_WINDOW_MS = 3000
const TIMEOUT_MS = 20_000

// Reports the process's own CPU time on exit, so start-up and probing are measured the same way for both tools.
const CPU_REPORTER = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nBENCH_CPU_US "+(u.user+u.system)+"\\n")})`

const tools = {
  'deploy-gates': url => [
    path.join(root, 'dist', 'cli.js'),
    'health',
    '--url',
    url,
    '--window',
    '0s',
    '--interval',
    `${INTERVAL_MS}ms`,
    '--readiness-timeout',
    `${TIMEOUT_MS}ms`,
    '--request-timeout',
    '1s'
  ],
  'wait-on': url => [
    path.join(root, 'node_modules', 'wait-on', 'bin', 'wait-on'),
    '--interval',
    String(INTERVAL_MS),
    '--httpTimeout',
    '1000',
    '--timeout',
    String(TIMEOUT_MS),
    url.replace(/^http:/, 'http-get:')
  ]
}

function run(tool, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', CPU_REPORTER, ...tools[tool](url)], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
    const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS + 5000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(killer)
      const exitedAt = performance.now()
      const cpu = /BENCH_CPU_US (\d+)/.exec(stderr)
      if (code !== 0 || !cpu) reject(new Error(`${tool} exited ${code}: ${stderr.trim().slice(-500)}`))
      else resolve({ exitedAt, cpuMs: Number(cpu[1]) / 1000 })
    })
  })
}

/** A health endpoint that answers 503 until `readyAt` (performance.now() time), counting requests per tool. */
async function server() {
  const state = { readyAt: Infinity, requests: { 'deploy-gates': 0, 'wait-on': 0 } }
  const http = createServer((request, response) => {
    state.requests[request.headers['user-agent'] === 'deploy-gates-health' ? 'deploy-gates' : 'wait-on']++
    const ready = performance.now() >= state.readyAt
    response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
    response.end(ready ? '{"status":"ok"}' : '{"status":"starting"}')
  })
  await new Promise(resolve => http.listen(0, '127.0.0.1', resolve))
  return { state, url: `http://127.0.0.1:${http.address().port}/healthz`, close: () => http.close() }
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const delays = { 'deploy-gates': [], 'wait-on': [] }
for (let i = 0; i < RUNS; i++) {
  const { state, url, close } = await server()
  const startedAt = performance.now()
  state.readyAt = startedAt + READY_FROM_MS + Math.random() * READY_SPREAD_MS
  const results = await Promise.all(Object.keys(tools).map(tool => run(tool, url)))
  Object.keys(tools).forEach((tool, j) => delays[tool].push(results[j].exitedAt - state.readyAt))
  close()
}

const cpu = {}
for (const tool of Object.keys(tools)) {
  // One probe (ready at once): start-up and teardown cost.
  const once = await server()
  once.state.readyAt = 0
  const base = await run(tool, once.url)
  once.close()
  // Many probes: never ready within the window; the tool is stopped by its own timeout.
  const never = await server()
  const saved = TIMEOUT_MS
  const args = tools[tool](never.url).map(a =>
    a === `${saved}ms` ? `${CPU_WINDOW_MS}ms` : a === String(saved) ? String(CPU_WINDOW_MS) : a
  )
  const polled = await new Promise(resolve => {
    const child = spawn(process.execPath, ['--import', CPU_REPORTER, ...args], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
    child.on('close', () => resolve(Number(/BENCH_CPU_US (\d+)/.exec(stderr)?.[1] ?? NaN) / 1000))
  })
  const probes = never.state.requests[tool]
  never.close()
  cpu[tool] = { probes, perProbeMs: (polled - base.cpuMs) / Math.max(1, probes - 1), startupMs: base.cpuMs }
}

const fmt = n => `${n.toFixed(1)} ms`
const ours = median(delays['deploy-gates'])
const theirs = median(delays['wait-on'])
console.log(`readiness detection, ${RUNS} runs, polling interval ${INTERVAL_MS} ms, same server, same run`)
console.log(`| tool | median delay after ready | p90 | CPU per probe | start-up CPU |`)
console.log(`| --- | ---: | ---: | ---: | ---: |`)
for (const tool of Object.keys(tools)) {
  const sorted = [...delays[tool]].sort((a, b) => a - b)
  console.log(
    `| ${tool} | ${fmt(median(sorted))} | ${fmt(sorted[Math.ceil(0.9 * sorted.length) - 1])} | ${cpu[tool].perProbeMs.toFixed(2)} ms (${cpu[tool].probes} probes in ${CPU_WINDOW_MS / 1000} s) | ${fmt(cpu[tool].startupMs)} |`
  )
}
console.log(`ratio (deploy-gates / wait-on median delay): ${(ours / theirs).toFixed(2)}`)
