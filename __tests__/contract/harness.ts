/** Shared set-up for the contract gate's tests: temp workspaces, running the gate in-process, loopback services. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { contractGate } from '../../src/gates/contract/index.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import type { GateIO, GateResult, GitHubContext } from '../../src/types.js'
import { testGateIO } from '../helpers/gate-io.js'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const FIXTURES = path.join(REPO_ROOT, '__fixtures__', 'contract')
/** Real public OpenAPI documents from the `@readme/oas-examples` dev dependency (read in place, never copied). */
export const OAS_EXAMPLES = path.join(REPO_ROOT, 'node_modules', '@readme', 'oas-examples')

/** A fresh directory holding `files` (path → text). */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-gate-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}

const unpacked = new Map<string, string>()
let unpackDir: string | undefined

/** A gzipped real-world fixture, unpacked once per test file; returns its path. */
export function unpackFixture(name: string): string {
  let file = unpacked.get(name)
  if (!file) {
    unpackDir ??= mkdtempSync(path.join(os.tmpdir(), 'contract-real-'))
    file = path.join(unpackDir, name.replace(/\.gz$/, ''))
    writeFileSync(file, gunzipSync(readFileSync(path.join(FIXTURES, 'real', name))))
    unpacked.set(name, file)
  }
  return file
}

/** A push build of `o/r`, unless `github` says otherwise (a pull request, to default the base spec). */
export function testIO(cwd: string, github: Partial<GitHubContext> = {}): GateIO {
  return testGateIO(cwd, {
    github: {
      apiUrl: 'http://127.0.0.1:9',
      serverUrl: 'https://github.com',
      repository: 'o/r',
      eventName: 'push',
      runId: '1',
      ...github
    }
  })
}

/** Runs the gate the way the CLI does (inputs → config → result). */
export async function runGate(
  cwd: string,
  inputs: Record<string, string>,
  github: Partial<GitHubContext> = {}
): Promise<GateResult> {
  const source = mapInputSource({ gate: 'contract', ...inputs })
  const io = testIO(cwd, github)
  const config = await contractGate.parseInputs(source, parseCommonInputs(source, cwd), io)
  return contractGate.run(config, io)
}

/** `rule file:line` of each finding, the shape most assertions compare. */
export function located(result: GateResult): string[] {
  return result.findings.map(f => `${f.rule} ${f.file}:${f.line}`)
}

/** The 1-based line of the first line of `text` containing `needle` (after `after`, when given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n')
  const from = after === undefined ? 0 : lines.findIndex(line => line.includes(after))
  const index = lines.findIndex((line, i) => i >= from && line.includes(needle))
  if (index === -1) throw new Error(`'${needle}' not in text`)
  return index + 1
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

/** A real HTTP server on 127.0.0.1 (port 0). */
export async function startServer(handler: Handler): Promise<{
  url: string
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[]
  close(): Promise<void>
}> {
  const requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    try {
      await handler(req, res, body)
    } catch (error) {
      res.writeHead(599).end(String(error))
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
}

/** A git repository in `dir` with everything committed; returns the commit sha. */
export function commitAll(dir: string, message = 'base'): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  if (!git('rev-parse', '--is-inside-work-tree').startsWith('true')) throw new Error('not a repo')
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message)
  return git('rev-parse', 'HEAD')
}

export function gitInit(dir: string): void {
  execFileSync('git', ['init', '-q', '-b', 'main', dir])
}
