import { InputError } from './errors.js'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** Parses `500ms`, `30s`, `2m`, `1h`, `1m30s` into milliseconds. A bare number is rejected: units are required. */
export function parseDuration(value: string, what: string): number {
  const text = value.trim()
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)]
  if (!text || parts.map(p => p[0]).join('') !== text) {
    throw new InputError(`${what} must be a duration with units, like 500ms, 30s or 2m (got '${value}')`)
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit as string]!, 0)
}

/**
 * `850ms`, `1.5s`, `2m5s`, `1h2m`. Each value is rounded to what its unit shows *before* the unit is chosen,
 * so a value that rounds up moves to the next unit (999.6 ms is `1s`, 119,999 ms is `2m0s`), never `1000ms`
 * or `1m60s`.
 */
export function formatDuration(ms: number): string {
  const milliseconds = Math.round(Math.max(0, ms))
  if (milliseconds < 1000) return `${milliseconds}ms`
  const tenths = Math.round(milliseconds / 100)
  if (tenths < 600) return `${tenths / 10}s`
  const seconds = Math.round(milliseconds / 1000)
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60}s`
  const minutes = Math.round(seconds / 60)
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`
}
