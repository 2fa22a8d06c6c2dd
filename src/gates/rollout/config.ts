/**
 * The rollout gate's inputs, parsed once, before any traffic moves: the steps, the commands, the pause of
 * each step, the deadline, and the health gate's analysis inputs (`url`, `expect-*`, `interval`, limits,
 * Prometheus…), parsed by the health gate itself with `step-pause` standing in for its `window`.
 */
import { InputError } from '../../errors.js'
import { getDuration, getString } from '../../inputs.js'
import type { InputSource } from '../../types.js'
import { parseHealthInputs, type HealthConfig } from '../health/config.js'

export interface RolloutConfig {
  /** Percentages of traffic for the new version, strictly increasing, the last 100. */
  steps: number[]
  trafficCommand: string
  /** Undefined: the traffic command with ROLLOUT_WEIGHT=0. */
  abortCommand?: string
  stepPauseMs: number
  deadlineMs: number
  /** The analysis of the first step (with readiness); later steps run it without readiness. */
  health: HealthConfig
}

export const DEFAULT_STEPS = '10,50,100'
export const DEFAULT_STEP_PAUSE = '2m'
/** What the default deadline allows each step for its traffic command and probes, on top of its pause. */
export const STEP_ALLOWANCE_MS = 5 * 60_000

export function parseRolloutInputs(source: InputSource): RolloutConfig {
  const steps = parseSteps(getString(source, 'steps', DEFAULT_STEPS), source.describe('steps'))
  const trafficCommand = source.get('traffic-command')
  if (trafficCommand === undefined) {
    throw new InputError(
      `${source.describe('traffic-command')} is required: a bash command that gives the new version $ROLLOUT_WEIGHT percent of the traffic`
    )
  }
  const abortCommand = source.get('abort-command')
  if (source.get('window') !== undefined) {
    throw new InputError(
      `${source.describe('window')} is the health gate's; a rollout analyses each step for ${source.describe('step-pause')}`
    )
  }
  const stepPauseMs = getDuration(source, 'step-pause', DEFAULT_STEP_PAUSE)
  if (stepPauseMs <= 0) {
    throw new InputError(
      `${source.describe('step-pause')} must be longer than 0: each step is analysed during its pause`
    )
  }
  const health = parseHealthInputs(healthSource(source))
  const defaultDeadlineMs = health.readinessTimeoutMs + steps.length * (stepPauseMs + STEP_ALLOWANCE_MS)
  const deadlineMs =
    source.get('deadline') === undefined ? defaultDeadlineMs : getDuration(source, 'deadline', '0s')
  if (deadlineMs <= 0) throw new InputError(`${source.describe('deadline')} must be longer than 0`)
  return {
    steps,
    trafficCommand,
    ...(abortCommand !== undefined ? { abortCommand } : {}),
    stepPauseMs,
    deadlineMs,
    health
  }
}

/** The health gate reads `window`; in a rollout that is each step's pause (and its messages name `step-pause`). */
function healthSource(source: InputSource): InputSource {
  const rename = (name: string) => (name === 'window' ? 'step-pause' : name)
  return {
    get: name => (name === 'window' ? getString(source, 'step-pause', DEFAULT_STEP_PAUSE) : source.get(name)),
    describe: name => source.describe(rename(name))
  }
}

/** `10,50,100`, `10, 50, 100` or one per line; `%` signs allowed. */
export function parseSteps(text: string, what: string): number[] {
  const invalid = (why: string) =>
    new InputError(
      `${what} must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. ${DEFAULT_STEPS} (got '${text.replace(/\s*\n\s*/g, ',')}': ${why})`
    )
  const items = text
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(item => item !== '')
  if (items.length === 0) throw invalid('no steps')
  const steps: number[] = []
  for (const item of items) {
    const match = /^(\d{1,3})\s*%?$/.exec(item)
    if (!match) throw invalid(`'${item}' is not a whole percentage`)
    const weight = Number(match[1])
    if (weight < 1 || weight > 100) throw invalid(`${weight} is not from 1 to 100`)
    const previous = steps[steps.length - 1]
    if (previous !== undefined && weight <= previous)
      throw invalid(`${weight} does not come after ${previous}`)
    steps.push(weight)
  }
  if (steps[steps.length - 1] !== 100) throw invalid(`the last step is ${steps[steps.length - 1]}, not 100`)
  return steps
}
