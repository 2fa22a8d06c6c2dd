// Contract gate benchmarks, each against a real peer or a hard floor, in the same run.
//
// (a) Response validation: the same 10,000 recorded responses (the JSON examples GitHub publishes in its REST API
//     description, replayed in turn) validated against GitHub's 13 MB OpenAPI description by this gate's
//     validator and by openapi-response-validator (npm). Throughput in responses/s, steady state and end to end
//     (end to end includes building each tool's validators from the loaded spec).
// (b) Live verification: a 300-operation spec verified against a loopback server (its own process) that answers
//     every request after 5 ms, at concurrency 16. Wall time against the floor 300 × 5 ms / 16, with the gate's
//     node:http client and, in the same run, with the fetch()-based transport it replaced; plus a breakdown
//     (spec load, the gate's own work against an instant in-process transport, bare transports).
//
// (c) Breaking-change diff: two synthetic specs of 10,000 and 30,000 operations, each diffed in a fresh process;
//     peak RSS against the input size, and time (load + diff) from 10k to 30k for linearity.
//
// (d) Whole-document validation of GitHub's description: this gate against @redocly/openapi-core's recommended
//     ruleset, same file, same run.
//
// Usage: node bench/contract.mjs [--only a|b|c|d] [--bounded] [--diff-operations 30000] [--responses 10000] [--recorded-operations 25] [--operations 300] [--delay 5]
//        [--concurrency 16] [--runs 5]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : []))
)
const RESPONSES = Number(args.responses ?? 10_000)
const OPERATIONS = Number(args.operations ?? 300)
const DELAY_MS = Number(args.delay ?? 5)
const CONCURRENCY = Number(args.concurrency ?? 16)
const RUNS = Number(args.runs ?? 5)
const RECORDED_OPERATIONS = Number(args['recorded-operations'] ?? 25)
// --bounded: each id parameter also has minimum/maximum, so the gate sends 3 requests per operation (its example,
// then both bounds; max-requests-per-operation 5) and the floor counts every request.
const BOUNDED = 'bounded' in args
const REQUESTS_PER_OPERATION = BOUNDED ? 3 : 1
const REQUESTS = OPERATIONS * REQUESTS_PER_OPERATION
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-contract-'))

// The gate's modules, bundled from source the way dist/ is (esbuild), so the bench measures the shipped code path.
const bundle = path.join(scratch, 'contract.mjs')
await build({
  stdin: {
    contents: `export { Spec } from './src/gates/contract/spec.ts'
export { fileReader } from './src/gates/contract/reader.ts'
export { SchemaValidators } from './src/gates/contract/schema-validator.ts'
export { listOperations, responseFor } from './src/gates/contract/operations.ts'
export { verifyLive } from './src/gates/contract/verify.ts'
export { createHttpClient } from './src/http.ts'
export { diffSpecs, changeFindings } from './src/gates/contract/diff/index.ts'
export { defaultSeverities } from './src/gates/contract/rules.ts'
export { validateStructure } from './src/gates/contract/structure.ts'
export { validateDocumentSchema } from './src/gates/contract/document-schema.ts'
export { validateSemantics } from './src/gates/contract/semantics.ts'
export { validateExamples } from './src/gates/contract/examples.ts'`,
    resolveDir: root,
    loader: 'ts'
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
  }
})
const gate = await import(pathToFileURL(bundle).href)
const require = createRequire(import.meta.url)
const OpenAPIResponseValidator = require('openapi-response-validator').default

const operationsOf = samples => [...new Set(samples.map(s => s.op))]
const fmt = n => Math.round(n).toLocaleString('en-US')

// ── (a) validation throughput ────────────────────────────────────────────────────────────────────────────────
async function benchValidation() {
  const specFile = path.join(scratch, 'api.github.com.json')
  writeFileSync(
    specFile,
    gunzipSync(readFileSync(path.join(root, '__fixtures__/contract/real/api.github.com.json.gz')))
  )
  const spec = await gate.Spec.load(gate.fileReader(scratch), specFile)
  const raw = JSON.parse(readFileSync(specFile, 'utf8'))

  // Recorded responses: every JSON example of a 200 response, with the operation that produced it.
  const samples = []
  for (const op of gate.listOperations(spec)) {
    const found = gate.responseFor(op, 200)
    const media = found?.response.value.content?.['application/json']
    if (!media?.schema || !media.examples) continue
    for (const name of Object.keys(media.examples)) {
      const example = spec.deref({
        file: found.response.loc.file,
        pointer: [...found.response.loc.pointer, 'content', 'application/json', 'examples', name]
      })
      if (example?.value?.value !== undefined) {
        samples.push({
          op,
          schemaLoc: {
            file: found.response.loc.file,
            pointer: [...found.response.loc.pointer, 'content', 'application/json', 'schema']
          },
          body: example.value.value
        })
      }
    }
  }
  // The recorded traffic of RECORDED_OPERATIONS operations (spread over the whole spec), replayed in turn.
  const chosen = new Set(
    operationsOf(samples)
      .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / RECORDED_OPERATIONS)) === 0)
      .slice(0, RECORDED_OPERATIONS)
  )
  const recorded = samples.filter(s => chosen.has(s.op))
  const replay = Array.from({ length: RESPONSES }, (_, i) => recorded[i % recorded.length])
  const operations = [...new Set(replay.map(s => s.op))]
  console.log(
    `(a) ${fmt(RESPONSES)} responses replayed from ${recorded.length} recorded examples of ${operations.length} operations; spec: api.github.com.json (13 MB, OpenAPI 3.0.3)`
  )

  // This gate: compile on first use (cached), then validate.
  let started = performance.now()
  const validators = new gate.SchemaValidators(spec, 'response')
  for (const op of operations) validators.validate(replay.find(s => s.op === op).schemaLoc, undefined)
  const oursSetup = performance.now() - started
  started = performance.now()
  let oursInvalid = 0
  for (const sample of replay)
    if (validators.validate(sample.schemaLoc, sample.body).length > 0) oursInvalid++
  const oursRun = performance.now() - started

  // openapi-response-validator: one validator per operation, built from that operation's responses and the schemas.
  // Its converter walks everything it is given as if it were a schema and crashes on data whose `properties`
  // hold nulls (examples, GitHub's x-github-breaking-changes), so it gets copies without `example`, `examples`
  // and `x-*` keys (prepared outside the timing).
  const withoutExamples = value =>
    Array.isArray(value)
      ? value.map(withoutExamples)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => key !== 'example' && key !== 'examples' && !key.startsWith('x-'))
              .map(([key, v]) => [key, withoutExamples(v)])
          )
        : value
  const peerComponents = { schemas: withoutExamples(raw.components.schemas) }
  const peerResponses = new Map(
    operations.map(op => [
      op,
      withoutExamples(Object.fromEntries([...op.responses].map(([code, r]) => [code, r.value])))
    ])
  )
  started = performance.now()
  const peers = new Map()
  for (const op of operations)
    peers.set(
      op,
      new OpenAPIResponseValidator({ responses: peerResponses.get(op), components: peerComponents })
    )
  const peerSetup = performance.now() - started
  // Their validator fills in schema defaults in place (useDefaults); give it copies so both tools see the same data.
  const copies = replay.map(sample => structuredClone(sample.body))
  started = performance.now()
  let peerInvalid = 0
  replay.forEach((sample, i) => {
    if (peers.get(sample.op).validateResponse(200, copies[i])) peerInvalid++
  })
  const peerRun = performance.now() - started

  const rate = (n, ms) => (n / ms) * 1000
  console.log(
    `    deploy-gates               setup ${fmt(oursSetup)} ms, validate ${fmt(oursRun)} ms → ${fmt(rate(RESPONSES, oursRun))} responses/s (${oursInvalid} invalid)`
  )
  console.log(
    `    openapi-response-validator setup ${fmt(peerSetup)} ms, validate ${fmt(peerRun)} ms → ${fmt(rate(RESPONSES, peerRun))} responses/s (${peerInvalid} invalid)`
  )
  console.log(
    `    throughput ratio: ${(peerRun / oursRun).toFixed(1)}× steady state, ${((peerSetup + peerRun) / (oursSetup + oursRun)).toFixed(1)}× end to end (target ≥ 5×)`
  )
}

// ── (b) live verification wall time vs the floor ────────────────────────────────────────────────────────────
function syntheticSpec(count) {
  const lines = ['openapi: 3.0.3', 'info: {title: Bench, version: "1"}', 'paths:']
  for (let i = 0; i < count; i++) {
    lines.push(
      `  /items${i}/{id}:`,
      '    get:',
      `      operationId: getItem${i}`,
      '      parameters:',
      `        - {name: id, in: path, required: true, example: 42, schema: {type: integer${BOUNDED ? ', minimum: 1, maximum: 1000' : ''}}}`,
      '      responses:',
      "        '200':",
      '          description: ok',
      '          headers:',
      '            X-Request-Id: {required: true, schema: {type: string}}',
      '          content:',
      '            application/json:',
      '              schema:',
      i % 3 === 0
        ? '                type: array\n                items: {$ref: "#/components/schemas/Item"}'
        : `                $ref: '#/components/schemas/${i % 3 === 1 ? 'Item' : 'Order'}'`
    )
  }
  lines.push(
    'components:',
    '  schemas:',
    '    Item:',
    '      type: object',
    '      required: [id, name, price]',
    '      properties:',
    '        id: {type: integer}',
    '        name: {type: string, minLength: 1}',
    '        price: {type: number, minimum: 0}',
    '        tags: {type: array, items: {type: string}}',
    '        updatedAt: {type: string, format: date-time}',
    '    Order:',
    '      type: object',
    '      required: [id, items, status]',
    '      properties:',
    '        id: {type: integer}',
    '        status: {type: string, enum: [open, paid]}',
    '        items: {type: array, items: {$ref: "#/components/schemas/Item"}}'
  )
  return lines.join('\n') + '\n'
}

const SERVER = `
const item = { id: 42, name: 'widget', price: 9.5, tags: ['a'], updatedAt: '2024-01-01T00:00:00Z' }
const bodies = [JSON.stringify([item, item]), JSON.stringify(item), JSON.stringify({ id: 1, status: 'paid', items: [item] })]
const server = require('node:http').createServer((req, res) => {
  const i = Number(req.url.match(/items(\\d+)/)[1])
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r' + i })
    res.end(bodies[i % 3])
  }, ${DELAY_MS})
})
server.keepAliveTimeout = 60000
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port))
`

/** The transport the gate used before (fetch with redirect: manual and an abort timeout), as the "before" peer. */
function fetchClient(url, { method = 'GET', headers = {}, body, timeoutMs }) {
  const started = performance.now()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  return fetch(url, { method, headers, body, signal: controller.signal, redirect: 'manual' })
    .then(async response => ({
      ok: true,
      status: response.status,
      headers: response.headers,
      body: await response.text(),
      durationMs: performance.now() - started
    }))
    .catch(error => ({ ok: false, kind: 'connection', message: String(error), durationMs: 0 }))
    .finally(() => clearTimeout(timer))
}

/** What the loopback server sends, answered at once in-process: the gate's own work with no transport at all. */
function instantClient() {
  const item = { id: 42, name: 'widget', price: 9.5, tags: ['a'], updatedAt: '2024-01-01T00:00:00Z' }
  const bodies = [
    JSON.stringify([item, item]),
    JSON.stringify(item),
    JSON.stringify({ id: 1, status: 'paid', items: [item] })
  ]
  return async url => {
    const i = Number(String(url).match(/items(\d+)/)[1])
    const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': `r${i}` })
    return { ok: true, status: 200, headers, body: bodies[i % 3], durationMs: 0 }
  }
}

async function startBenchServer() {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise(resolve =>
    server.stdout.setEncoding('utf8').once('data', text => resolve(text.trim()))
  )
  return { url, close: () => server.kill() }
}

const median = times => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]

/** RUNS timed runs after one warm-up run (connection pool, JIT); returns the median. */
async function timed(runOnce) {
  const times = []
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now()
    await runOnce()
    if (run > 0) times.push(performance.now() - started)
  }
  return { median: median(times), best: Math.min(...times) }
}

async function benchLive() {
  writeFileSync(path.join(scratch, 'openapi.yaml'), syntheticSpec(OPERATIONS))
  const server = await startBenchServer()
  const floor = (REQUESTS * DELAY_MS) / CONCURRENCY
  const io = {
    cwd: scratch,
    env: {},
    now: Date.now,
    sleep: ms => new Promise(r => setTimeout(r, ms)),
    log: { info() {}, warning() {}, debug() {} }
  }
  const config = {
    baseUrl: new URL(server.url),
    headers: {},
    filter: { include: [], exclude: [] },
    unsafeMethods: false,
    concurrency: CONCURRENCY,
    timeoutMs: 10_000,
    maxRequestsPerOperation: 5
  }
  const loadSpec = () => gate.Spec.load(gate.fileReader(scratch), path.join(scratch, 'openapi.yaml'))
  // Each run is a fresh gate run: spec loaded and validators compiled from scratch.
  const gateRun = http => async () => {
    const result = await gate.verifyLive(await loadSpec(), config, { ...io, http })
    const requests = result.requests ?? result.checked
    if (result.checked !== OPERATIONS || requests !== REQUESTS || result.failedResponses !== 0)
      throw new Error(
        `unexpected result: ${result.checked} checked, ${requests} requests, ${result.failedResponses} failed`
      )
  }
  const bare = get => async () => {
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++
          const response = await get(`${server.url}/items${i % OPERATIONS}/42`, { timeoutMs: 10_000 })
          JSON.parse(response.body)
        }
      })
    )
  }
  const nodeClient = gate.createHttpClient()
  let results
  try {
    // Interleaved, so both transports see the same machine load.
    const after = [],
      before = [],
      bareNode = [],
      bareFetch = []
    for (let round = 0; round < 2; round++) {
      after.push(await timed(gateRun(undefined)))
      before.push(await timed(gateRun(fetchClient)))
      bareNode.push(await timed(bare(nodeClient)))
      bareFetch.push(await timed(bare(fetchClient)))
    }
    const load = await timed(loadSpec)
    const instant = await timed(gateRun(instantClient()))
    const pick = list => ({
      median: median(list.map(t => t.median)),
      best: Math.min(...list.map(t => t.best))
    })
    results = {
      after: pick(after),
      before: pick(before),
      bareNode: pick(bareNode),
      bareFetch: pick(bareFetch),
      load,
      instant
    }
  } finally {
    server.close()
  }
  const line = (label, t) =>
    `    ${label.padEnd(58)} median ${t.median.toFixed(1).padStart(6)} ms, best ${t.best.toFixed(1).padStart(6)} ms  (${(t.median / floor).toFixed(2)}× floor)`
  console.log(
    `(b) ${OPERATIONS} operations, ${REQUESTS} requests, server delay ${DELAY_MS} ms, concurrency ${CONCURRENCY}: floor ${floor.toFixed(1)} ms; ${RUNS} runs × 2 rounds`
  )
  console.log(line('deploy-gates, node:http keep-alive client (after)', results.after))
  console.log(line('deploy-gates, fetch() transport (before)', results.before))
  console.log('    breakdown:')
  console.log(line('  spec load (parse + positions + $refs)', results.load))
  console.log(line('  whole gate run, instant in-process transport (no I/O)', results.instant))
  console.log(line('  bare node:http client, same requests (no gate work)', results.bareNode))
  console.log(line('  bare fetch(), same requests (no gate work)', results.bareFetch))
  console.log(
    `    ratio to floor: ${(results.after.median / floor).toFixed(2)}× after, ${(results.before.median / floor).toFixed(2)}× before (target ≤ 1.2×); speed-up ${(results.before.median / results.after.median).toFixed(2)}×`
  )
}

// ── (c) breaking-change diff of two large specs: peak memory against the input, time per operation ─────────
/** A synthetic spec of `count` operations (half GET, half POST) over shared component schemas, JSON. */
function diffSpec(count, revision) {
  const paths = {}
  for (let i = 0; i < count / 2; i++) {
    const item = { type: 'integer', ...(revision && i % 97 === 0 ? { maximum: 10 } : {}) }
    paths[`/r${i}/items/{id}`] = {
      get: {
        operationId: `get${i}`,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'limit', in: 'query', schema: item }
        ],
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/S${i % 500}` } } }
          }
        }
      },
      post: {
        operationId: `post${i}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: {
          content: { 'application/json': { schema: { $ref: `#/components/schemas/S${i % 500}` } } }
        },
        responses: { 201: { description: 'created' } }
      }
    }
  }
  const schemas = {}
  for (let i = 0; i < 500; i++)
    schemas[`S${i}`] = {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'integer' },
        name: { type: 'string', maxLength: revision && i % 50 === 0 ? 50 : 100 },
        tags: { type: 'array', items: { type: 'string' } }
      }
    }
  return JSON.stringify(
    { openapi: '3.0.3', info: { title: 'bench', version: '1' }, paths, components: { schemas } },
    null,
    1
  )
}

/** Runs the diff in a fresh process; returns its peak RSS above the idle process, and the diff's wall time. */
async function diffInChild(count) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-diff-'))
  writeFileSync(path.join(dir, 'base.json'), diffSpec(count, false))
  writeFileSync(path.join(dir, 'head.json'), diffSpec(count, true))
  const input =
    readFileSync(path.join(dir, 'base.json')).length + readFileSync(path.join(dir, 'head.json')).length
  const script = `
    const { readFileSync } = await import('node:fs')
    const hwm = () => Number(readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\\s+(\\d+)/)[1]) * 1024
    const idle = hwm()
    const gate = await import(${JSON.stringify(pathToFileURL(bundle).href)})
    const started = performance.now()
    const reader = gate.fileReader(${JSON.stringify(dir)})
    const base = await gate.Spec.load(reader, ${JSON.stringify(path.join(dir, 'base.json'))})
    const head = await gate.Spec.load(reader, ${JSON.stringify(path.join(dir, 'head.json'))})
    const loaded = performance.now()
    const changes = gate.diffSpecs(base, head, gate.defaultSeverities())
    const findings = gate.changeFindings(head, changes)
    const done = performance.now()
    console.log(JSON.stringify({ idle, peak: hwm(), load: loaded - started, diff: done - loaded, changes: changes.length, findings: findings.length }))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  for await (const chunk of child.stdout) out += chunk
  await new Promise(resolve => child.on('close', resolve))
  return { input, ...JSON.parse(out.trim().split('\n').pop()) }
}

async function benchDiff() {
  const mb = bytes => `${(bytes / 1048576).toFixed(1)} MB`
  const large = Number(args['diff-operations'] ?? 30_000)
  const results = []
  for (const count of [large / 3, large]) results.push({ count, ...(await diffInChild(count)) })
  console.log(
    `(c) breaking-change diff of two synthetic specs (base → head with tightened bounds), each process fresh`
  )
  for (const r of results)
    console.log(
      `    ${fmt(r.count).padStart(6)} operations: input ${mb(r.input)} (both specs), peak RSS ${mb(r.peak)} (${(r.peak / r.input).toFixed(1)}× input; ${mb(r.peak - r.idle)} above the idle process = ${((r.peak - r.idle) / r.input).toFixed(1)}×), load ${fmt(r.load)} ms, diff ${fmt(r.diff)} ms, ${fmt(r.findings)} findings from ${fmt(r.changes)} changes`
    )
  const [small, big] = results
  console.log(
    `    linearity: 3× the operations took ${((big.load + big.diff) / (small.load + small.diff)).toFixed(2)}× the time (load + diff) and ${((big.peak - big.idle) / (small.peak - small.idle)).toFixed(2)}× the memory (target ≤ 10× input, linear)`
  )
}

// ── (d) whole-document validation against Redocly (recommended ruleset) on GitHub's 13 MB description ──────
async function benchSpecValidation() {
  const specFile = path.join(scratch, 'api.github.com.json')
  writeFileSync(
    specFile,
    gunzipSync(readFileSync(path.join(root, '__fixtures__/contract/real/api.github.com.json.gz')))
  )
  const ours = async () => {
    const spec = await gate.Spec.load(gate.fileReader(scratch), specFile)
    const findings = [
      ...gate.validateStructure(spec),
      ...gate.validateDocumentSchema(spec),
      ...gate.validateSemantics(spec),
      ...gate.validateExamples(spec).findings
    ]
    return findings.length
  }
  const { lint, createConfig } = await import('@redocly/openapi-core')
  const theirs = async () => {
    const config = await createConfig({ extends: ['recommended'] })
    return (await lint({ ref: specFile, config })).length
  }
  const time = async run => {
    const started = performance.now()
    const count = await run()
    return { ms: performance.now() - started, count }
  }
  const a = [],
    b = []
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    a.push(await time(ours))
    b.push(await time(theirs))
  }
  const med = list => median(list.map(x => x.ms))
  console.log(
    `(d) validating api.github.com.json (13 MB, 1,223 operations): official schema + semantics + examples vs Redocly recommended`
  )
  console.log(
    `    deploy-gates  median ${fmt(med(a))} ms (${a[0].count} findings: warnings for drifted examples, 2 ambiguous paths)`
  )
  console.log(`    Redocly       median ${fmt(med(b))} ms (${b[0].count} problems)`)
  console.log(`    ratio: ${(med(b) / med(a)).toFixed(1)}× faster`)
}

const only = args.only
if (!only || only === 'a') await benchValidation()
if (!only || only === 'b') await benchLive()
if (!only || only === 'c') await benchDiff()
if (!only || only === 'd') await benchSpecValidation()
