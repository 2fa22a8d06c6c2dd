import { child, type Loc } from '../spec.js'
import type { DiffContext } from './context.js'
import { daysUntil, sunsetOf } from './sunset.js'

/**
 * Removing something deprecated: before its sunset date it is an error (clients were promised it until then),
 * after it a changelog entry, and without a date a warning: nothing proves the deprecation period passed.
 */
export function compareRemoval(
  ctx: DiffContext,
  baseValue: Record<string, unknown>,
  baseLoc: Loc,
  headLoc: Loc,
  what: string,
  kind: 'operation' | 'parameter' = 'operation'
): void {
  const where = `base ${ctx.base.describe(baseLoc)}`
  if (baseValue.deprecated !== true) {
    ctx.breaking(
      kind === 'operation' ? 'operation-removed' : 'parameter-removed',
      headLoc,
      baseLoc,
      `${what} (${where})`
    )
    return
  }
  const sunset = sunsetOf(baseValue)
  if (sunset?.time === undefined) {
    if (sunset)
      ctx.breaking(
        'sunset-invalid',
        headLoc,
        baseLoc,
        `${what}; its sunset date '${sunset.text}' is unreadable (${where})`
      )
    else if (kind === 'operation')
      ctx.breaking(
        'deprecated-operation-removed',
        headLoc,
        baseLoc,
        `${what} (it was deprecated, with no sunset date; ${where})`
      )
    else
      ctx.breaking(
        'parameter-removed',
        headLoc,
        baseLoc,
        `${what} (it was deprecated, with no sunset date; ${where})`
      )
    return
  }
  const days = daysUntil(sunset.time, ctx.policy.now)
  if (sunset.time > ctx.policy.now)
    ctx.breaking(
      kind === 'operation' ? 'operation-removed-before-sunset' : 'parameter-removed-before-sunset',
      headLoc,
      baseLoc,
      `${what} ${days + 1} day(s) before its sunset date ${sunset.text} (${where})`
    )
  else
    ctx.info(
      kind === 'operation' ? 'deprecated-operation-retired' : 'deprecated-parameter-retired',
      headLoc,
      `${what} after its sunset date ${sunset.text}`
    )
}

/** Deprecation in the head: announced, with a sunset date that meets the policy and never moves earlier. */
export function compareLifecycle(
  ctx: DiffContext,
  base: Record<string, unknown> | undefined,
  head: Record<string, unknown>,
  headLoc: Loc,
  subject: string,
  kind: 'operation' | 'parameter' = 'operation'
): void {
  const wasDeprecated = base?.deprecated === true
  if (head.deprecated !== true) {
    if (wasDeprecated && kind === 'operation')
      ctx.info('operation-reactivated', headLoc, `${subject} is no longer deprecated`)
    return
  }
  const sunset = sunsetOf(head)
  const baseSunset = base ? sunsetOf(base) : undefined
  const sunsetLoc = head['x-sunset'] !== undefined ? child(headLoc, 'x-sunset') : child(headLoc, 'deprecated')
  if (!wasDeprecated)
    ctx.info(
      kind === 'operation' ? 'operation-deprecated' : 'parameter-deprecated',
      child(headLoc, 'deprecated'),
      `${subject} is now deprecated${sunset ? ` (sunset ${sunset.text})` : ''}`
    )
  if (sunset && sunset.time === undefined) {
    ctx.breaking(
      'sunset-invalid',
      sunsetLoc,
      undefined,
      `the sunset date '${sunset.text}' of ${subject} is not a date (write YYYY-MM-DD)`
    )
    return
  }
  if (wasDeprecated && baseSunset?.time !== undefined && !sunset) {
    ctx.breaking(
      'sunset-removed',
      child(headLoc, 'deprecated'),
      undefined,
      `${subject} lost its sunset date ${baseSunset.text}`
    )
    return
  }
  const minimum = ctx.policy.deprecationDays
  if (minimum <= 0) return
  if (!sunset) {
    if (!wasDeprecated)
      ctx.breaking(
        'deprecation-sunset-missing',
        child(headLoc, 'deprecated'),
        undefined,
        `${subject} is deprecated without a sunset date; the deprecation policy needs x-sunset at least ${minimum} days ahead`
      )
    return
  }
  const days = daysUntil(sunset.time!, ctx.policy.now)
  const moved = baseSunset?.time !== undefined && sunset.time! < baseSunset.time
  if (moved && days < minimum)
    ctx.breaking(
      'sunset-moved-earlier',
      sunsetLoc,
      undefined,
      `the sunset date of ${subject} moved from ${baseSunset!.text} to ${sunset.text}, ${days} days from now (the policy needs ${minimum})`
    )
  else if (!wasDeprecated && days < minimum)
    ctx.breaking(
      'sunset-too-soon',
      sunsetLoc,
      undefined,
      `${subject} is deprecated with sunset ${sunset.text}, ${days} days from now; the deprecation policy needs at least ${minimum}`
    )
}
