/** The rollout's part of the summary: the outcome, one row per step, the traffic shape as a chart, each step's probes. */
import { formatDuration } from '../../duration.js'
import type { Finding, ResultBlock, ResultSection } from '../../types.js'
import type { CommandRun } from '../../kernel/commands.js'
import type { RolloutConfig } from './config.js'

export interface StepRecord {
  /** 1-based. */
  step: number
  weight: number
  verdict: 'not run' | 'passed' | 'failed' | 'command failed' | 'stopped'
  commandMs?: number
  exitCode?: number
  probes?: number
  /** 0–1, over the step's analysis window. */
  errorRate?: number
  p95Ms?: number
  /** The health analysis' own sections (probe table) and findings. */
  sections?: ResultSection[]
  findings?: Finding[]
}

const VERDICT: Record<StepRecord['verdict'], string> = {
  'not run': '· not run',
  passed: '✅ passed',
  failed: '❌ failed',
  'command failed': '❌ traffic command failed',
  stopped: '⏹ stopped'
}

export function rolloutSections(view: {
  config: RolloutConfig
  steps: readonly StepRecord[]
  weight: number
  abort?: CommandRun
  completed: boolean
}): ResultSection[] {
  const { config, steps, abort, completed } = view
  const failed = steps.find(s => s.verdict !== 'passed' && s.verdict !== 'not run')
  const outcome = completed
    ? 'completed: the new version serves 100% of traffic'
    : `aborted at ${failed?.weight ?? '?'}% (step ${failed?.step ?? '?'}); ${
        abort && abort.exitCode === 0 && abort.stopped === undefined
          ? 'traffic returned to the stable version'
          : 'the abort FAILED: traffic may still reach the new version'
      }`
  const pairs: [string, string][] = [
    ['Outcome', outcome],
    ['Steps', config.steps.map(w => `${w}%`).join(' → ')],
    ['Last weight that passed', `${view.weight}%`],
    ['Analysis per step', formatDuration(config.stepPauseMs)],
    ['Deadline', formatDuration(config.deadlineMs)]
  ]
  if (abort) {
    const how = config.abortCommand === undefined ? 'traffic-command with ROLLOUT_WEIGHT=0' : 'abort-command'
    const exit =
      abort.exitCode === undefined
        ? (abort.startError ?? abort.stopped ?? 'did not run')
        : `exit ${abort.exitCode}`
    pairs.push(['Abort', `${how}: ${exit} in ${formatDuration(abort.durationMs)}`])
  }
  const sections: ResultSection[] = [
    { heading: 'Rollout', blocks: [{ kind: 'key-value', pairs }] },
    { heading: 'Steps', blocks: [stepTable(steps), trafficChart(steps, abort !== undefined)] }
  ]
  const probeDetails = steps
    .filter(s => s.sections && s.sections.length > 0)
    .map((s): ResultBlock => ({
      kind: 'details',
      summary: `Probes at ${s.weight}% (step ${s.step}): ${VERDICT[s.verdict]}`,
      // The probe tables only: a latency chart per step would drown the rollout's own chart.
      blocks: s.sections!.flatMap(section => section.blocks.filter(block => block.kind !== 'chart'))
    }))
  if (probeDetails.length > 0) sections.push({ heading: 'Probes per step', blocks: probeDetails })
  return sections
}

function stepTable(steps: readonly StepRecord[]): ResultBlock {
  return {
    kind: 'table',
    columns: ['Step', 'Weight', 'Traffic command', 'Probes', 'Error rate', 'p95', 'Verdict'],
    align: ['right', 'right', 'left', 'right', 'right', 'right', 'left'],
    rows: steps.map(s => [
      String(s.step),
      `${s.weight}%`,
      s.commandMs === undefined
        ? ''
        : `${s.exitCode === undefined ? 'stopped' : `exit ${s.exitCode}`}, ${formatDuration(s.commandMs)}`,
      s.probes === undefined ? '' : String(s.probes),
      s.errorRate === undefined ? '' : `${round(s.errorRate * 100)}%`,
      s.p95Ms === undefined ? '' : `${Math.round(s.p95Ms)} ms`,
      verdictText(s)
    ])
  }
}

function verdictText(step: StepRecord): string {
  const first = step.findings?.find(f => f.severity === 'error')
  return first ? `${VERDICT[step.verdict]}: ${first.rule}` : VERDICT[step.verdict]
}

/** The share of traffic the new version had at each step (and after the abort), with each step's error rate. */
function trafficChart(steps: readonly StepRecord[], aborted: boolean): ResultBlock {
  const ran = steps.filter(s => s.commandMs !== undefined)
  return {
    kind: 'chart',
    title: 'Traffic to the new version and its error rate, by step',
    xLabel: 'step',
    yLabel: 'percent',
    x: [...ran.map(s => `${s.step}: ${s.weight}%`), ...(aborted ? ['abort'] : [])],
    series: [
      {
        name: 'error rate (%)',
        values: [
          ...ran.map(s => (s.errorRate === undefined ? null : round(s.errorRate * 100))),
          ...(aborted ? [null] : [])
        ],
        style: 'bar'
      },
      { name: 'traffic (%)', values: [...ran.map(s => s.weight), ...(aborted ? [0] : [])] }
    ]
  }
}

const round = (n: number) => Math.round(n * 100) / 100
