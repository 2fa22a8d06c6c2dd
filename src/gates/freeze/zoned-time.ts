/**
 * Wall-clock times in an IANA time zone, through `Intl` (no time zone data of our own). A wall-clock time that
 * a daylight-saving change skips or repeats is resolved as Temporal's `compatible` disambiguation and RFC 5545
 * do: a skipped time moves forward by the length of the gap, a repeated time is its first occurrence.
 */

export interface WallClock {
  year: number
  /** 1–12. */
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, format)
  }
  return format
}

/** The canonical name of a time zone `Intl` knows (`europe/berlin` → `Europe/Berlin`), or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

/** The wall-clock time at an instant in a time zone. */
export function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: ((instantMs % 1000) + 1000) % 1000
  }
}

const asUtc = (wall: WallClock) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond)

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: -5 h). */
export function offsetAt(instantMs: number, timeZone: string): number {
  return asUtc(wallClockAt(instantMs, timeZone)) - instantMs
}

const DAY_MS = 86_400_000

/** The instant a wall-clock time in a time zone names (see the file comment for skipped and repeated times). */
export function instantOf(wall: WallClock, timeZone: string): number {
  const local = asUtc(wall)
  // Offsets change at most once within a day on either side of any real transition.
  const before = offsetAt(local - DAY_MS, timeZone)
  const after = offsetAt(local + DAY_MS, timeZone)
  const candidates = [...new Set([before, after])]
    .map(offset => local - offset)
    .filter(instant => asUtc(wallClockAt(instant, timeZone)) === local)
    .sort((a, b) => a - b)
  // None: the time falls in a gap; shifting by the offset in force before it moves it forward by the gap.
  return candidates[0] ?? local - before
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `2026-11-30T05:00:00Z` (milliseconds only when there are any). */
export function formatUtc(instantMs: number): string {
  const iso = new Date(instantMs).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}

/** `2026-11-30 00:00 America/New_York` (seconds only when there are any). */
export function formatWallClock(instantMs: number, timeZone: string): string {
  const w = wallClockAt(instantMs, timeZone)
  const seconds = w.second ? `:${pad(w.second)}` : ''
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${seconds} ${timeZone}`
}
