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

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)}s`
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`
}
