/**
 * The `run:` scripts of the workflows, as the runner runs them: bash with `-eo pipefail`, the step's `env:`, the
 * `GITHUB_*` files. Workflow-level `DEPLOY_GATES_*` scripts that a step `eval`s are expanded in place.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseWorkflow, readWorkflowText, type Step, type Workflow } from './workflow-files.js'

/** `eval "$DEPLOY_GATES_X"` replaced by the script X of the same workflow, recursively. */
export function expandScript(script: string, workflow: Workflow): string {
  return script.replace(/eval "\$(DEPLOY_GATES_[A-Z0-9_]+)"/g, (whole, name: string) => {
    const body = workflow.env?.[name]
    if (body === undefined) throw new Error(`${whole}: the workflow has no env ${name}`)
    return expandScript(String(body), workflow)
  })
}

export interface ScriptStep {
  file: string
  where: string
  step: Step
  /** The script with every eval'd workflow script expanded. */
  script: string
}

/** Every `run:` of a workflow file, expanded. */
export function runScripts(file: string): ScriptStep[] {
  const workflow = parseWorkflow(readWorkflowText(file))
  return Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? []).flatMap((step, index) =>
      typeof step.run === 'string'
        ? [{ file, where: `jobs.${id}.steps[${index}]`, step, script: expandScript(step.run, workflow) }]
        : []
    )
  )
}

/** A workflow-level script by name, expanded. */
export function workflowScript(file: string, name: string): string {
  const workflow = parseWorkflow(readWorkflowText(file))
  return expandScript(`eval "$${name}"`, workflow)
}

export interface ScriptRun {
  code: number
  stdout: string
  stderr: string
  /** `GITHUB_OUTPUT` as key → value. */
  outputs: Record<string, string>
  summary: string
  githubEnv: string
}

/** Runs `script` as a step: `bash --noprofile --norc -eo pipefail`, with RUNNER_TEMP and the GITHUB_* files. */
export function runStep(
  script: string,
  env: Record<string, string>,
  options: { cwd?: string; path?: string; timeoutMs?: number } = {}
): Promise<ScriptRun> {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-gates-step-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), env: join(dir, 'env') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const scriptFile = join(dir, 'step.sh')
  writeFileSync(scriptFile, script)
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
      cwd: options.cwd ?? dir,
      env: {
        PATH: options.path ?? process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        RUNNER_TEMP: join(dir, 'temp'),
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_ENV: files.env,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_RUN_ID: '7',
        GITHUB_SHA: 'c0ffee',
        ...env
      }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({
        code: code ?? 1,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        githubEnv: readFileSync(files.env, 'utf8')
      })
    })
  })
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const at = line.indexOf('=')
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1)
  }
  return outputs
}

export interface FakeApi {
  url: string
  requests: string[]
  close(): Promise<void>
}

/** A GitHub REST API stand-in on loopback: `routes` maps `GET /path?query` (as requested) to a JSON body. */
export async function fakeGitHubApi(routes: Record<string, unknown>): Promise<FakeApi> {
  const requests: string[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const key = `${request.method} ${request.url}`
    requests.push(key)
    if (request.headers.authorization !== 'Bearer test-token') {
      response.writeHead(401).end('{"message":"Bad credentials"}')
      return
    }
    if (!(key in routes)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(routes[key]))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
}
