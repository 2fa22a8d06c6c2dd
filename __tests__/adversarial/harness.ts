/**
 * The adversarial harness: each case runs the bundled action (dist/index.js) on Node 24 as the runner does
 * (runAction from ../helpers/runner.ts) in a fresh workspace, next to a directory outside it that holds canary
 * files, and checks what issue 10 asks of every gate:
 *   - the exit code (a non-zero exit for `expect: 'fail'`, zero for `'pass'`) and, on failure, a clear one-line
 *     error (no "internal error", no JavaScript error names), matching `message` when given;
 *   - no stack trace in stdout or stderr (debug lines excepted: the runner hides them);
 *   - no hang: the run ends before `deadlineMs`;
 *   - peak memory (max RSS, from process.resourceUsage() in a preloaded hook) under 512 MB;
 *   - nothing read outside the workspace: every path opened or listed through node:fs is recorded by the hook,
 *     and none may lie in the canary directory (or anywhere but the workspace, the runner's files, the bundle
 *     and the system's own files);
 *   - no secret (the case's `secrets` plus the canary) in any channel (stdout, stderr, outputs, step summary,
 *     the JSON report, SARIF, JUnit) in any encoding: raw, URL-encoded, base64 (every alignment), JSON-escaped,
 *     hex, and folded across lines; nor any 10-character piece of a secret.
 * Cases run in a bounded pool (many processes at once, each one short), then one test per case asserts its result.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GateName } from '../../src/types.js'
import { ensureBuilt, NODE24_PATH, REPO_ROOT, runAction, type ActionRun } from '../helpers/runner.js'
import { startPeers, type Peers } from './peers.js'

export type CaseClass =
  | 'files'
  | 'symlinks'
  | 'size-limits'
  | 'yaml-bomb'
  | 'regex'
  | 'http-body'
  | 'timeout'
  | 'git-injection'
  | 'url-secrets'
  | 'event'
  | 'secrets'
  | 'expansion'
  | 'schema'
  | 'long-input'
  | 'fail-open'
  | 'crash'
  | 'proxy'
  | 'confinement'

export type CaseFile =
  | string
  | Buffer
  | { symlink: string }
  | { fifo: true }
  /** A generated file: `prefix`, then `repeat` until `bytes`, then `suffix`. */
  | { repeat: string; bytes: number; prefix?: string; suffix?: string }

export interface AdversarialCase {
  /** Unique within the gate: `class/what`. */
  id: string
  class: CaseClass
  inputs: Record<string, string>
  /** Workspace files (relative paths). Strings and symlink targets may hold placeholders. */
  files?: Record<string, CaseFile>
  /** The event payload written to GITHUB_EVENT_PATH (default: `push`, `{}`); `raw` writes text as is. */
  event?: { name: string; payload?: unknown; raw?: string | Buffer }
  env?: Record<string, string>
  /** GITHUB_API_URL (placeholders allowed). */
  apiUrl?: string
  expect: 'fail' | 'pass'
  /** Must match one error line (fail) or stdout (pass). */
  message?: RegExp
  /** Values that must appear in no output channel, in no encoding. */
  secrets?: string[]
  /** The run must end within this (default 20 s). */
  deadlineMs?: number
  /** Make the workspace a git repository with everything committed (before `afterCommit` files are written). */
  git?: boolean
  /** Files written after the commit (working-tree changes). */
  afterCommit?: Record<string, CaseFile>
  /** Paths (relative to the workspace) that must not exist after the run (an injected `--output=`). */
  mustNotExist?: string[]
  /** true: the proxy ({{PROXY}}) must have carried a request whose URL holds {{ID}}; false: it must not have. */
  proxied?: boolean
  /** For a case that widens confinement on purpose (allow-paths): reading the outside directory is expected. */
  readsOutside?: boolean
}

export interface CaseResult {
  id: string
  gate: GateName
  class: CaseClass
  problems: string[]
  /** The last error line (ADVERSARIAL_VERBOSE=1 prints it for every case). */
  failure?: string
  ms: number
  rssMb: number | undefined
}

const MAX_RSS_MB = 512
const DEFAULT_DEADLINE_MS = 20_000
const HERE = path.dirname(fileURLToPath(import.meta.url))
const PRELOAD = path.join(HERE, 'preload.mjs')

interface Scratch {
  base: string
  workspace: string
  outside: string
  trace: string
  canary: string
}

function makeScratch(): Scratch {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-adversarial-')))
  const scratch = {
    base,
    workspace: path.join(base, 'workspace'),
    outside: path.join(base, 'outside'),
    trace: path.join(base, 'trace'),
    canary: `CANARY${Math.random().toString(36).slice(2, 12)}OUTSIDE`
  }
  for (const dir of [scratch.workspace, scratch.outside, scratch.trace]) mkdirSync(dir)
  writeFileSync(path.join(scratch.outside, 'canary.txt'), `${scratch.canary}\n`)
  writeFileSync(
    path.join(scratch.outside, 'canary.env'),
    `SECRET_KEY=${scratch.canary}\nDATABASE_URL=postgres://u:${scratch.canary}@db/x\n`
  )
  writeFileSync(
    path.join(scratch.outside, 'canary.yaml'),
    `openapi: 3.0.3\ninfo: {title: ${scratch.canary}, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Leak: {type: string, description: ${scratch.canary}}\n`
  )
  writeFileSync(path.join(scratch.outside, 'canary.sql'), `-- ${scratch.canary}\nDROP TABLE users;\n`)
  mkdirSync(path.join(scratch.outside, 'dir'))
  writeFileSync(
    path.join(scratch.outside, 'dir', 'canary.yaml'),
    `Leak: {type: string, description: ${scratch.canary}}\n`
  )
  writeFileSync(
    path.join(scratch.outside, 'dir', '001_canary.sql'),
    `-- ${scratch.canary}\nDROP TABLE users;\n`
  )
  return scratch
}

export function fill(text: string, peers: Peers, scratch: Scratch): string {
  return text
    .replaceAll('{{HTTP}}', peers.http)
    .replaceAll('{{SILENT}}', peers.silent)
    .replaceAll('{{SILENT_HOSTPORT}}', peers.silent.replace('http://', ''))
    .replaceAll('{{CLOSED}}', peers.closed)
    .replaceAll('{{PROXY}}', peers.proxy)
    .replaceAll('{{ID}}', path.basename(scratch.base))
    .replaceAll('{{REDIRECT}}', `${peers.http}/redirect/${path.basename(scratch.base)}`)
    .replaceAll('{{OUTSIDE}}', scratch.outside)
    .replaceAll('{{WORKSPACE}}', scratch.workspace)
    .replaceAll('{{CANARY}}', scratch.canary)
}

function writeFiles(root: string, files: Record<string, CaseFile>, peers: Peers, scratch: Scratch): void {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name)
    mkdirSync(path.dirname(target), { recursive: true })
    if (typeof content === 'string') writeFileSync(target, fill(content, peers, scratch))
    else if (Buffer.isBuffer(content)) writeFileSync(target, content)
    else if ('symlink' in content) symlinkSync(fill(content.symlink, peers, scratch), target)
    else if ('fifo' in content) execFileSync('mkfifo', [target])
    else {
      // Written in 1 MB chunks: a 200 MB input must not cost the test process 200 MB.
      const head = Buffer.from(fill(content.prefix ?? '', peers, scratch))
      const tail = Buffer.from(fill(content.suffix ?? '', peers, scratch))
      let body = Math.max(0, content.bytes - head.length - tail.length)
      const unit = Buffer.from(content.repeat)
      const chunk = Buffer.alloc(
        Math.max(1, Math.ceil(Math.min(body, 1024 * 1024) / unit.length)) * unit.length
      )
      for (let at = 0; at < chunk.length; at += unit.length) unit.copy(chunk, at)
      const fd = openSync(target, 'w')
      try {
        writeSync(fd, head)
        while (body > 0) {
          const length = Math.min(body, chunk.length)
          writeSync(fd, chunk, 0, length)
          body -= length
        }
        writeSync(fd, tail)
      } finally {
        closeSync(fd)
      }
    }
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    'git',
    ['-c', 'user.name=adv', '-c', 'user.email=adv@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      stdio: 'ignore'
    }
  )
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const file = path.join(dir, name)
    let stat
    try {
      // Not followed: a symlink among the inputs points where the case wants it to, not at an output.
      stat = lstatSync(file)
    } catch {
      return []
    }
    if (name === '.git') return []
    if (stat.isDirectory()) return filesUnder(file)
    return stat.isFile() && stat.size < 20 * 1024 * 1024 ? [file] : []
  })
}

/** Every channel a user or a log reader sees, keyed by name. */
function channels(run: ActionRun, inputFiles: Set<string>): Record<string, string> {
  const places: Record<string, string> = {
    stdout: run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: Object.entries(run.outputs)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    summary: run.summary
  }
  for (const file of [...filesUnder(run.runnerTemp), ...filesUnder(run.workspace)]) {
    if (!inputFiles.has(path.relative(run.workspace, file)))
      places[path.basename(file)] = readFileSync(file, 'utf8')
  }
  return places
}

/** The forms a secret can take in a text: raw, URL, JSON, hex, and base64 at each of the three alignments. */
export function encodings(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('hex')
  ])
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]).toString('base64')
    // Drop the characters that mix in the padding bytes or the text around the secret.
    const start = Math.ceil((shift * 4) / 3) + 1
    const core = encoded.replace(/=+$/, '').slice(start, -2)
    if (core.length >= 8) forms.add(core)
  }
  return [...forms].filter(form => form.length >= 6)
}

function leaks(places: Record<string, string>, secret: string): string[] {
  const found: string[] = []
  const forms = encodings(secret)
  // Pieces: a leak of the first characters of a secret (a parse error's excerpt) is a leak too.
  const pieces =
    secret.length > 12 ? Array.from({ length: secret.length - 9 }, (_, i) => secret.slice(i, i + 10)) : []
  for (const [place, text] of Object.entries(places)) {
    const folded = text.replace(/\s+|%0A|%0D|\\n|\\r/g, '')
    for (const form of forms) {
      if (text.includes(form))
        found.push(`${place} holds ${JSON.stringify(secret)} as ${JSON.stringify(form)}`)
      else if (folded.includes(form))
        found.push(`${place} holds ${JSON.stringify(secret)} folded across lines`)
    }
    for (const piece of pieces) {
      if (folded.includes(piece) && !found.length)
        found.push(`${place} holds a piece of ${JSON.stringify(secret)}: ${JSON.stringify(piece)}`)
    }
  }
  return found
}

const UNCLEAR =
  /internal error|\b(?:TypeError|RangeError|ReferenceError|SyntaxError|URIError)\b|Cannot read propert|is not a function|of undefined|Maximum call stack|heap out of memory|\[object Object\]/i
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/).*:\d+:\d+\)?$/m

function systemPath(file: string): boolean {
  return /^\/(?:etc|usr|lib|lib64|proc|sys|dev\/(?:null|urandom|random|tty|pts)|run\/systemd)(?:\/|$)/.test(
    file
  )
}

function checkReads(
  scratch: Scratch,
  run: ActionRun,
  testCase: AdversarialCase,
  traces: { reads: string[] }[]
): string[] {
  const problems: string[] = []
  const allowed = [
    scratch.workspace,
    path.join(scratch.base, 'event-raw.json'),
    path.dirname(run.runnerTemp),
    REPO_ROOT,
    path.dirname(NODE24_PATH),
    os.homedir() + '/.cache'
  ]
  for (const read of new Set(traces.flatMap(trace => trace.reads))) {
    let real = read
    try {
      real = realpathSync(read)
    } catch {
      // a path that does not exist was not read
      continue
    }
    const inside = (dir: string) => real === dir || real.startsWith(`${dir}${path.sep}`)
    if (inside(scratch.outside)) {
      if (!testCase.readsOutside)
        problems.push(`read outside the workspace: ${path.relative(scratch.base, real)}`)
    } else if (!systemPath(real) && !allowed.some(inside)) {
      problems.push(`read outside the workspace: ${real}`)
    }
  }
  return problems
}

export async function runCase(gate: GateName, testCase: AdversarialCase, peers: Peers): Promise<CaseResult> {
  const scratch = makeScratch()
  const problems: string[] = []
  const deadline = testCase.deadlineMs ?? DEFAULT_DEADLINE_MS
  let started: number
  let rssMb: number | undefined
  try {
    writeFiles(scratch.workspace, testCase.files ?? {}, peers, scratch)
    if (testCase.git) {
      git(scratch.workspace, 'init', '-q', '-b', 'main')
      git(scratch.workspace, 'add', '-A')
      git(scratch.workspace, 'commit', '-qm', 'base', '--allow-empty')
    }
    writeFiles(scratch.workspace, testCase.afterCommit ?? {}, peers, scratch)
    const inputFiles = new Set([
      ...Object.keys(testCase.files ?? {}),
      ...Object.keys(testCase.afterCommit ?? {})
    ])
    const inputs: Record<string, string> = {
      gate,
      sarif: '.adversarial/report.sarif',
      junit: '.adversarial/report.xml'
    }
    for (const [name, value] of Object.entries(testCase.inputs)) inputs[name] = fill(value, peers, scratch)
    const env: Record<string, string> = {
      NODE_OPTIONS: `--import=${PRELOAD} --max-old-space-size=768`,
      ADVERSARIAL_TRACE_DIR: scratch.trace
    }
    for (const [name, value] of Object.entries(testCase.env ?? {})) env[name] = fill(value, peers, scratch)
    if (testCase.event?.raw !== undefined) {
      // The runner's own event file is JSON of a value; raw text (malformed JSON) goes in a file of ours.
      const raw = path.join(scratch.base, 'event-raw.json')
      writeFileSync(raw, testCase.event.raw)
      env.GITHUB_EVENT_PATH = raw
      env.GITHUB_EVENT_NAME = testCase.event.name
    }
    let run: ActionRun
    // The deadline is the gate's: the time to write the case's files does not count.
    started = Date.now()
    try {
      run = await runAction({
        inputs,
        cwd: scratch.workspace,
        env,
        node: NODE24_PATH,
        timeoutMs: deadline + 10_000,
        ...(testCase.apiUrl ? { apiUrl: fill(testCase.apiUrl, peers, scratch) } : {}),
        ...(testCase.event && testCase.event.raw === undefined
          ? {
              event: {
                name: testCase.event.name,
                payload: (testCase.event.payload === undefined ? {} : testCase.event.payload) as object
              }
            }
          : {})
      })
    } catch (error) {
      problems.push(`hang: ${(error as Error).message.split('\n')[0]}`)
      return { id: testCase.id, gate, class: testCase.class, problems, ms: Date.now() - started, rssMb }
    }
    const ms = Date.now() - started
    if (ms > deadline) problems.push(`took ${ms} ms, past the ${deadline} ms deadline`)

    const errorLines = run.annotations.filter(a => a.level === 'error').map(a => a.message)
    if (testCase.expect === 'fail') {
      if (run.code === 0) problems.push(`exit code 0, expected a failure (stdout: ${run.stdout.slice(-300)})`)
      if (errorLines.length === 0) problems.push(`no error annotation (stdout: ${run.stdout.slice(-300)})`)
      const last = errorLines.at(-1) ?? ''
      if (last.includes('\n'))
        problems.push(`the failure is not one line: ${JSON.stringify(last.slice(0, 300))}`)
      if (last.length > 600) problems.push(`the failure line is ${last.length} characters long`)
      for (const line of errorLines)
        if (UNCLEAR.test(line)) problems.push(`unclear error: ${line.slice(0, 300)}`)
      // Annotations are capped per run, so the step summary (every finding) counts too.
      if (testCase.message && ![...errorLines, run.summary].some(text => testCase.message!.test(text))) {
        problems.push(
          `no error matches ${testCase.message}: ${JSON.stringify(errorLines.map(l => l.slice(0, 300)))}`
        )
      }
    } else {
      if (run.code !== 0)
        problems.push(
          `exit code ${run.code}, expected a pass: ${JSON.stringify(errorLines.map(l => l.slice(0, 300)))}`
        )
      if (testCase.message && !testCase.message.test(run.stdout))
        problems.push(`stdout does not match ${testCase.message}`)
    }
    // Every annotation, not only the failure line: a finding that quotes a 100 KB input is as unreadable.
    for (const annotation of run.annotations) {
      if (annotation.message.length > 4000) {
        problems.push(`a ${annotation.level} annotation is ${annotation.message.length} characters long`)
        break
      }
    }
    const visible = run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::debug::'))
      .join('\n')
    for (const [place, text] of [['stdout', visible] as const, ['stderr', run.stderr] as const]) {
      const frame = STACK_FRAME.exec(text)
      if (frame) problems.push(`stack trace in ${place}: ${frame[0].trim()}`)
      if (/FATAL ERROR|Segmentation fault|core dumped/.test(text)) problems.push(`crash in ${place}`)
    }

    const traces = readdirSync(scratch.trace).map(
      file =>
        JSON.parse(readFileSync(path.join(scratch.trace, file), 'utf8')) as {
          maxRssKb: number
          reads: string[]
        }
    )
    if (traces.length === 0) problems.push('no trace written: the process did not exit normally')
    else {
      rssMb = Math.round(Math.max(...traces.map(trace => trace.maxRssKb)) / 1024)
      if (rssMb > MAX_RSS_MB) problems.push(`peak memory ${rssMb} MB, above ${MAX_RSS_MB} MB`)
    }
    problems.push(...checkReads(scratch, run, testCase, traces))

    const places = channels(run, inputFiles)
    const secrets = [...(testCase.secrets ?? []), ...(testCase.readsOutside ? [] : [scratch.canary])]
    for (const secret of secrets) problems.push(...leaks(places, fill(secret, peers, scratch)).slice(0, 3))
    for (const file of testCase.mustNotExist ?? []) {
      if (existsSync(path.resolve(scratch.workspace, file))) problems.push(`${file} was written`)
    }
    if (testCase.proxied !== undefined && peers.proxied(path.basename(scratch.base)) !== testCase.proxied)
      problems.push(
        testCase.proxied
          ? 'the request did not go through HTTP_PROXY'
          : 'the request went through the proxy despite NO_PROXY'
      )
    if (peers.redirectFollowed(path.basename(scratch.base)))
      problems.push('a redirect was followed to a host the user did not name')
    return {
      id: testCase.id,
      gate,
      class: testCase.class,
      problems,
      ms,
      rssMb,
      failure: errorLines.at(-2) ?? errorLines.at(-1)
    }
  } finally {
    rmSync(scratch.base, { recursive: true, force: true })
  }
}

/** A stable name per suite (a file may hold several suites of one gate). */
function suiteName(cases: AdversarialCase[]): string {
  let hash = 0
  for (const char of cases.map(testCase => testCase.id).join('\n'))
    hash = (hash * 31 + char.charCodeAt(0)) | 0
  return (hash >>> 0).toString(36)
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!)
    })
  )
}

/** Cases running at once per test file (jest runs two files at once on CI's 2 cores). */
const CONCURRENCY = Number(process.env.ADVERSARIAL_CONCURRENCY ?? 3)

/** Registers one test per case; all cases run first, in a bounded pool. Prints the count per class. */
export function adversarialSuite(
  gate: GateName,
  allCases: AdversarialCase[],
  /** Cases that mostly wait (on timeouts, retries) can run more at once than the default. */
  options: { concurrency?: number } = {}
): void {
  // ADVERSARIAL_ONLY=<text>: only the cases whose id contains it (while working on a class).
  const only = process.env.ADVERSARIAL_ONLY
  const cases = only ? allCases.filter(testCase => testCase.id.includes(only)) : allCases
  const ids = new Set<string>()
  for (const testCase of cases) {
    if (ids.has(testCase.id)) throw new Error(`duplicate adversarial case id ${gate}/${testCase.id}`)
    ids.add(testCase.id)
  }
  const results = new Map<string, CaseResult>()
  let peers: Peers
  describe(`adversarial: ${gate}`, () => {
    beforeAll(async () => {
      ensureBuilt()
      peers = await startPeers()
      await pool(cases, options.concurrency ?? CONCURRENCY, async testCase => {
        results.set(testCase.id, await runCase(gate, testCase, peers))
      })
    }, 175_000)

    afterAll(async () => {
      await peers?.close()
      const perClass = new Map<string, number>()
      for (const testCase of cases) perClass.set(testCase.class, (perClass.get(testCase.class) ?? 0) + 1)
      const failed = [...results.values()].filter(result => result.problems.length > 0).length
      const peak = Math.max(0, ...[...results.values()].map(result => result.rssMb ?? 0))
      const slowest = Math.max(0, ...[...results.values()].map(result => result.ms))
      const line = `adversarial ${gate}: ${cases.length} cases (${[...perClass].map(([name, count]) => `${name} ${count}`).join(', ')}); ${failed} failing; peak RSS ${peak} MB; slowest ${slowest} ms\n`
      process.stdout.write(line)
      for (const result of results.values()) {
        if (result.ms > 5000 || (result.rssMb ?? 0) > 250)
          process.stdout.write(`  slow or large: ${result.id} ${result.ms} ms, ${result.rssMb} MB\n`)
        if (process.env.ADVERSARIAL_VERBOSE)
          process.stdout.write(
            `  ${result.id}: ${(result.failure ?? '(passed)').split('\n')[0]!.slice(0, 200)}\n`
          )
        if (result.problems.length > 0)
          process.stdout.write(`  failing: ${result.id}: ${result.problems.join('; ').slice(0, 400)}\n`)
      }
      const dir = path.join(os.tmpdir(), 'deploy-gates-adversarial-counts')
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        path.join(dir, `${gate}-${suiteName(cases)}.json`),
        JSON.stringify({
          gate,
          perClass: Object.fromEntries(perClass),
          total: cases.length,
          failed,
          peak,
          slowest
        })
      )
    })

    it.each(cases.map(testCase => [testCase.id, testCase] as const))('%s', id => {
      const result = results.get(id)
      expect(result ? result.problems : ['did not run']).toEqual([])
    })
  })
}
