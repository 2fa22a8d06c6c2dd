/**
 * The breaking-change diff, one file per area (paths, parameters, request bodies, responses, schemas,
 * security, deprecation), all writing to one DiffContext. Three levels as in oasdiff: breaking (error),
 * potentially breaking (warning), informational (changelog only).
 */
import type { Finding, Severity } from '../../../types.js'
import { formatPointer } from '../pointer.js'
import type { BreakingRule, RuleSeverities } from '../rules.js'
import type { Spec } from '../spec.js'
import { DiffContext, type ApiChange, type DiffPolicy } from './context.js'
import { comparePaths, compareWebhooks } from './paths.js'

export type { ApiChange, DiffPolicy } from './context.js'
export { describeOperation } from './paths.js'
export { applyIgnoreFile, parseIgnoreFile } from './ignore.js'

export function diffSpecs(
  base: Spec,
  head: Spec,
  severities: RuleSeverities,
  policy: DiffPolicy = { now: Date.now(), deprecationDays: 0 }
): ApiChange[] {
  const ctx = new DiffContext(base, head, severities, policy)
  comparePaths(ctx)
  compareWebhooks(ctx)
  return ctx.changes
}

/**
 * Breaking changes as findings at their head line. A change in a shared schema shows up under every operation
 * that uses it; those become one finding that counts the other operations. `off`, ignored and non-breaking
 * changes are left out.
 */
export function changeFindings(head: Spec, changes: ApiChange[]): Finding[] {
  const groups = new Map<string, ApiChange[]>()
  for (const change of changes) {
    if (change.severity === 'off' || change.severity === 'info' || change.ignoredBy) continue
    const base = change.base ? `${change.base.file.id}#${formatPointer(change.base.pointer)}` : ''
    // The same rule at the same place in both specs is one change, however many operations reach it.
    const key = `${change.rule}|${change.head.file.id}#${formatPointer(change.head.pointer)}|${base}|${change.operation === '' ? change.message : ''}`
    const group = groups.get(key)
    if (group) group.push(change)
    else groups.set(key, [change])
  }
  return [...groups.values()].map(([first, ...others]) => {
    const more =
      others.length === 0
        ? ''
        : ` (also ${others.length} other operation${others.length === 1 ? '' : 's'}: ${others
            .slice(0, 3)
            .map(c => c.operation)
            .join(', ')}${others.length > 3 ? ', …' : ''})`
    return head.finding(
      first!.head,
      first!.rule as BreakingRule,
      first!.severity as Severity,
      first!.message + more
    )
  })
}
