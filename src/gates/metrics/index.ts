import { InputError } from '../../errors.js'
import { getDuration, getInteger } from '../../inputs.js'
import type { Finding, Gate, GateIO, GateResult, ResultBlock } from '../../types.js'
import {
  deploymentsClient,
  getEnvironment,
  isDrill,
  requireToken,
  type GitHubAccess
} from '../../github/deployments.js'
import { catalog } from './catalog.js'
import { drillReport, type DrillReport } from './drills.js'
import { BUCKETS, computeDora, type DoraMetrics, type Level } from './dora.js'
import { readHistory } from './history.js'

export interface MetricsConfig {
  access: GitHubAccess
  environment: string
  windowMs: number
  /** Deployments read at most (one statuses call each, one commit call per distinct SHA). */
  maxDeployments: number
}

const TITLE = 'Delivery metrics (DORA)'
const DAY = 86_400_000
/**
 * Each deployment costs a status call and each distinct commit one more: 400 keeps a run under 1,000 requests,
 * the hourly budget of a repository's GITHUB_TOKEN (past the cap the figures say what they cover).
 */
export const DEFAULT_MAX_DEPLOYMENTS = 400

export const metricsGate: Gate<MetricsConfig> = {
  name: 'metrics',
  title: TITLE,
  parseInputs: (source, common, io) => {
    const windowMs = getDuration(source, 'window', '90d')
    // A zero window has no days to divide by: every rate would be NaN.
    if (windowMs <= 0) throw new InputError(`${source.describe('window')} must be longer than 0, e.g. 90d`)
    return {
      access: requireToken(source, common, io, 'to read deployments'),
      environment: getEnvironment(source),
      windowMs,
      maxDeployments: getInteger(source, 'max-deployments', DEFAULT_MAX_DEPLOYMENTS, { min: 1, max: 100_000 })
    }
  },
  run: runMetrics
}

async function runMetrics(config: MetricsConfig, io: GateIO): Promise<GateResult> {
  const client = deploymentsClient(io, config.access)
  const until = io.now()
  const windowSince = until - config.windowMs
  const history = await readHistory(client, config.environment, windowSince, config.maxDeployments)
  // Sampled: the figures cover what was read, from its oldest deployment on, not the whole window.
  const since = history.sampledSince ?? windowSince
  const changesAndRollbacks = history.histories.filter(h => !isDrill(h.deployment))
  const metrics = computeDora(changesAndRollbacks, since, until)
  const drills = drillReport(history.histories, until)
  const days = round(metrics.windowDays, 1)
  const windowDays = round(config.windowMs / DAY, 1)

  const findings: Finding[] = []
  if (history.histories.length === 0 && history.skipped.length === 0) {
    findings.push(
      catalog.finding('no-deployments', {
        message: `no deployments of ${config.environment} were recorded in the last ${windowDays} days`
      })
    )
  }
  if (history.sampledSince !== undefined) {
    findings.push(
      catalog.finding('history-sampled', {
        message: `the window has more than max-deployments ${config.maxDeployments} deployments: the figures cover the newest ${history.histories.length}, from ${new Date(since).toISOString()} (${days} of ${windowDays} days)`
      })
    )
  }
  for (const skipped of history.skipped.slice(0, 5)) {
    findings.push(
      catalog.finding('deployment-skipped', {
        message: `deployment ${skipped.id ?? '(no id)'} of ${config.environment} was left out: ${skipped.reason}`
      })
    )
  }
  if (history.missingCommits.size > 0) {
    const [sha, why] = [...history.missingCommits][0]!
    findings.push(
      catalog.finding('commit-missing', {
        message: `${history.missingCommits.size} deployed commit(s) have no time for lead time (${sha.slice(0, 12)}: ${why}); their deployments still count for frequency and failure rate`
      })
    )
  }

  const analysed = history.histories.length
  return {
    gate: 'metrics',
    title: TITLE,
    findings,
    outputs: {
      'deployment-frequency': String(round(metrics.deploymentsPerDay, 3)),
      'lead-time-hours': metrics.leadTimeHours === undefined ? '' : String(round(metrics.leadTimeHours, 2)),
      'change-failure-rate':
        metrics.changeFailureRate === undefined ? '' : String(round(metrics.changeFailureRate, 4)),
      'time-to-restore-hours':
        metrics.timeToRestoreHours === undefined ? '' : String(round(metrics.timeToRestoreHours, 2)),
      'deployments-analysed': String(analysed),
      'analysed-since': new Date(since).toISOString(),
      sampled: String(history.sampledSince !== undefined),
      'drill-time-to-restore-hours':
        drills.last?.restoreHours === undefined ? '' : String(round(drills.last.restoreHours, 2)),
      'days-since-drill': drills.last === undefined ? '' : String(round(drills.last.daysSince, 1))
    },
    sections: [
      { heading: `Four keys: ${config.environment}, last ${days} days`, blocks: keysTable(metrics) },
      { heading: 'Deployments per week', blocks: weeklyChart(metrics) },
      { heading: 'Rollback drills', blocks: drillBlocks(drills) },
      { heading: 'What was analysed', blocks: analysedBlocks(config, history, since, until) }
    ],
    scope: `${config.environment}: ${analysed} deployments in ${days === windowDays ? `${days} days` : `${days} of ${windowDays} days (sampled)`} (${metrics.changes} changes, ${metrics.rollbacks} rollbacks${drills.drills ? `, ${drills.drills} drill deployments` : ''})`,
    secrets: [],
    data: { metrics, drills, sampled: history.sampledSince !== undefined, calls: history.calls }
  }
}

function drillBlocks(drills: DrillReport): ResultBlock[] {
  if (!drills.last)
    return [{ kind: 'text', text: 'No rollback drill in the window (payload `drill: true`).' }]
  return [
    {
      kind: 'key-value',
      pairs: [
        ['Last drill', `deployment ${drills.last.id}, ${new Date(drills.last.createdAt).toISOString()}`],
        ['Days since the last drill', String(round(drills.last.daysSince, 1))],
        [
          'Time to restore in the last drill',
          drills.last.restoreHours === undefined
            ? 'the drill rollback never reached success'
            : hours(drills.last.restoreHours)
        ],
        ['Drill deployments in the window (not in the four keys)', String(drills.drills)]
      ]
    }
  ]
}

function analysedBlocks(
  config: MetricsConfig,
  history: Awaited<ReturnType<typeof readHistory>>,
  since: number,
  until: number
): ResultBlock[] {
  return [
    {
      kind: 'key-value',
      pairs: [
        ['Deployments analysed', String(history.histories.length)],
        ['From', new Date(since).toISOString()],
        ['To', new Date(until).toISOString()],
        [
          'Sampled',
          history.sampledSince === undefined
            ? 'no: every deployment of the window'
            : `yes: the newest ${history.histories.length} (max-deployments ${config.maxDeployments})`
        ],
        ['Records left out', String(history.skipped.length)],
        [
          'API calls',
          `${history.calls.pages} deployment pages, ${history.calls.statuses} status lists, ${history.calls.commits} commits`
        ]
      ]
    }
  ]
}

const LEVEL_LABEL: Record<Level, string> = {
  elite: '🟢 elite',
  high: '🔵 high',
  medium: '🟡 medium',
  low: '🔴 low'
}
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

function hours(value: number | undefined): string {
  if (value === undefined) return 'n/a'
  if (value < 1) return `${Math.round(value * 60)} min`
  if (value < 48) return `${round(value, 1)} h`
  return `${round(value / 24, 1)} days`
}

function keysTable(m: DoraMetrics): ResultBlock[] {
  const rows = [
    [
      'Deployment frequency',
      `${round(m.deploymentsPerDay * 7, 2)} per week (${m.successfulChanges} successful)`,
      LEVEL_LABEL[m.levels.deploymentFrequency],
      BUCKETS.deploymentFrequency
    ],
    [
      'Lead time for changes (median)',
      hours(m.leadTimeHours),
      m.levels.leadTime ? LEVEL_LABEL[m.levels.leadTime] : 'n/a',
      BUCKETS.leadTime
    ],
    [
      'Change failure rate',
      m.changeFailureRate === undefined
        ? 'n/a'
        : `${round(m.changeFailureRate * 100, 1)}% (${m.failedChanges} of ${m.finishedChanges})`,
      m.levels.changeFailureRate ? LEVEL_LABEL[m.levels.changeFailureRate] : 'n/a',
      BUCKETS.changeFailureRate
    ],
    [
      'Time to restore (median)',
      `${hours(m.timeToRestoreHours)}${m.unrestored ? ` (${m.unrestored} not restored yet)` : ''}`,
      m.levels.timeToRestore ? LEVEL_LABEL[m.levels.timeToRestore] : 'n/a',
      BUCKETS.timeToRestore
    ]
  ]
  return [{ kind: 'table', columns: ['Key', 'Value', 'Level', 'Buckets'], rows }]
}

function weeklyChart(m: DoraMetrics): ResultBlock[] {
  return [
    {
      kind: 'chart',
      title: 'Successful (bars) and failed (line) changes per week',
      xLabel: 'week starting',
      yLabel: 'deployments',
      x: m.weeks.map(w => new Date(w.start).toISOString().slice(5, 10)),
      series: [
        { name: 'successful', values: m.weeks.map(w => w.successful), style: 'bar' },
        { name: 'failed', values: m.weeks.map(w => w.failed) }
      ]
    }
  ]
}
