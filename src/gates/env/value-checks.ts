/** Checks on a single value: its declared type, placeholders, and hosts that only exist on a developer's machine. */
import { createRequire } from 'node:module'
import { parseDuration } from '../../duration.js'

export const VALUE_TYPES = [
  'string',
  'url',
  'int',
  'number',
  'port',
  'bool',
  'enum',
  'email',
  'duration',
  'json',
  'host',
  'uuid'
] as const
export type ValueType = (typeof VALUE_TYPES)[number]

const HOST_NAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/

/** What a valid value of each type looks like, for messages. */
export const TYPE_EXPECTATION: Record<ValueType, string> = {
  string: 'a string',
  url: 'a URL with a scheme and host (e.g. https://host/path)',
  int: 'a whole number',
  number: 'a number',
  port: 'a port number from 1 to 65535',
  bool: 'a boolean (true/false, 1/0, yes/no, on/off)',
  enum: 'one of the listed values',
  email: 'an email address',
  duration: 'a duration with units (e.g. 500ms, 30s, 2m)',
  json: 'valid JSON',
  host: 'a host name or IP address',
  uuid: 'a UUID'
}

let isIP: ((value: string) => number) | undefined

/**
 * node:net's isIP, asked only about strings that could be an address (its IPv6 check is slow when cold).
 * node:net (with streams) is loaded on first use: most schemas have no host values to check.
 */
function ipVersion(value: string): number {
  if (!(/^[0-9a-fA-F:.]+$/.test(value) && /[.:]/.test(value))) return 0
  isIP ??= (createRequire(import.meta.url)('node:net') as typeof import('node:net')).isIP
  return isIP(value)
}

export function isValidHost(value: string): boolean {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  return ipVersion(bare) !== 0 || HOST_NAME.test(value)
}

/** Whether `value` is a valid `type` (enum membership is checked by the caller, which knows the values). */
export function matchesType(type: ValueType, value: string): boolean {
  switch (type) {
    case 'string':
    case 'enum':
      return true
    case 'url': {
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false
      try {
        // A host is required, except for the `scheme:///path` form (sqlite:///data.db, file:///…).
        return new URL(value).host !== '' || /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\//.test(value)
      } catch {
        return false
      }
    }
    case 'int':
      return /^[+-]?\d+$/.test(value)
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)
    case 'port':
      return /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535
    case 'bool':
      return /^(true|false|1|0|yes|no|on|off)$/i.test(value)
    case 'email':
      return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)
    case 'duration':
      try {
        parseDuration(value, 'value')
        return true
      } catch {
        return false
      }
    case 'json':
      try {
        JSON.parse(value)
        return true
      } catch {
        return false
      }
    case 'host':
      return isValidHost(value)
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  }
}

/** A number for `min`/`max` checks (ports and ints are numbers too). */
export function numericValue(type: ValueType, value: string): number | undefined {
  if (type !== 'int' && type !== 'number' && type !== 'port') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

// Values people leave in a file meaning "fill this in later".
const PLACEHOLDER_WHOLE =
  /^(?:<[^<>]*>|\{\{[^{}]*\}\}|change[-_ ]?(?:me|it|this)|todo|tbd|fixme|placeholder|replace[-_ ]?me|dummy|fake|sample|example|x{3,}|(?:x+[-_])+x+|\.{3}|…|your[-_ ].*|(?:insert|enter|put|add)[-_ ].*[-_ ]here|.*[-_ ]here)$/i
const PLACEHOLDER_WORD = /(?:^|[^A-Za-z0-9])(?:change_?me|replace_?me|xxx+)(?:$|[^A-Za-z0-9])/i
const PLACEHOLDER_MARKER = /(?:^|[^A-Za-z0-9])(?:TODO|FIXME|TBD)(?:$|[^A-Za-z0-9])/
// RFC 2606 / 6761 names reserved for documentation: never a real production endpoint.
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|org|net)|example|invalid|test)$/i

/** Whether a value is a placeholder someone forgot to replace. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim()
  if (text === '') return false
  if (PLACEHOLDER_WHOLE.test(text) || PLACEHOLDER_WORD.test(text) || PLACEHOLDER_MARKER.test(text))
    return true
  const host = urlHost(text)
  return host !== undefined && EXAMPLE_DOMAIN.test(host)
}

/** The host of a value written as a URL (`scheme://…`), lower-cased, without IPv6 brackets. */
export function urlHost(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return undefined
  try {
    const host = new URL(value).hostname.toLowerCase()
    return host.startsWith('[') ? host.slice(1, -1) : host || undefined
  } catch {
    return undefined
  }
}

/** The password in a URL's user-info (`postgres://user:pass@host`), decoded as a client would use it. */
export function urlPassword(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return undefined
  try {
    const password = new URL(value).password
    return password ? decodeURIComponent(password) : undefined
  } catch {
    const match = /^[^:]+:\/\/[^:/@\s]*:([^@/\s]+)@/.exec(value)
    return match?.[1]
  }
}

export type LocalHostKind = 'loopback' | 'private'

/** Whether a host only resolves on the machine itself (loopback) or on a private network. */
export function localHostKind(host: string): LocalHostKind | undefined {
  const name = host.toLowerCase().replace(/\.$/, '')
  if (name === 'localhost' || name.endsWith('.localhost') || name === 'host.docker.internal')
    return 'loopback'
  if (name === '0.0.0.0' || name === '::' || name === '::1') return 'loopback'
  if (ipVersion(name) === 4) {
    const [a, b] = name.split('.').map(Number) as [number, number]
    if (a === 127) return 'loopback'
    if (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    ) {
      return 'private'
    }
    if (a === 100 && b >= 64 && b <= 127) return 'private' // carrier-grade NAT
    return undefined
  }
  if (ipVersion(name) === 6) {
    if (/^::ffff:/.test(name)) return localHostKind(name.slice(7))
    if (/^f[cd]/.test(name) || /^fe[89ab]/.test(name)) return 'private'
    return undefined
  }
  if (name.endsWith('.local') || name.endsWith('.internal') || name.endsWith('.lan')) return 'private'
  return undefined
}
