import { rollbackOf, type Deployment, type DeploymentStatus } from '../../github/deployments.js'

export { rollbackOf }

/**
 * The four DORA keys from deployment records. A *change* is a deployment that is not a rollback
 * (`payload.rollback_of`); it *failed* when it got a `failure`/`error` status or was rolled back; it was
 * *restored* by the first later deployment (often the rollback) that reached `success`.
 */
export interface History {
  deployment: Deployment
  /** Newest first, as the API lists them. */
  statuses: DeploymentStatus[]
  /** Committer time of the deployed commit (epoch ms), when known. */
  commitTime?: number
}

export type Level = 'elite' | 'high' | 'medium' | 'low'

export interface DoraMetrics {
  windowDays: number
  changes: number
  successfulChanges: number
  /** Changes that reached success or failure (the change failure rate's denominator). */
  finishedChanges: number
  failedChanges: number
  rollbacks: number
  deploymentsPerDay: number
  leadTimeHours?: number
  changeFailureRate?: number
  timeToRestoreHours?: number
  /** Failed changes not yet followed by a successful deployment. */
  unrestored: number
  levels: { deploymentFrequency: Level; leadTime?: Level; changeFailureRate?: Level; timeToRestore?: Level }
  weeks: { start: number; successful: number; failed: number }[]
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/**
 * Buckets in the spirit of DORA's State of DevOps reports and the Four Keys dashboard; written out in the summary
 * so nobody has to guess the thresholds.
 */
export const BUCKETS = {
  deploymentFrequency:
    'elite: daily or more; high: weekly or more; medium: monthly or more; low: less than monthly',
  leadTime: 'elite: under a day; high: under a week; medium: under six months; low: six months or more',
  changeFailureRate: 'elite: 15% or less; high: 30% or less; medium: 45% or less; low: above 45%',
  timeToRestore: 'elite: under an hour; high: under a day; medium: under a week; low: a week or more'
}

export function frequencyLevel(perDay: number): Level {
  return perDay >= 1 ? 'elite' : perDay >= 1 / 7 ? 'high' : perDay >= 1 / 30 ? 'medium' : 'low'
}
export function leadTimeLevel(hours: number): Level {
  return hours < 24 ? 'elite' : hours < 168 ? 'high' : hours < 4380 ? 'medium' : 'low'
}
export function failureRateLevel(rate: number): Level {
  return rate <= 0.15 ? 'elite' : rate <= 0.3 ? 'high' : rate <= 0.45 ? 'medium' : 'low'
}
export function restoreLevel(hours: number): Level {
  return hours < 1 ? 'elite' : hours < 24 ? 'high' : hours < 168 ? 'medium' : 'low'
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const firstTime = (statuses: DeploymentStatus[], states: string[]) =>
  Math.min(...statuses.filter(s => states.includes(s.state)).map(s => Date.parse(s.created_at)))

export function computeDora(histories: readonly History[], since: number, until: number): DoraMetrics {
  const created = (h: History) => Date.parse(h.deployment.created_at)
  const inWindow = histories
    .filter(h => created(h) >= since && created(h) <= until)
    .sort((a, b) => created(a) - created(b))
  const rollbacks = inWindow.filter(h => rollbackOf(h.deployment) !== undefined)
  const rolledBackAt = new Map<number, number>()
  for (const h of rollbacks) {
    const id = rollbackOf(h.deployment)!
    rolledBackAt.set(id, Math.min(rolledBackAt.get(id) ?? Infinity, created(h)))
  }
  const successAt = (h: History) => firstTime(h.statuses, ['success'])

  const changes = inWindow
    .filter(h => rollbackOf(h.deployment) === undefined)
    .map(h => {
      const failedAt = Math.min(
        firstTime(h.statuses, ['failure', 'error']),
        rolledBackAt.get(h.deployment.id) ?? Infinity
      )
      return { history: h, succeededAt: successAt(h), failedAt }
    })
  const finished = changes.filter(c => Number.isFinite(c.succeededAt) || Number.isFinite(c.failedAt))
  const successful = changes.filter(c => Number.isFinite(c.succeededAt))
  const failed = finished.filter(c => Number.isFinite(c.failedAt))

  const leadTimes = successful
    .filter(c => c.history.commitTime !== undefined)
    .map(c => Math.max(0, c.succeededAt - c.history.commitTime!) / HOUR)

  const restoreTimes: number[] = []
  let unrestored = 0
  for (const change of failed) {
    const restoredAt = Math.min(
      ...inWindow
        .filter(h => h !== change.history && created(h) >= created(change.history))
        .map(successAt)
        .filter(t => t >= change.failedAt)
    )
    if (Number.isFinite(restoredAt)) restoreTimes.push((restoredAt - change.failedAt) / HOUR)
    else unrestored++
  }

  const windowDays = (until - since) / DAY
  const deploymentsPerDay = successful.length / windowDays
  const leadTimeHours = median(leadTimes)
  const changeFailureRate = finished.length > 0 ? failed.length / finished.length : undefined
  const timeToRestoreHours = median(restoreTimes)

  const weekCount = Math.min(53, Math.max(1, Math.ceil((until - since) / WEEK)))
  const weeks = Array.from({ length: weekCount }, (_, i) => ({
    start: until - (weekCount - i) * WEEK,
    successful: 0,
    failed: 0
  }))
  const weekOf = (time: number) =>
    weeks[Math.min(weekCount - 1, Math.floor((time - (until - weekCount * WEEK)) / WEEK))]
  for (const change of successful) {
    const week = weekOf(created(change.history))
    if (week) week.successful++
  }
  for (const change of failed) {
    const week = weekOf(created(change.history))
    if (week) week.failed++
  }

  return {
    windowDays,
    changes: changes.length,
    successfulChanges: successful.length,
    finishedChanges: finished.length,
    failedChanges: failed.length,
    rollbacks: rollbacks.length,
    deploymentsPerDay,
    ...(leadTimeHours !== undefined ? { leadTimeHours } : {}),
    ...(changeFailureRate !== undefined ? { changeFailureRate } : {}),
    ...(timeToRestoreHours !== undefined ? { timeToRestoreHours } : {}),
    unrestored,
    levels: {
      deploymentFrequency: frequencyLevel(deploymentsPerDay),
      ...(leadTimeHours !== undefined ? { leadTime: leadTimeLevel(leadTimeHours) } : {}),
      ...(changeFailureRate !== undefined ? { changeFailureRate: failureRateLevel(changeFailureRate) } : {}),
      ...(timeToRestoreHours !== undefined ? { timeToRestore: restoreLevel(timeToRestoreHours) } : {})
    },
    weeks
  }
}
