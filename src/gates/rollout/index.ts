/**
 * Progressive rollout: for each step, the traffic command gives the new version its share of traffic, then the
 * health gate's analysis watches it for `step-pause`. The first step that fails (its analysis, its command, the
 * deadline, a cancelled job) stops the rollout, and the abort command sends all traffic back to the stable version.
 */
import { formatDuration } from '../../duration.js'
import type { Finding, Gate, GateIO, GateResult } from '../../types.js'
import { runHealth } from '../health/index.js'
import { withProcessCancellation } from './cancellation.js'
import { catalog } from './catalog.js'
import { commandFailure, runCommand, type CommandRun } from './commands.js'
import { parseRolloutInputs, type RolloutConfig } from './config.js'
import { rolloutSections, type StepRecord } from './summary.js'

const TITLE = 'Progressive rollout'
/** The abort runs even after the deadline, for at most this long: it is what puts users back on the stable version. */
export const ABORT_TIMEOUT_MS = 5 * 60_000

export const rolloutGate: Gate<RolloutConfig> = {
  name: 'rollout',
  title: TITLE,
  parseInputs: source => parseRolloutInputs(source),
  run: (config, io) => withProcessCancellation(signal => runRollout(config, io, signal))
}

type StopCause = { kind: 'deadline' | 'cancelled'; text: string }

export async function runRollout(
  config: RolloutConfig,
  io: GateIO,
  cancel?: AbortSignal
): Promise<GateResult> {
  const total = config.steps.length
  const stop = new AbortController()
  let cause: StopCause | undefined
  const halt = (next: StopCause) => {
    if (stop.signal.aborted) return
    cause = next
    stop.abort(next.text)
  }
  const deadline = setTimeout(
    () =>
      halt({ kind: 'deadline', text: `the rollout deadline of ${formatDuration(config.deadlineMs)} passed` }),
    config.deadlineMs
  )
  const onCancel = () => halt({ kind: 'cancelled', text: String(cancel?.reason ?? 'the job was cancelled') })
  if (cancel?.aborted) onCancel()
  cancel?.addEventListener('abort', onCancel, { once: true })
  const halted = new Promise<undefined>(resolve =>
    stop.signal.addEventListener('abort', () => resolve(undefined), { once: true })
  )

  const steps: StepRecord[] = config.steps.map((weight, index) => ({
    step: index + 1,
    weight,
    verdict: 'not run'
  }))
  const findings: Finding[] = []
  let weight = 0
  let current: StepRecord | undefined
  try {
    for (const record of steps) {
      current = record
      const where = `at ${record.weight}% (step ${record.step} of ${total})`
      if (stop.signal.aborted) {
        record.verdict = 'stopped'
        break
      }
      const command = await runCommand({
        label: 'traffic-command',
        command: config.trafficCommand,
        cwd: io.cwd,
        env: io.env,
        variables: { ROLLOUT_WEIGHT: String(record.weight), ROLLOUT_STEP: String(record.step) },
        log: io.log,
        signal: stop.signal
      })
      record.commandMs = command.durationMs
      record.exitCode = command.exitCode
      if (stop.signal.aborted) {
        record.verdict = 'stopped'
        break
      }
      const failure = commandFailure(command)
      if (failure) {
        record.verdict = 'command failed'
        findings.push(
          catalog.finding('traffic-command-failed', { message: `traffic-command ${failure} ${where}` })
        )
        break
      }
      io.log.info(`${where}: traffic set; analysing for ${formatDuration(config.stepPauseMs)}`)
      // Readiness is for the new version to come up: once, before its first share of traffic.
      const health = record.step === 1 ? config.health : { ...config.health, readinessTimeoutMs: 0 }
      const analysis = await Promise.race([runHealth(health, io, stop.signal), halted])
      if (!analysis || stop.signal.aborted) {
        record.verdict = 'stopped'
        break
      }
      record.probes = Number(analysis.outputs.probes ?? 0)
      record.errorRate = optionalNumber(analysis.outputs['error-rate'])
      record.p95Ms = optionalNumber(analysis.outputs['latency-p95-ms'])
      record.sections = analysis.sections
      for (const finding of analysis.findings) {
        findings.push(
          catalog.finding(finding.severity === 'error' ? 'analysis-failed' : 'analysis-warning', {
            message: `${where}: ${finding.message}`,
            severity: finding.severity
          })
        )
      }
      record.findings = analysis.findings
      if (analysis.findings.some(f => f.severity === 'error')) {
        record.verdict = 'failed'
        break
      }
      record.verdict = 'passed'
      weight = record.weight
      io.log.info(`${where}: passed`)
    }
  } finally {
    clearTimeout(deadline)
    cancel?.removeEventListener('abort', onCancel)
  }

  const completed = weight === 100
  const failedStep = completed ? undefined : current
  if (cause && failedStep) {
    const phase = failedStep.commandMs === undefined ? 'before its traffic command' : 'during its step'
    findings.push(
      catalog.finding(cause.kind, {
        message: `${cause.text}: the rollout stopped at ${failedStep.weight}% (step ${failedStep.step} of ${total}) ${phase}`
      })
    )
  }
  let abort: CommandRun | undefined
  if (!completed) {
    abort = await runCommand({
      label: config.abortCommand === undefined ? 'traffic-command (abort)' : 'abort-command',
      command: config.abortCommand ?? config.trafficCommand,
      cwd: io.cwd,
      env: io.env,
      variables: { ROLLOUT_WEIGHT: '0', ROLLOUT_STEP: '0' },
      log: io.log,
      timeoutMs: ABORT_TIMEOUT_MS
    })
    const failure = commandFailure(abort)
    const input =
      config.abortCommand === undefined ? 'traffic-command (with ROLLOUT_WEIGHT=0)' : 'abort-command'
    if (failure) {
      findings.push(
        catalog.finding('abort-command-failed', {
          message: `${input} ${failure}: traffic may still reach the new version (last set to ${lastSetWeight(steps)}%)`
        })
      )
    } else {
      io.log.info(`${input}: traffic returned to the stable version`)
    }
  }

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
    scope: `${total} step(s) (${config.steps.map(w => `${w}%`).join(' → ')}), ${formatDuration(config.stepPauseMs)} of analysis each, deadline ${formatDuration(config.deadlineMs)}`,
    secrets: config.health.secrets,
    data: {
      steps: steps.map(({ sections: _sections, findings: _findings, ...record }) => record),
      abort: abort ? { exitCode: abort.exitCode ?? null, durationMs: abort.durationMs } : null
    },
    checks: [
      ...steps.map(record => ({
        name: `${record.weight}% of traffic (step ${record.step})`,
        group: 'steps',
        findings: findings.filter(f => f.message.includes(`at ${record.weight}% (step ${record.step} of`)),
        ...(record.verdict === 'not run' ? { skipped: 'the rollout stopped before this step' } : {}),
        ...(record.commandMs === undefined ? {} : { durationMs: record.commandMs })
      })),
      ...(abort
        ? [
            {
              name: 'abort returns traffic to the stable version',
              group: 'abort',
              durationMs: abort.durationMs,
              findings: findings.filter(f => f.rule === 'abort-command-failed')
            }
          ]
        : [])
    ]
  }
}

/** The weight the last traffic command that ran was asked to set. */
function lastSetWeight(steps: readonly StepRecord[]): number {
  const ran = steps.filter(s => s.commandMs !== undefined)
  return ran.length > 0 ? ran[ran.length - 1]!.weight : 0
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value)
}
