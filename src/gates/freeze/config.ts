/**
 * The freeze gate's inputs, parsed once: `freeze-windows` (a YAML list), `timezone`, `override`. Every
 * problem is one line naming the input, and for a window its line in the input and its name.
 */
import { Cron } from 'croner'
import yaml from 'js-yaml'
import { InputError } from '../../errors.js'
import { getString } from '../../inputs.js'
import type { InputSource } from '../../types.js'
import { canonicalTimeZone, instantOf, type WallClock } from './zoned-time.js'

export type FreezeWindow =
  | { kind: 'dates'; name: string; from: number; to: number; fromText: string; toText: string }
  | { kind: 'cron'; name: string; start: Cron; end: Cron; startText: string; endText: string }

export interface FreezeConfig {
  windows: FreezeWindow[]
  /** Canonical IANA name. */
  timeZone: string
  /** The reason that lets a deploy through a freeze; undefined when none was given. */
  override?: string
}

/** Enough for every holiday of a decade; a longer list is more likely a generated mistake. */
export const MAX_WINDOWS = 500
export const MAX_OVERRIDE_LENGTH = 1000
const WINDOW_KEYS = ['name', 'from', 'to', 'start', 'end']

export function parseFreezeInputs(source: InputSource): FreezeConfig {
  const zoneInput = getString(source, 'timezone', 'UTC')
  const timeZone = canonicalTimeZone(zoneInput)
  if (!timeZone) {
    throw new InputError(
      `${source.describe('timezone')} must be an IANA time zone name like UTC, Europe/Berlin or America/New_York (got '${zoneInput}')`
    )
  }
  const override = source.get('override')
  if (override !== undefined && override.length > MAX_OVERRIDE_LENGTH) {
    throw new InputError(
      `${source.describe('override')} is ${override.length} characters long; a reason of at most ${MAX_OVERRIDE_LENGTH} is enough`
    )
  }
  return { windows: parseWindows(source, timeZone), timeZone, ...(override ? { override } : {}) }
}

function parseWindows(source: InputSource, timeZone: string): FreezeWindow[] {
  const what = source.describe('freeze-windows')
  const text = source.get('freeze-windows')
  if (text === undefined) {
    throw new InputError(
      `${what} is required: a YAML list of windows, each with a name and from/to dates or start/end cron expressions`
    )
  }
  let list: unknown
  try {
    // The core schema keeps unquoted date-times as strings: js-yaml's default would read `2026-11-27T09:00` as UTC.
    list = yaml.load(text, { schema: yaml.CORE_SCHEMA })
  } catch (error) {
    const { reason, mark } = error as yaml.YAMLException
    throw new InputError(`${what} line ${(mark?.line ?? 0) + 1}: not valid YAML: ${reason ?? String(error)}`)
  }
  if (!Array.isArray(list)) {
    throw new InputError(
      `${what} must be a YAML list of windows ('- name: …'), got ${list === null ? 'nothing' : typeof list}`
    )
  }
  if (list.length > MAX_WINDOWS)
    throw new InputError(`${what} has ${list.length} windows, more than the limit of ${MAX_WINDOWS}`)
  const lines = itemLines(text, list.length)
  const names = new Set<string>()
  return list.map((item, index) => {
    const where = `${what}${lines ? ` line ${lines[index]}` : ''}`
    const window = parseWindow(item, index, where, timeZone)
    if (names.has(window.name)) throw new InputError(`${where}: a second window named '${window.name}'`)
    names.add(window.name)
    return window
  })
}

function parseWindow(item: unknown, index: number, where: string, timeZone: string): FreezeWindow {
  const ordinal = `window ${index + 1}`
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new InputError(`${where}: ${ordinal} must be a mapping with name and from/to or start/end`)
  }
  const fields = item as Record<string, unknown>
  const unknown = Object.keys(fields).filter(key => !WINDOW_KEYS.includes(key))
  if (unknown.length > 0) {
    throw new InputError(
      `${where}: ${ordinal} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map(k => `'${k}'`).join(', ')} (a window has ${WINDOW_KEYS.join(', ')})`
    )
  }
  const name = scalar(fields.name)
  if (!name) throw new InputError(`${where}: ${ordinal} needs a name`)
  const at = `${where} (window '${name}')`
  const hasDates = fields.from !== undefined || fields.to !== undefined
  const hasCron = fields.start !== undefined || fields.end !== undefined
  if (hasDates && hasCron)
    throw new InputError(`${at}: give either from/to (dates) or start/end (cron), not both`)
  if (hasCron) {
    const startText = required(fields, 'start', at)
    const endText = required(fields, 'end', at)
    const start = parseCron(startText, 'start', at, timeZone)
    const end = parseCron(endText, 'end', at, timeZone)
    if (start.getPattern() === end.getPattern())
      throw new InputError(`${at}: 'start' and 'end' are the same expression, so the window never opens`)
    return { kind: 'cron', name, start, end, startText, endText }
  }
  if (!hasDates) throw new InputError(`${at}: needs from/to (ISO 8601 date-times) or start/end (cron)`)
  const fromText = required(fields, 'from', at)
  const toText = required(fields, 'to', at)
  const from = parseDateTime(fromText, 'from', at, timeZone)
  const to = parseDateTime(toText, 'to', at, timeZone)
  if (to <= from) {
    throw new InputError(
      `${at}: 'to' (${toText}) is ${to === from ? 'the same time as' : 'before'} 'from' (${fromText}): the window ends before it starts`
    )
  }
  return { kind: 'dates', name, from, to, fromText, toText }
}

function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : ''
}

function required(fields: Record<string, unknown>, key: string, at: string): string {
  const value = scalar(fields[key])
  if (!value) throw new InputError(`${at}: '${key}' is missing`)
  return value
}

function parseCron(text: string, key: string, at: string, timeZone: string): Cron {
  let cron: Cron
  try {
    // Five fields, as GitLab's deploy freezes; day-of-month and day-of-week combine with OR, as in cron(8).
    cron = new Cron(text, { mode: '5-part', timezone: timeZone, legacyMode: true })
  } catch (error) {
    const reason = (error as Error).message.replace(/^Cron\w*:\s*/, '')
    throw new InputError(`${at}: '${key}' is not a valid five-field cron expression ('${text}'): ${reason}`)
  }
  if (cron.nextRun(NEVER_BEFORE) === null)
    throw new InputError(`${at}: '${key}' ('${text}') never matches a date (e.g. 30 February)`)
  return cron
}

/** A fixed reference for "does it ever match", so parsing does not depend on the clock. */
const NEVER_BEFORE = new Date(Date.UTC(2000, 0, 1))

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/** An ISO 8601 date-time: with `Z` or an offset it is that instant; without, a wall-clock time in `timeZone`. */
function parseDateTime(text: string, key: string, at: string, timeZone: string): number {
  const invalid = (why: string) =>
    new InputError(
      `${at}: '${key}' ${why} (got '${text}'); write an ISO 8601 date-time like 2026-11-27T00:00, 2026-11-27T00:00:00Z or 2026-11-27T00:00-05:00`
    )
  const match = DATE_TIME.exec(text)
  if (!match) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) throw invalid('is a date without a time of day')
    throw invalid('is not an ISO 8601 date-time')
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = match
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Math.floor(Number(`0.${fraction || '0'}`) * 1000)
  }
  const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate()
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth)
    throw invalid('is not a calendar date')
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) throw invalid('is not a time of day')
  if (wall.year < 1970) throw invalid('is before 1970')
  if (!zone) return instantOf(wall, timeZone)
  const local = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond
  )
  if (zone.toUpperCase() === 'Z') return local
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!
  const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0)
  if (Number(offset[2]) > 23 || Number(offset[3] ?? 0) > 59) throw invalid('has an invalid UTC offset')
  return local - (offset[1] === '-' ? -1 : 1) * minutes * 60_000
}

/**
 * The 1-based line of each item of a block sequence (`- name: …` at the list's indentation), for error
 * messages. Undefined when the list is written another way (flow style): errors then name the window alone.
 */
function itemLines(text: string, count: number): number[] | undefined {
  const lines: number[] = []
  let indent: number | undefined
  text.split('\n').forEach((line, index) => {
    const match = /^( *)-(?:\s|$)/.exec(line)
    if (!match) return
    indent ??= match[1]!.length
    if (match[1]!.length === indent) lines.push(index + 1)
  })
  return lines.length === count ? lines : undefined
}
