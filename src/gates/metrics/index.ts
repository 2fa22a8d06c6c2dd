import { getDuration } from '../../inputs.js'
import type { Finding, Gate, GateIO, GateResult, ResultBlock } from '../../types.js'
import { deploymentsClient, requireToken, type Deployment } from '../../github/deployments.js'
import { getEnvironment } from '../deployment/index.js'
import { BUCKETS, computeDora, rollbackOf, type DoraMetrics, type History, type Level } from './dora.js'

export interface MetricsConfig {
  token: string
  environment: string
  windowMs: number
}

const TITLE = 'Delivery metrics (DORA)'
/** API budget: deployments pages, one statuses call per deployment, one commit call per distinct SHA. */
export const LIMITS = { pages: 10, statusCalls: 300, commitCalls: 100, concurrency: 8 }

export const metricsGate: Gate<MetricsConfig> = {
  name: 'metrics',
  title: TITLE,
  parseInputs: (source, common, io) => ({
    token: requireToken(source, common, io, 'to read deployments'),
    environment: getEnvironment(source),
    windowMs: getDuration(source, 'window', '90d')
  }),
  run: runMetrics
}

/** Runs `task` over `items` with at most `limit` in flight, keeping order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

async function runMetrics(config: MetricsConfig, io: GateIO): Promise<GateResult> {
  const client = deploymentsClient(io, config.token)
  const until = io.now()
  const since = until - config.windowMs
  const deployments: Deployment[] = []
  let truncated = false
  // Newest first: stop at the first page that reaches past the window.
  for await (const page of client.listDeployments(config.environment, LIMITS.pages)) {
    deployments.push(...page.filter(d => Date.parse(d.created_at) >= since))
    if (page.some(d => Date.parse(d.created_at) < since)) break
  }
  if (deployments.length > LIMITS.statusCalls) {
    truncated = true
    deployments.length = LIMITS.statusCalls
  }
  const statuses = await mapLimit(deployments, LIMITS.concurrency, d => client.listStatuses(d.id))

  const shas = [
    ...new Set(
      deployments
        .filter((d, i) => rollbackOf(d) === undefined && statuses[i]!.some(s => s.state === 'success'))
        .map(d => d.sha)
    )
  ].slice(0, LIMITS.commitCalls)
  const commitTimes = new Map<string, number>()
  await mapLimit(shas, LIMITS.concurrency, async sha => {
    const time = await client.commitTime(sha)
    if (time) commitTimes.set(sha, Date.parse(time))
  })

  const histories: History[] = deployments.map((deployment, i) => ({
    deployment,
    statuses: statuses[i]!,
    ...(commitTimes.has(deployment.sha) ? { commitTime: commitTimes.get(deployment.sha)! } : {})
  }))
  const metrics = computeDora(histories, since, until)
  const days = Math.round(metrics.windowDays)

  const findings: Finding[] = []
  if (deployments.length === 0) {
    findings.push({
      rule: 'no-deployments',
      severity: 'notice',
      message: `no deployments of ${config.environment} were recorded in the last ${days} days`,
      help: 'Record deployments with `gate: deployment` in the deploy workflow.'
    })
  }
  if (truncated) {
    findings.push({
      rule: 'history-truncated',
      severity: 'notice',
      message: `only the newest ${LIMITS.statusCalls} deployments in the window were analysed`
    })
  }

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
        metrics.timeToRestoreHours === undefined ? '' : String(round(metrics.timeToRestoreHours, 2))
    },
    sections: [
      { heading: `Four keys: ${config.environment}, last ${days} days`, blocks: keysTable(metrics) },
      { heading: 'Deployments per week', blocks: weeklyChart(metrics) }
    ],
    scope: `${config.environment}: ${deployments.length} deployments in ${days} days (${metrics.changes} changes, ${metrics.rollbacks} rollbacks)`,
    secrets: [],
    data: { metrics }
  }
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
