/**
 * `deploy-gates <gate> --<input> value`: the same gate code and option names as the action, a human-readable
 * report (or `--json`), exit 0 passed / 1 failed or error / 2 usage error.
 */
import { InputError } from '../errors.js'
import { loadGate } from '../gates/registry.js'
import { mapInputSource, parseCommonInputs } from '../inputs.js'
import { configureFileAccess, fileAccessFromInputs } from '../kernel/files.js'
import { redactResult } from '../report/action.js'
import { formatConsoleReport, shouldUseColor } from '../report/console.js'
import { failureMessage, failureStack } from '../report/failure.js'
import { writeReportFiles } from '../report/files.js'
import { buildJsonReport } from '../report/json-report.js'
import { repositoryPath } from '../report/paths.js'
import { createRedactor } from '../report/redact.js'
import { computeStatus, countFindings } from '../report/status.js'
import { TOOL_VERSION } from '../report/version.js'
import { GATE_NAMES } from '../types.js'
import { createRuntimeIO } from '../runtime.js'
import { parseCliArgs, UsageError, withDefaults } from './args.js'
import { renderHelp } from './help.js'

export interface CliStreams {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  env: Record<string, string | undefined>
  cwd: string
}

const defaultStreams = (): CliStreams => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
})

export async function runCli(argv: string[], streams: CliStreams = defaultStreams()): Promise<number> {
  const { stdout, stderr, env } = streams
  const debug = env.RUNNER_DEBUG === '1' || Boolean(env.DEPLOY_GATES_DEBUG)
  // For the "--help" hint on a usage error: the gate, when the first word names one.
  const gateForHint = GATE_NAMES.find(name => name === argv[0]) ?? ''
  try {
    const command = parseCliArgs(argv)
    if (command.kind === 'help') {
      stdout.write(renderHelp(command.gate))
      return 0
    }
    if (command.kind === 'version') {
      stdout.write(`deploy-gates ${TOOL_VERSION}\n`)
      return 0
    }
    const source = mapInputSource(withDefaults(command.values, command.gate))
    const common = parseCommonInputs(source, streams.cwd)
    configureFileAccess(fileAccessFromInputs(source))
    const io = createRuntimeIO(common.workingDirectory, common.githubToken || env.GITHUB_TOKEN || '', {
      info: message => stderr.write(`${message}\n`),
      warning: message => stderr.write(`warning: ${message}\n`),
      debug: message => (debug ? stderr.write(`debug: ${message}\n`) : undefined)
    })
    const gate = await loadGate(common.gate)
    const config = await gate.parseInputs(source, common, io)
    const result = await gate.run(config, io)

    const redact = createRedactor(result.secrets)
    const safe = redactResult(result, redact)
    const counts = countFindings(safe.findings)
    const status = computeStatus(counts, common.failOn)
    // Only the files asked for: a local run does not litter the temp directory.
    await writeReportFiles(safe, common, redact, {
      locate: file => repositoryPath(file, common.workingDirectory, env.GITHUB_WORKSPACE)
    })
    if (command.json)
      stdout.write(redact(JSON.stringify(redact.deep(buildJsonReport(safe, common.failOn)), null, 2)) + '\n')
    else {
      const color = shouldUseColor(stdout, env)
      stdout.write(
        redact(formatConsoleReport({ result: safe, status, counts, failOn: common.failOn }, color))
      )
    }
    return status === 'failed' ? 1 : 0
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof InputError
    stderr.write(`deploy-gates: ${failureMessage(error)}\n`)
    if (usage)
      stderr.write(`run 'deploy-gates ${gateForHint ? `${gateForHint} ` : ''}--help' for the options\n`)
    const stack = failureStack(error)
    if (stack && debug) stderr.write(`${stack}\n`)
    return usage ? 2 : 1
  }
}
