import type { Operation } from '../operations.js'
import { child } from '../spec.js'
import type { DiffContext } from './context.js'

type Way = Record<string, string[]>

/**
 * Security: each way a client could authenticate at the base (one requirement object: schemes together)
 * must still work at the head. A way that lost out to new scopes is `security-scope-added`; any other
 * lost way (a new scheme required, an alternative removed) is `security-requirement-added`.
 */
export function compareSecurity(ctx: DiffContext, base: Operation, head: Operation): void {
  const baseWays: Way[] = base.security.length === 0 ? [{}] : base.security
  const headWays: Way[] = head.security
  if (headWays.length === 0) return
  if (headWays.some(way => Object.keys(way).length === 0)) return // anonymous access still allowed
  const satisfiedBy = (way: Way, headWay: Way, ignoreScopes: boolean) =>
    Object.entries(headWay).every(
      ([scheme, scopes]) =>
        scheme in way && (ignoreScopes || (scopes ?? []).every(scope => (way[scheme] ?? []).includes(scope)))
    )
  const broken = baseWays.filter(way => !headWays.some(headWay => satisfiedBy(way, headWay, false)))
  const loc = Array.isArray(head.value.security)
    ? child(head.loc, 'security')
    : { file: ctx.head.entry, pointer: ['security'] }
  const scopeOnly = broken.filter(way => headWays.some(headWay => satisfiedBy(way, headWay, true)))
  if (scopeOnly.length > 0) {
    const added = new Set<string>()
    for (const way of scopeOnly)
      for (const headWay of headWays)
        for (const [scheme, scopes] of Object.entries(headWay))
          for (const scope of scopes ?? [])
            if (!(way[scheme] ?? []).includes(scope)) added.add(`${scheme}:${scope}`)
    ctx.breaking(
      'security-scope-added',
      loc,
      undefined,
      `${ctx.operation} now requires the scope${added.size === 1 ? '' : 's'} ${[...added].join(', ')}; tokens issued for ${describe(scopeOnly)} are rejected`
    )
  }
  const lost = broken.filter(way => !scopeOnly.includes(way))
  if (lost.length > 0)
    ctx.breaking(
      'security-requirement-added',
      loc,
      undefined,
      `${ctx.operation} now requires ${describe(headWays)}; clients using ${describe(lost)} are rejected`
    )
  const added = headWays.filter(
    way => !baseWays.some(baseWay => JSON.stringify(baseWay) === JSON.stringify(way))
  )
  if (added.length > 0 && broken.length === 0)
    ctx.info('security-alternative-added', loc, `${ctx.operation} also accepts ${describe(added)}`)
}

function describe(ways: Way[]): string {
  return ways
    .map(
      way =>
        Object.entries(way)
          .map(([scheme, scopes]) => (scopes?.length ? `${scheme}(${scopes.join(' ')})` : scheme))
          .join('+') || 'no authentication'
    )
    .join(' or ')
}
