/**
 * `deploy-gates <gate> --<input> value`: the same gate code and option names as the action, a human-readable
 * report (or `--json`), exit 0 passed / 1 failed or error / 2 usage error.
 */
import { InputError } from '../errors.js'
import { loadGateModules } from '../gates/registry.js'
import { mapInputSource } from '../inputs.js'
import { runGate } from '../pipeline.js'
import { formatConsoleReport, shouldUseColor } from '../report/console.js'
import { failureMessage, failureStack } from '../report/failure.js'
import { buildJsonReport } from '../report/json-report.js'
import { TOOL_VERSION } from '../report/version.js'
import { GATE_NAMES } from '../types.js'
import { parseCliArgs, UsageError } from './args.js'
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
    const { result, status, counts, common, redact } = await runGate({
      source: mapInputSource(command.values),
      cwd: streams.cwd,
      presetGate: command.gate,
      load: loadGateModules,
      env,
      log: {
        info: message => stderr.write(`${message}\n`),
        warning: message => stderr.write(`warning: ${message}\n`),
        debug: message => (debug ? stderr.write(`debug: ${message}\n`) : undefined)
      },
      fallbackToken: env.GITHUB_TOKEN ?? '',
      // No runner masker here: every text printed below goes through the run's redactor.
      mask: () => {}
      // Only the files asked for: a local run does not litter the temp directory (no defaultReportPath).
    })
    if (command.json)
      stdout.write(
        redact(JSON.stringify(redact.deep(buildJsonReport(result, common.failOn)), null, 2)) + '\n'
      )
    else {
      const color = shouldUseColor(stdout, env)
      stdout.write(redact(formatConsoleReport({ result, status, counts, failOn: common.failOn }, color)))
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
