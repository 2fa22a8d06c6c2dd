import { isDrill } from '../../github/deployments.js'
import type { History } from './dora.js'

/**
 * Rollback drills (`payload.drill: true`, see NOTES/docs): left out of the four keys, reported apart. The drill's
 * time to restore is how long its rollback deployment (`drill_phase: rollback`, or a drill without a phase) took
 * from being recorded to its first `success` status.
 */
export interface DrillReport {
  drills: number
  last?: {
    id: number
    createdAt: number
    /** Hours from the drill's rollback deployment to its first success; undefined when it never succeeded. */
    restoreHours?: number
    daysSince: number
  }
}

const HOUR = 3_600_000

export function drillReport(histories: readonly History[], now: number): DrillReport {
  const rollbacks = histories
    .filter(h => isDrill(h.deployment))
    .filter(h => {
      const phase = h.deployment.payload.drill_phase
      return phase === undefined || phase === 'rollback'
    })
    .sort((a, b) => Date.parse(b.deployment.created_at) - Date.parse(a.deployment.created_at))
  const drills = histories.filter(h => isDrill(h.deployment)).length
  const last = rollbacks[0]
  if (!last) return { drills }
  const createdAt = Date.parse(last.deployment.created_at)
  const successes = last.statuses.filter(s => s.state === 'success').map(s => Date.parse(s.created_at))
  const restoredAt = successes.length > 0 ? Math.min(...successes) : undefined
  return {
    drills,
    last: {
      id: last.deployment.id,
      createdAt,
      ...(restoredAt !== undefined ? { restoreHours: Math.max(0, restoredAt - createdAt) / HOUR } : {}),
      daysSince: (now - createdAt) / (24 * HOUR)
    }
  }
}
