/**
 * Loopback misbehaving peers for the QA suite: a port nobody listens on, a server that accepts and never
 * answers, one that resets, and HTTP servers answering whatever a test wants. All on 127.0.0.1, port 0.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type Server, type Socket } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { REPO_ROOT, type ActionRun } from '../helpers/runner.js'

export interface Peer {
  url: string
  port: number
  close(): Promise<void>
}

function listen(server: Server, sockets: Set<Socket>, scheme: string): Promise<Peer> {
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>(done => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
      })
    })
  )
}

/** Accepts connections and never says a word. */
export function startSilentPeer(): Promise<Peer> {
  return listen(
    createNetServer(() => undefined),
    new Set(),
    'http'
  )
}

/** Resets every connection as soon as the client sends something. */
export function startResettingPeer(): Promise<Peer> {
  return listen(
    createNetServer(socket => socket.on('data', () => socket.resetAndDestroy())),
    new Set(),
    'http'
  )
}

export function startHttpPeer(
  handle: (request: IncomingMessage, response: ServerResponse) => void
): Promise<Peer> {
  const sockets = new Set<Socket>()
  return listen(createHttpServer(handle) as unknown as Server, sockets, 'http')
}

/** A loopback port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const peer = await startSilentPeer()
  await peer.close()
  return peer.port
}

/** An empty scratch workspace (gates may write reports into it). */
export function emptyWorkspace(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-qa-'))
}

/** A scratch copy of a fixture directory. */
export function workspaceFrom(fixture: string): string {
  const dir = emptyWorkspace()
  cpSync(path.join(REPO_ROOT, '__fixtures__', fixture), dir, { recursive: true })
  return dir
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [file]
  })
}

/**
 * Every place a run writes text a user can see: stdout and stderr (the log, minus the `::add-mask::`
 * lines that register secrets with the runner), outputs, the step summary, and every file left in the
 * workspace or RUNNER_TEMP (JSON report, SARIF, JUnit) except the test's own input files (workspace-relative).
 * Keyed by where it was found, for a precise failure.
 */
export function everythingWritten(run: ActionRun, inputFiles: string[] = []): Record<string, string> {
  const places: Record<string, string> = {
    stdout: run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary
  }
  for (const file of [...filesUnder(run.runnerTemp), ...filesUnder(run.workspace)]) {
    if (!inputFiles.includes(path.relative(run.workspace, file))) places[file] = readFileSync(file, 'utf8')
  }
  return places
}

/** The places (see everythingWritten) that contain `canary`; a test expects `[]`. */
export function placesLeaking(run: ActionRun, canary: string, inputFiles: string[] = []): string[] {
  return Object.entries(everythingWritten(run, inputFiles))
    .filter(([, text]) => text.includes(canary))
    .map(([place, text]) => {
      const at = text.indexOf(canary)
      return `${place}: …${text.slice(Math.max(0, at - 60), at + canary.length + 20)}…`
    })
}

/** The first line of each `::error::` annotation (the one-line failure message, without its help), in order. */
export function errorLines(run: ActionRun): string[] {
  return run.annotations.filter(a => a.level === 'error').map(a => a.message.split('\n')[0]!)
}

/** Makes `dir` a git repository with one commit, so a pull request's base (`HEAD`) can be read. */
export function commitAll(dir: string): string {
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=qa', '-c', 'user.email=qa@example.invalid', ...args], {
      cwd: dir,
      encoding: 'utf8'
    })
  git('init', '-q')
  git('add', '-A')
  git('commit', '-qm', 'base', '--allow-empty')
  return dir
}
