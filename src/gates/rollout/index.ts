/**
 * Progressive rollout: for each step, the traffic command gives the new version its share of traffic, then the
 * health gate's analysis watches it for `step-pause`. The first step that fails (its analysis, its command, the
 * deadline, a cancelled job) stops the rollout, and the abort command sends all traffic back to the stable version.
 */
import { formatDuration } from '../../duration.js'
import type { CommandRequest, CommandRun } from '../../kernel/commands.js'
import type { Finding, Gate, GateCheck, GateIO, GateResult } from '../../types.js'
import { runHealth } from '../health/index.js'
import { catalog } from './catalog.js'
import { parseRolloutInputs, type RolloutConfig } from './config.js'
import { rolloutSections, type StepRecord } from './summary.js'

const TITLE = 'Progressive rollout'
/** The abort runs even after the deadline, for at most this long: it is what puts users back on the stable version. */
export const ABORT_TIMEOUT_MS = 5 * 60_000

export const rolloutGate: Gate<RolloutConfig> = {
  name: 'rollout',
  title: TITLE,
  parseInputs: source => parseRolloutInputs(source),
  run: (config, io) =>
    io.cancellable ? io.cancellable(signal => runRollout(config, io, signal)) : runRollout(config, io)
}

interface StopCause {
  kind: 'deadline' | 'cancelled'
  text: string
}

/** What stops a rollout early from outside a step: its deadline, or the job's cancellation. */
function stopOnDeadlineOrCancel(deadlineMs: number, cancel: AbortSignal | undefined) {
  const controller = new AbortController()
  let cause: StopCause | undefined
  const halt = (next: StopCause) => {
    if (controller.signal.aborted) return
    cause = next
    controller.abort(next.text)
  }
  const timer = setTimeout(
    () => halt({ kind: 'deadline', text: `the rollout deadline of ${formatDuration(deadlineMs)} passed` }),
    deadlineMs
  )
  const onCancel = () => halt({ kind: 'cancelled', text: String(cancel?.reason ?? 'the job was cancelled') })
  if (cancel?.aborted) onCancel()
  else cancel?.addEventListener('abort', onCancel, { once: true })
  return {
    signal: controller.signal,
    /** Settles (with undefined) once the rollout is stopped. */
    halted: new Promise<undefined>(resolve =>
      controller.signal.addEventListener('abort', () => resolve(undefined), { once: true })
    ),
    cause: () => cause,
    dispose() {
      clearTimeout(timer)
      cancel?.removeEventListener('abort', onCancel)
    }
  }
}

type Stopper = ReturnType<typeof stopOnDeadlineOrCancel>
type RunCommand = (request: CommandRequest) => Promise<CommandRun>

export async function runRollout(
  config: RolloutConfig,
  io: GateIO,
  cancel?: AbortSignal
): Promise<GateResult> {
  const runCommand = io.runCommand
  // An entry point without a command runner cannot roll anything out: an internal error, never a pass.
  if (!runCommand)
    throw new Error('the rollout gate needs GateIO.runCommand, which this entry point does not provide')
  const steps: StepRecord[] = config.steps.map((weight, index) => ({
    step: index + 1,
    weight,
    verdict: 'not run'
  }))
  const findings: Finding[] = []
  const stopper = stopOnDeadlineOrCancel(config.deadlineMs, cancel)
  let current: StepRecord | undefined
  let crashed = true
  try {
    for (const record of steps) {
      current = record
      await runStep(record, { config, io, runCommand, stopper, findings })
      if (record.verdict !== 'passed') break
    }
    crashed = false
  } finally {
    stopper.dispose()
    // An internal error mid-rollout still sends traffic back before it fails the step (fail closed).
    if (crashed) await abortRollout(config, io, runCommand, steps, [])
  }

  const passed = steps.filter(s => s.verdict === 'passed')
  const weight = passed.length > 0 ? passed[passed.length - 1]!.weight : 0
  const completed = weight === 100
  const failedStep = completed ? undefined : current
  const cause = stopper.cause()
  if (cause && failedStep) {
    const phase = failedStep.commandMs === undefined ? 'before its traffic command' : 'during its step'
    findings.push(
      catalog.finding(cause.kind, {
        message: `${cause.text}: the rollout stopped at ${failedStep.weight}% (step ${failedStep.step} of ${steps.length}) ${phase}`
      })
    )
  }
  const abort = completed ? undefined : await abortRollout(config, io, runCommand, steps, findings)

  return {
    gate: 'rollout',
    title: TITLE,
    findings,
    outputs: {
      weight: String(weight),
      aborted: String(!completed),
      'failed-step': failedStep ? String(failedStep.weight) : ''
    },
    sections: rolloutSections({ config, steps, weight, abort, completed }),
    scope: `${steps.length} step(s) (${config.steps.map(w => `${w}%`).join(' → ')}), ${formatDuration(config.stepPauseMs)} of analysis each, deadline ${formatDuration(config.deadlineMs)}`,
    secrets: config.health.secrets,
    data: {
      steps: steps.map(({ sections: _sections, findings: _findings, ...record }) => record),
      abort: abort ? { exitCode: abort.exitCode ?? null, durationMs: abort.durationMs } : null
    },
    checks: rolloutChecks(steps, findings, abort)
  }
}

const stepLabel = (record: StepRecord, total: number) =>
  `at ${record.weight}% (step ${record.step} of ${total})`

/** One step: set the traffic, then analyse it. Sets the record's verdict and adds its findings. */
async function runStep(
  record: StepRecord,
  step: {
    config: RolloutConfig
    io: GateIO
    runCommand: RunCommand
    stopper: Stopper
    findings: Finding[]
  }
): Promise<void> {
  const { config, io, runCommand, stopper, findings } = step
  const where = stepLabel(record, config.steps.length)
  if (stopper.signal.aborted) {
    record.verdict = 'stopped'
    return
  }
  const command = await runCommand({
    label: 'traffic-command',
    command: config.trafficCommand,
    cwd: io.cwd,
    env: io.env,
    variables: { ROLLOUT_WEIGHT: String(record.weight), ROLLOUT_STEP: String(record.step) },
    log: io.log,
    signal: stopper.signal
  })
  record.commandMs = command.durationMs
  record.exitCode = command.exitCode
  if (stopper.signal.aborted) {
    record.verdict = 'stopped'
    return
  }
  const failure = commandFailure(command)
  if (failure) {
    record.verdict = 'command failed'
    findings.push(
      catalog.finding('traffic-command-failed', { message: `traffic-command ${failure} ${where}` })
    )
    return
  }

  io.log.info(`${where}: traffic set; analysing for ${formatDuration(config.stepPauseMs)}`)
  // Readiness is for the new version to come up: once, before its first share of traffic.
  const health = record.step === 1 ? config.health : { ...config.health, readinessTimeoutMs: 0 }
  const analysis = await Promise.race([runHealth(health, io, stopper.signal), stopper.halted])
  if (!analysis || stopper.signal.aborted) {
    record.verdict = 'stopped'
    return
  }
  record.probes = Number(analysis.outputs.probes ?? 0)
  record.errorRate = optionalNumber(analysis.outputs['error-rate'])
  record.p95Ms = optionalNumber(analysis.outputs['latency-p95-ms'])
  record.sections = analysis.sections
  record.findings = analysis.findings
  for (const finding of analysis.findings) {
    findings.push(
      catalog.finding(finding.severity === 'error' ? 'analysis-failed' : 'analysis-warning', {
        message: `${where}: ${finding.message}`,
        severity: finding.severity
      })
    )
  }
  record.verdict = analysis.findings.some(f => f.severity === 'error') ? 'failed' : 'passed'
  io.log.info(`${where}: ${record.verdict}`)
}

/** Sends all traffic back to the stable version: abort-command, or traffic-command with ROLLOUT_WEIGHT=0. */
async function abortRollout(
  config: RolloutConfig,
  io: GateIO,
  runCommand: RunCommand,
  steps: readonly StepRecord[],
  findings: Finding[]
): Promise<CommandRun> {
  const input =
    config.abortCommand === undefined ? 'traffic-command (with ROLLOUT_WEIGHT=0)' : 'abort-command'
  const abort = await runCommand({
    label: config.abortCommand === undefined ? 'traffic-command (abort)' : 'abort-command',
    command: config.abortCommand ?? config.trafficCommand,
    cwd: io.cwd,
    env: io.env,
    variables: { ROLLOUT_WEIGHT: '0', ROLLOUT_STEP: '0' },
    log: io.log,
    timeoutMs: ABORT_TIMEOUT_MS
  })
  const failure = commandFailure(abort)
  if (failure) {
    findings.push(
      catalog.finding('abort-command-failed', {
        message: `${input} ${failure}: traffic may still reach the new version (last set to ${lastSetWeight(steps)}%)`
      })
    )
  } else {
    io.log.info(`${input}: traffic returned to the stable version`)
  }
  return abort
}

/** One check per step (JUnit test case), and one for the abort when it ran. */
function rolloutChecks(
  steps: readonly StepRecord[],
  findings: readonly Finding[],
  abort: CommandRun | undefined
): GateCheck[] {
  const checks: GateCheck[] = steps.map(record => ({
    name: `${record.weight}% of traffic (step ${record.step})`,
    group: 'steps',
    findings: findings.filter(f => f.message.includes(stepLabel(record, steps.length))),
    ...(record.verdict === 'not run' ? { skipped: 'the rollout stopped before this step' } : {}),
    ...(record.commandMs === undefined ? {} : { durationMs: record.commandMs })
  }))
  if (abort) {
    checks.push({
      name: 'abort returns traffic to the stable version',
      group: 'abort',
      durationMs: abort.durationMs,
      findings: findings.filter(f => f.rule === 'abort-command-failed')
    })
  }
  return checks
}

/** One line about how a command ended, or undefined when it succeeded (`exited with code 3; last output: …`). */
function commandFailure(run: CommandRun): string | undefined {
  const output = run.tail.length > 0 ? `; last output: ${run.tail[run.tail.length - 1]}` : ''
  if (run.startError !== undefined) return `could not be started: ${run.startError}`
  if (run.stopped !== undefined) return `was stopped: ${run.stopped}${output}`
  if (run.exitCode !== 0) return `exited with code ${run.exitCode}${output}`
  return undefined
}

/** The weight the last traffic command that ran was asked to set. */
function lastSetWeight(steps: readonly StepRecord[]): number {
  const ran = steps.filter(s => s.commandMs !== undefined)
  return ran.length > 0 ? ran[ran.length - 1]!.weight : 0
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value)
}
