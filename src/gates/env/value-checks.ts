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

/**
 * `loopback`: only the machine itself; `unspecified`: 0.0.0.0 or `::`, which a server binds to listen on every
 * interface (a bind address, not a place to connect to); `private`: a private or link-local network.
 */
export type LocalHostKind = 'loopback' | 'unspecified' | 'private'

type Ranges = Record<LocalHostKind, import('node:net').BlockList>
let ranges: Ranges | undefined

/**
 * node:net's BlockList, built on first use: it compares addresses numerically, so every spelling of an
 * address counts (`::ffff:127.0.0.1` is loopback whether written dotted or as `::ffff:7f00:1`, the form
 * `new URL` rewrites it to), which string prefixes miss.
 */
function addressRanges(): Ranges {
  if (ranges) return ranges
  const { BlockList } = createRequire(import.meta.url)('node:net') as typeof import('node:net')
  const list = (ipv4: [string, number][], ipv6: [string, number][]) => {
    const blocks = new BlockList()
    for (const [address, prefix] of ipv4) blocks.addSubnet(address, prefix, 'ipv4')
    for (const [address, prefix] of ipv6) blocks.addSubnet(address, prefix, 'ipv6')
    return blocks
  }
  ranges = {
    loopback: list([['127.0.0.0', 8]], [['::1', 128]]),
    unspecified: list([['0.0.0.0', 32]], [['::', 128]]),
    private: list(
      [
        ['10.0.0.0', 8],
        ['172.16.0.0', 12],
        ['192.168.0.0', 16],
        ['169.254.0.0', 16],
        ['100.64.0.0', 10]
      ],
      [
        ['fc00::', 7],
        ['fe80::', 10]
      ]
    )
  }
  return ranges
}

/** Whether a host only resolves on the machine itself (loopback), is a listen-on-every-interface address, or is private. */
export function localHostKind(host: string): LocalHostKind | undefined {
  const name = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost' || name.endsWith('.localhost') || name === 'host.docker.internal')
    return 'loopback'
  const version = ipVersion(name)
  if (version !== 0) {
    const family = version === 4 ? 'ipv4' : 'ipv6'
    const blocks = addressRanges()
    for (const kind of ['loopback', 'unspecified', 'private'] as const)
      if (blocks[kind].check(name, family)) return kind
    return undefined
  }
  if (name.endsWith('.local') || name.endsWith('.internal') || name.endsWith('.lan')) return 'private'
  return undefined
}
