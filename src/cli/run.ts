import { errorMessage, UserError } from '../errors.js'
import { loadGate } from '../gates/registry.js'
import { mapInputSource, parseCommonInputs } from '../inputs.js'
import { createRuntimeIO } from '../runtime.js'
import { computeStatus, countFindings } from '../report/status.js'
import { GATE_NAMES } from '../types.js'

const USAGE = `usage: deploy-gates <gate> [--<input> <value>]... [--json]
gates: ${GATE_NAMES.join(', ')}
Options are the action's inputs (see action.yml), e.g.
  deploy-gates env --schema .env.example --env-files .env.staging,.env.production`

/** Splits `--name value`, `--name=value` and bare `--flag` (true). */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = []
  const flags: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1)
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags[arg.slice(2)] = argv[++i]!
    else flags[arg.slice(2)] = 'true'
  }
  return { positional, flags }
}

/** Runs one gate from the command line; returns the exit code (0 passed, 1 failed, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv)
  if (flags.help || positional.length === 0) {
    console.log(USAGE)
    return positional.length === 0 && !flags.help ? 2 : 0
  }
  try {
    const source = mapInputSource({ ...flags, gate: positional[0] })
    const common = parseCommonInputs(source, process.cwd())
    const io = createRuntimeIO(common.workingDirectory, common.githubToken || process.env.GITHUB_TOKEN || '', {
      info: message => console.error(message),
      warning: message => console.error(`warning: ${message}`),
      debug: () => {}
    })
    const gate = await loadGate(common.gate)
    const config = await gate.parseInputs(source, common, io)
    const result = await gate.run(config, io)
    const counts = countFindings(result.findings)
    const status = computeStatus(counts, common.failOn)
    if (flags.json) console.log(JSON.stringify({ status, ...counts, findings: result.findings, outputs: result.outputs }, null, 2))
    else for (const f of result.findings) console.log(`${f.severity} ${f.file ?? ''}:${f.line ?? ''} ${f.rule} ${f.message}`)
    return status === 'failed' ? 1 : 0
  } catch (error) {
    console.error(`deploy-gates: ${error instanceof UserError ? '' : 'internal error: '}${errorMessage(error)}`)
    return 1
  }
}
