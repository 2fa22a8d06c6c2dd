/**
 * The one pipeline both entry points run: inputs → gate → rules policy → redacted result → verdict → files.
 * The action (src/main.ts) and the CLI (src/cli/run.ts) are adapters: each builds a host (where inputs come
 * from, how to log and mask), calls runGate, and shows the run its own way (summary, annotations and PR
 * comment; or the terminal report).
 */
import type { LoadGateModules } from './gates/modules.js'
import { commonInputs } from './inputs/common.js'
import { parseCommonInputs, parseGateName, withDeclaredDefaults } from './inputs.js'
import { configureFileAccess, fileAccessFromInputs } from './kernel/files.js'
import { rememberSecret } from './kernel/known-secrets.js'
import { writeReportFiles, type WrittenFiles } from './report/files.js'
import { repositoryPath } from './report/paths.js'
import { createRedactor, redactResult, type Redactor } from './report/redact.js'
import { computeStatus, countFindings, type Counts, type Status } from './report/status.js'
import { logRule } from './rules/catalog.js'
import { POLICY_INPUTS } from './rules/policy-inputs.js'
import { createRuntimeIO } from './runtime.js'
import type { CommonInputs, GateIO, GateName, GateResult, InputSource, Logger } from './types.js'

export interface PipelineHost {
  /** The inputs as the user gave them (INPUT_* in the action, --flags in the CLI). */
  source: InputSource
  cwd: string
  /** Set by the per-gate actions (actions/<gate>): there the gate is not an input. */
  presetGate?: GateName
  /** Where the gate's code, declared inputs and rule catalog come from (src/gates/modules.ts). */
  load: LoadGateModules
  env: Record<string, string | undefined>
  log: Logger
  /** The token when the `github-token` input is empty (the CLI reads GITHUB_TOKEN). */
  fallbackToken?: string
  /** Registers a value with the runner's masker (core.setSecret); the CLI has none. */
  mask(secret: string): void
  /** Where the JSON report goes when the `report` input is empty; undefined: no report file. */
  defaultReportPath?(gate: GateName): string
  /** SARIF's location for findings tied to no file (the workflow file, in the action). */
  fallbackFile?: string
  /** Replaces parts of the runtime I/O (tests: an HTTP client with fixed timings for golden files). */
  io?: Partial<Pick<GateIO, 'http' | 'now' | 'sleep'>>
}

export interface GateRun {
  /** The gate's result with the rules policy applied and every secret redacted. */
  result: GateResult
  redact: Redactor
  common: CommonInputs
  counts: Counts
  status: Status
  files: WrittenFiles
  io: GateIO
  /** A finding's file as a repository path (annotations, SARIF). */
  locate(file: string): string
}

export async function runGate(host: PipelineHost): Promise<GateRun> {
  const name = host.presetGate ?? parseGateName(host.source)
  const { gate, inputs: declared, catalog } = await host.load(name)
  const source = withDeclaredDefaults(host.source, [...commonInputs, ...declared])
  const common = parseCommonInputs(source, host.cwd, name)
  configureFileAccess(fileAccessFromInputs(source, host.cwd, host.env))
  const token = common.githubToken || host.fallbackToken || ''
  if (token) host.mask(token)
  rememberSecret(token)
  const io: GateIO = { ...createRuntimeIO(common.workingDirectory, token, host.log), ...host.io }

  // The policy module loads only when a policy input is given: most runs keep every rule at its default.
  const policy = POLICY_INPUTS.some(input => source.get(input) !== undefined)
    ? await import('./rules/policy.js').then(async module => ({
        apply: module.applyPolicy,
        rules: await module.readPolicy(source, name, catalog, common.workingDirectory)
      }))
    : undefined
  const config = await gate.parseInputs(source, common, io)
  const outcome = await gate.run(config, io)
  for (const finding of outcome.findings) logRule(name, finding.rule, 'result')
  const result = policy ? policy.apply(outcome, policy.rules) : outcome

  const redact = createRedactor(result.secrets)
  for (const secret of redact.maskable) host.mask(secret)
  const safe = redactResult(result, redact)
  const counts = countFindings(safe.findings)
  const status = computeStatus(counts, common.failOn)
  const locate = (file: string) => repositoryPath(file, common.workingDirectory, host.env.GITHUB_WORKSPACE)
  const files = await writeReportFiles(safe, common, redact, {
    locate,
    catalog,
    ...(host.fallbackFile ? { fallbackFile: host.fallbackFile } : {}),
    ...(host.defaultReportPath ? { defaultReportPath: host.defaultReportPath(name) } : {})
  })
  return { result: safe, redact, common, counts, status, files, io, locate }
}
