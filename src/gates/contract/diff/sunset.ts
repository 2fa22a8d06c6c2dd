import { isRecord } from '../operations.js'

const DAY_MS = 86_400_000

/** The sunset date an operation or parameter declares: `x-sunset` (oasdiff's extension) or a documented `Sunset` header. */
export function sunsetOf(
  value: Record<string, unknown>
): { text: string; time: number | undefined } | undefined {
  const raw = value['x-sunset'] ?? sunsetHeaderExample(value)
  if (raw === undefined) return undefined
  const text = String(raw)
  return { text, time: parseSunset(text) }
}

/** RFC 3339 dates (`2027-06-30`, with or without a time) and HTTP dates (RFC 8594's `Sunset` header). */
export function parseSunset(text: string): number | undefined {
  const trimmed = text.trim()
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(trimmed)) {
    const time = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed)
    return Number.isFinite(time) ? time : undefined
  }
  if (/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) {
    const time = Date.parse(trimmed)
    return Number.isFinite(time) ? time : undefined
  }
  return undefined
}

/** Days from `now` to `time`, rounded down. */
export function daysUntil(time: number, now: number): number {
  return Math.floor((time - now) / DAY_MS)
}

function sunsetHeaderExample(operation: Record<string, unknown>): unknown {
  if (!isRecord(operation.responses)) return undefined
  for (const response of Object.values(operation.responses)) {
    if (!isRecord(response) || !isRecord(response.headers)) continue
    for (const [name, header] of Object.entries(response.headers)) {
      if (name.toLowerCase() !== 'sunset' || !isRecord(header)) continue
      const schema = isRecord(header.schema) ? header.schema : {}
      const example = header.example ?? schema.example ?? schema.default
      if (example !== undefined) return example
    }
  }
  return undefined
}
