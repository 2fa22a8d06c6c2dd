/**
 * Whether each freeze window is in force at an instant. A date window is in force from `from` (inclusive) to
 * `to` (exclusive). A cron window opens at each `start` occurrence and closes at the first `end` occurrence
 * after it, as GitLab's deploy freezes do, so `0 23 * * 5` to `0 7 * * 1` spans the weekend.
 */
import type { FreezeWindow } from './config.js'

export interface WindowState {
  window: FreezeWindow
  inForce: boolean
  /** In force: when it opened. Not in force: when it opens next (undefined: never again). */
  opens?: number
  /** When that opening closes. */
  closes?: number
}

export function windowState(window: FreezeWindow, now: number): WindowState {
  if (window.kind === 'dates') {
    if (now < window.from) return { window, inForce: false, opens: window.from, closes: window.to }
    return now < window.to
      ? { window, inForce: true, opens: window.from, closes: window.to }
      : { window, inForce: false }
  }
  // croner's previous runs exclude a run exactly at the reference; the window is open from that very millisecond.
  const opened = window.start.previousRuns(1, new Date(now + 1))[0]
  if (opened) {
    const closes = window.end.nextRun(opened)
    // An end croner cannot find keeps the window open: fail closed rather than let a deploy through.
    if (!closes) return { window, inForce: true, opens: opened.getTime() }
    if (closes.getTime() > now)
      return { window, inForce: true, opens: opened.getTime(), closes: closes.getTime() }
  }
  const next = window.start.nextRun(new Date(now))
  if (!next) return { window, inForce: false }
  const closes = window.end.nextRun(next)
  return { window, inForce: false, opens: next.getTime(), ...(closes ? { closes: closes.getTime() } : {}) }
}

export interface FreezeVerdict {
  states: WindowState[]
  /** The window in force that closes last (one without an end wins); undefined when none is. */
  active?: WindowState
}

export function evaluateWindows(windows: readonly FreezeWindow[], now: number): FreezeVerdict {
  const states = windows.map(window => windowState(window, now))
  let active: FreezeVerdict['active']
  const closing = (state: WindowState) => state.closes ?? Infinity
  for (const state of states) {
    if (state.inForce && (!active || closing(state) > closing(active))) active = state
  }
  return { states, ...(active ? { active } : {}) }
}

/**
 * The windows that take over, without a gap, when `active` closes (Black Friday, then Cyber Monday), at most
 * `limit` of them: the freeze lifts when the last one closes. `until` stays the end of the window in force.
 */
export function followingWindows(
  windows: readonly FreezeWindow[],
  active: WindowState,
  limit = 10
): WindowState[] {
  const chain: WindowState[] = []
  for (let at = active.closes; at !== undefined && chain.length < limit;) {
    const next = evaluateWindows(windows, at).active
    if (!next) break
    chain.push(next)
    at = next.closes
  }
  return chain
}
