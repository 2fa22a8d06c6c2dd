// Freeze windows: deploy-gates' freeze evaluation (croner + Intl) against GitLab's own rule on fugit, the Ruby
// cron library GitLab's deploy freezes use (Debian package ruby-fugit), on the same cron windows and instants,
// in the same run. GitLab's rule (Ci::FreezePeriod): a window is active when the previous `start` occurrence is
// later than the previous `end` occurrence; it lasts until the next `end`.
//
// 1. Agreement: for every (window, instant) pair, frozen or not and, when frozen, until when. Instants are a
//    fixed pseudo-random set over 2026, denser on the daylight-saving days, never on a whole minute (the only
//    place the two rules differ by design: GitLab's `previous_time` excludes the current second, so a window
//    is not active at the very second it opens; ours is).
// 2. Speed: evaluations per second inside each process (parse once, then evaluate every pair), and the
//    wall time of each process end to end. Runs alternate; medians over RUNS runs.
//
// Usage: apt-get install -y ruby-fugit && node bench/freeze.mjs [--runs 1] [--instants 300]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : []))
)
// fugit is slow on sparse patterns (tens of ms per previous_time): the defaults keep the run to a few minutes.
const RUNS = Number(args.runs ?? 1)
const INSTANTS = Number(args.instants ?? 300)

const WINDOWS = [
  { name: 'weekend', start: '0 23 * * 5', end: '0 7 * * 1' },
  { name: 'nightly', start: '0 22 * * *', end: '0 6 * * *' },
  { name: 'lunch', start: '0 12 * * 1-5', end: '0 13 * * 1-5' },
  { name: 'month-end', start: '0 18 28 * *', end: '0 9 2 * *' },
  { name: 'in-the-gap', start: '30 2 * * *', end: '30 3 * * *' },
  { name: 'sunday-early', start: '0 1 * * 0', end: '0 2 * * 0' },
  { name: 'quarter-close', start: '0 0 25 3,6,9,12 *', end: '0 0 5 1,4,7,10 *' }
]
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata']
const DST_DAYS = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04']

/** Deterministic instants: a linear congruential sequence over 2026, a quarter of them on DST days. */
function instants(count) {
  let seed = 20261127
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const start = Date.UTC(2026, 0, 1)
  const year = Date.UTC(2027, 0, 1) - start
  return Array.from({ length: count }, (_, i) => {
    const base =
      i % 4 === 0
        ? Date.parse(`${DST_DAYS[i % DST_DAYS.length]}T00:00:00Z`) - 12 * 3_600_000 + next() * 48 * 3_600_000
        : start + next() * year
    // Never on a whole minute (see the header), to the second.
    return Math.floor(base / 60_000) * 60_000 + 1_000 + Math.floor(next() * 58) * 1_000
  })
}

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-freeze-'))
const input = path.join(scratch, 'input.json')
const cases = { windows: WINDOWS, zones: ZONES, instants: instants(INSTANTS) }
writeFileSync(input, JSON.stringify(cases))

// deploy-gates: the gate's own parsing and evaluation (src/gates/freeze), bundled as the action bundles it.
const ours = path.join(scratch, 'ours.mjs')
writeFileSync(
  path.join(scratch, 'ours-entry.ts'),
  `
import { readFileSync } from 'node:fs'
import { parseFreezeInputs } from ${JSON.stringify(path.join(root, 'src/gates/freeze/config.ts'))}
import { windowState } from ${JSON.stringify(path.join(root, 'src/gates/freeze/windows.ts'))}
const { windows, zones, instants } = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const yaml = windows.map(w => '- name: ' + w.name + '\\n  start: ' + w.start + '\\n  end: ' + w.end).join('\\n')
const started = performance.now()
const results = []
for (const zone of zones) {
  const source = { get: n => (n === 'freeze-windows' ? yaml : n === 'timezone' ? zone : undefined), describe: n => n }
  const config = parseFreezeInputs(source)
  for (const window of config.windows)
    for (const t of instants) {
      const s = windowState(window, t)
      results.push(s.inForce ? s.closes : 0)
    }
}
const ms = performance.now() - started
process.stdout.write(JSON.stringify({ ms, results }))
`
)
await build({
  entryPoints: [path.join(scratch, 'ours-entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: ours,
  minify: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
  }
})

// GitLab's rule on fugit, as Gitlab::Ci::CronParser parses (`"<cron> <zone>"`) and Ci::FreezePeriod decides.
const theirs = path.join(scratch, 'gitlab.rb')
writeFileSync(
  theirs,
  `
require 'json'
require 'fugit'
cases = JSON.parse(File.read(ARGV[0]))
started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
results = []
cases['zones'].each do |zone|
  cases['windows'].each do |w|
    start = Fugit::Cron.parse("#{w['start']} #{zone}")
    finish = Fugit::Cron.parse("#{w['end']} #{zone}")
    cases['instants'].each do |ms|
      now = EtOrbi::EoTime.new(ms / 1000.0, zone)
      active = start.previous_time(now).to_f > finish.previous_time(now).to_f
      results << (active ? (finish.next_time(now).to_f * 1000).round : 0)
    end
  end
end
elapsed = (Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000
STDOUT.write(JSON.generate({ 'ms' => elapsed, 'results' => results }))
`
)

const tools = {
  'deploy-gates (croner + Intl)': [process.execPath, ours, input],
  'GitLab rule (fugit 1.5, Ruby)': ['ruby', theirs, input]
}
const timings = Object.fromEntries(Object.keys(tools).map(name => [name, { inner: [], wall: [] }]))
let outputs = {}
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? Object.keys(tools) : Object.keys(tools).reverse()
  for (const name of order) {
    const [command, ...rest] = tools[name]
    const started = performance.now()
    const result = spawnSync(command, rest, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    const wall = performance.now() - started
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`)
    const parsed = JSON.parse(result.stdout)
    timings[name].inner.push(parsed.ms)
    timings[name].wall.push(wall)
    outputs[name] = parsed.results
  }
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const [a, b] = Object.keys(tools)
const pairs = WINDOWS.length * ZONES.length * cases.instants.length
let frozenAgree = 0
let untilAgree = 0
let frozenBoth = 0
/** Differences grouped by window and zone: how many, and the first one. */
const disagreements = new Map()
outputs[a].forEach((ours, i) => {
  const theirs = outputs[b][i]
  if (ours > 0 === theirs > 0) frozenAgree++
  if (ours > 0 && theirs > 0) {
    frozenBoth++
    if (ours === theirs) untilAgree++
  }
  if (ours === theirs) return
  const zone = ZONES[Math.floor(i / (WINDOWS.length * cases.instants.length))]
  const window = WINDOWS[Math.floor(i / cases.instants.length) % WINDOWS.length]
  const key = `${window.name} (${window.start} → ${window.end}) in ${zone}`
  const entry = disagreements.get(key) ?? { count: 0, first: '' }
  if (entry.count++ === 0) {
    const at = new Date(cases.instants[i % cases.instants.length]).toISOString()
    const show = v => (v ? `frozen until ${new Date(v).toISOString()}` : 'not frozen')
    entry.first = `at ${at}: ours ${show(ours)}, GitLab ${show(theirs)}`
  }
  disagreements.set(key, entry)
})

console.log(
  `freeze windows: ${WINDOWS.length} cron windows × ${ZONES.length} time zones × ${cases.instants.length} instants = ${pairs} evaluations, ${RUNS} runs, same input, same run`
)
console.log('| tool | evaluations/s (in process, median) | wall time per run (median) |')
console.log('| --- | ---: | ---: |')
for (const name of Object.keys(tools)) {
  const inner = median(timings[name].inner)
  console.log(
    `| ${name} | ${Math.round(pairs / (inner / 1000)).toLocaleString('en')} | ${Math.round(median(timings[name].wall))} ms |`
  )
}
console.log(
  `agreement: frozen-or-not ${frozenAgree}/${pairs} (${((100 * frozenAgree) / pairs).toFixed(2)}%); until, where both frozen: ${untilAgree}/${frozenBoth}`
)
for (const [key, { count, first }] of disagreements) console.log(`  differs ${count}×: ${key}, e.g. ${first}`)
console.log(
  `ratio (deploy-gates / GitLab rule, in-process time): ${(median(timings[a].inner) / median(timings[b].inner)).toFixed(2)}; wall: ${(median(timings[a].wall) / median(timings[b].wall)).toFixed(2)}`
)
