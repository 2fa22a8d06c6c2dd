/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` with INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, an event payload, and stdout parsed for workflow commands.
 * Runner-protocol tests use this instead of importing src/, so they test what users actually run.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const ACTION_ENTRY = path.join(REPO_ROOT, 'dist', 'index.js')
export const CLI_ENTRY = path.join(REPO_ROOT, 'dist', 'cli.js')

const NODE24_PACKAGE = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`
export const NODE24_PATH = path.join(
  REPO_ROOT,
  '.cache',
  'node24',
  'node_modules',
  NODE24_PACKAGE,
  'bin',
  process.platform === 'win32' ? 'node.exe' : 'node'
)

function nodeBinaries(): { label: string; path: string }[] {
  if (!existsSync(NODE24_PATH)) {
    // Fail loudly: silently running on one Node would hide a Node 24 regression.
    throw new Error(
      `Node 24 is not installed at ${NODE24_PATH}. Run 'node scripts/ensure-node24.mjs' (npm test does it first).`
    )
  }
  const current = { label: `node ${process.version}`, path: process.execPath }
  // When the tests already run on Node 24, running everything twice on the same major buys nothing.
  if (process.versions.node.split('.')[0] === '24') return [current]
  return [current, { label: 'node 24', path: NODE24_PATH }]
}

/** The current Node and Node 24 (the runner's `node24`), for `describe.each`. */
export const NODE_BINARIES: { label: string; path: string }[] = nodeBinaries()

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  file?: string
  line?: number
  col?: number
  endLine?: number
  endColumn?: number
  title?: string
  message: string
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** RUNNER_TEMP of this run (where the default JSON report goes). */
  runnerTemp: string
  /** GITHUB_WORKSPACE of this run. */
  workspace: string
}

export interface RunActionOptions {
  /** e.g. `{ gate: 'env', 'env-files': '.env.staging' }` → INPUT_GATE, INPUT_ENV-FILES */
  inputs: Record<string, string>
  /** The job's working directory (GITHUB_WORKSPACE). Default: a fresh empty directory. */
  cwd?: string
  /** Extra environment. */
  env?: Record<string, string>
  /** Written to GITHUB_EVENT_PATH / GITHUB_EVENT_NAME. Default: a `push` event with an empty payload. */
  event?: { name: string; payload: object }
  /** GITHUB_API_URL (a loopback stand-in). */
  apiUrl?: string
  /** Node binary path (default: the current one). */
  node?: string
  timeoutMs?: number
  /** GITHUB_REPOSITORY (default `octo-org/octo-repo`). */
  repository?: string
  /** The action to run, as a directory holding its action.yml (`actions/env`): its defaults and `runs.main`. Default: the root action. */
  action?: string
}

let defaults: Record<string, string> | undefined

/**
 * action.yml's input defaults, as the runner applies them. `${{ … }}` expressions (the job token) are left
 * out: a test that wants a token passes `github-token` itself.
 */
export function actionDefaults(actionDir?: string): Record<string, string> {
  if (defaults && !actionDir) return defaults
  const action = load(readFileSync(path.join(actionDir ?? REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const found: Record<string, string> = {}
  if (!actionDir) defaults = found
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const value = spec.default === undefined || spec.default === null ? '' : String(spec.default)
    if (!value.includes('${{')) found[name] = value
  }
  return found
}

/** The file the runner starts for an action: its `runs.main`, relative to the action's directory. */
export function actionEntry(actionDir?: string): string {
  if (!actionDir) return ACTION_ENTRY
  const action = load(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as { runs: { main: string } }
  return path.resolve(actionDir, action.runs.main)
}

/** The environment variable @actions/core reads for an input: spaces become `_`, upper case, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Only what a process needs to start; the test's own INPUT_* / GITHUB_* must not leak into the action. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {}
  // DEPLOY_GATES_RULE_LOG: the rule-coverage log (scripts/jest-rule-coverage.js), so runs of dist/ count too.
  for (const name of [
    'PATH',
    'HOME',
    'TMPDIR',
    'TEMP',
    'TMP',
    'LANG',
    'TZ',
    'SYSTEMROOT',
    'USERPROFILE',
    'DEPLOY_GATES_RULE_LOG'
  ]) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-run-'))
  const workspace = options.cwd ?? path.join(scratch, 'workspace')
  const runnerTemp = path.join(scratch, 'runner-temp')
  mkdirSync(workspace, { recursive: true })
  mkdirSync(runnerTemp, { recursive: true })
  const files = {
    output: path.join(scratch, 'github_output'),
    summary: path.join(scratch, 'step_summary'),
    env: path.join(scratch, 'github_env'),
    path: path.join(scratch, 'github_path'),
    state: path.join(scratch, 'github_state'),
    event: path.join(scratch, 'event.json')
  }
  for (const file of [files.output, files.summary, files.env, files.path, files.state])
    writeFileSync(file, '')
  const event = options.event ?? { name: 'push', payload: {} }
  writeFileSync(files.event, JSON.stringify(event.payload))

  const env: Record<string, string> = {
    ...baseEnvironment(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/octo-repo',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'gates',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...options.env
  }
  // The runner passes every declared input, with its default when the workflow does not set it.
  const actionDir = options.action && path.resolve(REPO_ROOT, options.action)
  for (const [name, value] of Object.entries(actionDefaults(actionDir))) env[inputVariable(name)] = value
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value

  const { code, stdout, stderr } = await runNodeProcess('action', options.node, [actionEntry(actionDir)], {
    cwd: workspace,
    env,
    timeoutMs: options.timeoutMs
  })

  const run: ActionRun = {
    code,
    stdout,
    stderr,
    outputs: parseOutputsFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    runnerTemp,
    workspace
  }
  // The scratch directory stays: tests read RUNNER_TEMP (the JSON report) after the run.
  return run
}

/**
 * Parses the GITHUB_OUTPUT / GITHUB_ENV file format: `name<<delimiter\nvalue\ndelimiter` blocks
 * (what @actions/core writes) and plain `name=value` lines.
 */
export function parseOutputsFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      let j = i + 1
      while (j < lines.length && lines[j] !== delimiter) value.push(lines[j++]!)
      if (j >= lines.length) throw new Error(`output '${name}': missing closing delimiter ${delimiter}`)
      outputs[name!] = value.join('\n')
      i = j
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`malformed output line: ${line}`)
    outputs[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return outputs
}

function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

/** Parses `::error file=…,line=…,col=…,title=…::message` workflow commands (runner escaping undone). */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const [, level, properties, message] = match
    const annotation: Annotation = { level: level as Annotation['level'], message: unescapeData(message!) }
    for (const property of properties ? properties.split(',') : []) {
      const eq = property.indexOf('=')
      if (eq <= 0) continue
      const key = property.slice(0, eq).trim()
      const value = unescapeProperty(property.slice(eq + 1))
      if (key === 'file' || key === 'title') annotation[key] = value
      else if (key === 'line' || key === 'col' || key === 'endLine' || key === 'endColumn')
        annotation[key] = Number(value)
    }
    annotations.push(annotation)
  }
  return annotations
}

/** Spawns the bundled CLI (`dist/cli.js`) as a user's shell would. */
export async function runCliProcess(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; node?: string; timeoutMs?: number } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runNodeProcess('CLI', options.node, [CLI_ENTRY, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...baseEnvironment(), ...options.env },
    timeoutMs: options.timeoutMs
  })
}

/** Runs a Node script to completion, collecting its output; a run past the timeout is killed and rejected. */
function runNodeProcess(
  label: string,
  node: string | undefined,
  args: string[],
  { cwd, env, timeoutMs = 30_000 }: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node ?? process.execPath, args, { cwd, env })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${label} did not finish within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`))
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      resolve({ code: exitCode ?? (signal ? 128 : 1), stdout: out, stderr: err })
    })
  })
}

function newestMtime(target: string): number {
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

/**
 * Builds dist/ when it is missing or older than src/, action.yml or the build script. Serialised with a
 * lock directory so parallel jest workers (and other test runs) never build over each other.
 */
export function ensureBuilt(): void {
  const lock = path.join(os.tmpdir(), 'deploy-gates-build.lockdir')
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock left by a killed process is stale after two minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true })
      } catch {
        // gone already
      }
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
  try {
    const sources = Math.max(
      newestMtime(path.join(REPO_ROOT, 'src')),
      newestMtime(path.join(REPO_ROOT, 'action.yml')),
      newestMtime(path.join(REPO_ROOT, 'scripts', 'build.mjs'))
    )
    const built = Math.min(
      ...[ACTION_ENTRY, CLI_ENTRY].map(file => (existsSync(file) ? statSync(file).mtimeMs : 0))
    )
    if (built >= sources) return
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}
