import { compileSafeRegExp } from '../../kernel/regex.js'
import { isRecord } from './operations.js'
import { formatPointer } from './pointer.js'
import { child, type Loc, type Spec } from './spec.js'

const MAX_DEPTH = 6

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AA=='
}

/**
 * A value that satisfies a schema, for requests the spec gives no example for. Explicit examples win
 * (`example`, 3.1 `examples`, `default`, `const`, `enum`); recursive schemas stop at the first repeat.
 */
export function sampleFromSchema(spec: Spec, loc: Loc, depth = 0, seen: Set<string> = new Set()): unknown {
  const target = spec.deref(loc)
  if (!target || !isRecord(target.value) || depth > MAX_DEPTH) return undefined
  const key = `${target.loc.file.id}#${formatPointer(target.loc.pointer)}`
  if (seen.has(key)) return undefined
  const schema = target.value
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum.find(v => v !== null) ?? schema.enum[0]
  const inner = new Set(seen).add(key)
  const here = target.loc
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key]) && schema[key].length > 0)
      return sampleFromSchema(spec, child(here, key, 0), depth + 1, inner)
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Record<string, unknown> = {}
    let scalar: unknown
    schema.allOf.forEach((_, index) => {
      const part = sampleFromSchema(spec, child(here, 'allOf', index), depth + 1, inner)
      if (isRecord(part)) Object.assign(merged, part)
      else if (part !== undefined) scalar = part
    })
    const own = objectSample(spec, here, schema, depth, inner)
    return scalar !== undefined && Object.keys(merged).length === 0 ? scalar : { ...merged, ...(own ?? {}) }
  }
  const type = Array.isArray(schema.type) ? schema.type.find(t => t !== 'null') : schema.type
  switch (type) {
    case 'integer':
    case 'number':
      return numberSample(schema, type)
    case 'boolean':
      return true
    case 'string':
      return stringSample(schema)
    case 'array': {
      const item =
        schema.items === undefined
          ? undefined
          : sampleFromSchema(spec, child(here, 'items'), depth + 1, inner)
      return item === undefined ? [] : [item]
    }
    case 'null':
      return null
    default:
      return objectSample(spec, here, schema, depth, inner) ?? (type === 'object' ? {} : undefined)
  }
}

/** The step a number schema moves in: its `multipleOf`, else 1 for an integer, else 0 (any value). */
export function numberStep(schema: Record<string, unknown>, type: string): number {
  return typeof schema.multipleOf === 'number' && schema.multipleOf > 0
    ? schema.multipleOf
    : type === 'integer'
      ? 1
      : 0
}

/**
 * The smallest number the schema accepts from 1 up: bounds (3.0's boolean and 3.1's numeric exclusive ones)
 * and `multipleOf` honoured, so the service is not sent a value its own spec forbids.
 */
function numberSample(schema: Record<string, unknown>, type: string): number {
  const step = numberStep(schema, type)
  const nudge = step || 1
  let min = 1
  if (typeof schema.minimum === 'number')
    min = schema.exclusiveMinimum === true ? schema.minimum + nudge : schema.minimum
  if (typeof schema.exclusiveMinimum === 'number')
    min = Math.max(typeof schema.minimum === 'number' ? min : -Infinity, schema.exclusiveMinimum + nudge)
  let max = Infinity
  if (typeof schema.maximum === 'number')
    max = schema.exclusiveMaximum === true ? schema.maximum - nudge : schema.maximum
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - nudge)
  if (min > max) min = max
  let value = step ? Math.ceil(min / step) * step : min
  if (type === 'integer') value = Math.ceil(value)
  if (value > max && step) value = Math.floor(max / step) * step
  return Number.isFinite(value) ? value : 1
}

function stringSample(schema: Record<string, unknown>): string {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity
  const fit = (text: string) =>
    (text.length >= minLength ? text : text.padEnd(minLength, 'x')).slice(0, maxLength)
  if (typeof schema.pattern === 'string') {
    const matching = sampleForPattern(schema.pattern, minLength, maxLength)
    if (matching !== undefined) return matching
  }
  return fit((typeof schema.format === 'string' && FORMAT_SAMPLES[schema.format]) || 'example')
}

/**
 * A string matching a pattern: the shortest expansion of its atoms (a class's first character, a group's first
 * alternative, each quantifier's minimum), checked with the linear-time engine. Undefined when that fails.
 */
export function sampleForPattern(pattern: string, minLength = 0, maxLength = Infinity): string | undefined {
  let regex
  try {
    regex = compileSafeRegExp(pattern)
  } catch {
    return undefined
  }
  const candidates = [expandPattern(pattern), 'example', 'a', 'A', '0', 'abc', 'ABC', '123']
  for (const candidate of candidates) {
    if (candidate === undefined) continue
    let text = candidate
    if (text.length < minLength) text = text.padEnd(minLength, text.slice(-1) || 'x')
    if (text.length > maxLength) continue
    if (regex.test(text)) return text
  }
  return undefined
}

function expandPattern(pattern: string): string | undefined {
  let i = 0
  const atom = (): string | undefined => {
    const char = pattern[i++]
    if (char === undefined) return ''
    if (char === '\\') {
      const next = pattern[i++] ?? ''
      return next === 'd' ? '0' : next === 'w' ? 'a' : next === 's' ? ' ' : /[DWS]/.test(next) ? '-' : next
    }
    if (char === '.') return 'a'
    if (char === '[') {
      const negated = pattern[i] === '^'
      if (negated) i++
      let first: string | undefined
      while (i < pattern.length && pattern[i] !== ']') {
        let c = pattern[i++]!
        if (c === '\\') c = pattern[i++] === 'd' ? '0' : pattern[i - 1]!
        first ??= c
      }
      i++
      return negated ? (first === 'a' ? 'b' : 'a') : (first ?? 'a')
    }
    if (char === '(') {
      if (pattern.startsWith('?:', i)) i += 2
      let out = ''
      let depth = 0
      let skipping = false
      while (i < pattern.length) {
        if (pattern[i] === ')' && depth === 0) break
        if (pattern[i] === '|' && depth === 0) {
          skipping = true
          i++
          continue
        }
        if (skipping) {
          if (pattern[i] === '(') depth++
          if (pattern[i] === ')') depth--
          i++
          continue
        }
        const piece = quantified()
        if (piece === undefined) return undefined
        out += piece
      }
      i++
      return out
    }
    if (char === '^' || char === '$') return ''
    return char
  }
  const quantified = (): string | undefined => {
    const base = atom()
    if (base === undefined) return undefined
    const q = pattern[i]
    if (q === '?' || q === '*') {
      i++
      return ''
    }
    if (q === '+') {
      i++
      return base
    }
    if (q === '{') {
      const close = pattern.indexOf('}', i)
      const min = Number(pattern.slice(i + 1, close).split(',')[0])
      i = close + 1
      return Number.isFinite(min) ? base.repeat(min) : base
    }
    return base
  }
  let out = ''
  while (i < pattern.length) {
    const piece = quantified()
    if (piece === undefined) return undefined
    out += piece
    if (out.length > 1000) return undefined
  }
  return out
}

function objectSample(
  spec: Spec,
  loc: Loc,
  schema: Record<string, unknown>,
  depth: number,
  seen: Set<string>
): Record<string, unknown> | undefined {
  if (!isRecord(schema.properties)) return undefined
  const required = Array.isArray(schema.required)
    ? schema.required.map(String)
    : Object.keys(schema.properties)
  const out: Record<string, unknown> = {}
  for (const name of required) {
    if (!(name in schema.properties)) continue
    const value = sampleFromSchema(spec, child(loc, 'properties', name), depth + 1, seen)
    if (value !== undefined) out[name] = value
  }
  return out
}

/** The first example of a parameter or media type object: `example`, then `examples` (following refs), then its schema. */
export function exampleOf(spec: Spec, loc: Loc): unknown {
  const target = spec.deref(loc)
  if (!target || !isRecord(target.value)) return undefined
  const value = target.value
  if (value.example !== undefined) return value.example
  if (isRecord(value.examples)) {
    for (const name of Object.keys(value.examples)) {
      const example = spec.deref(child(target.loc, 'examples', name))
      if (example && isRecord(example.value) && example.value.value !== undefined) return example.value.value
    }
  }
  if (value.schema !== undefined) return sampleFromSchema(spec, child(target.loc, 'schema'))
  if (isRecord(value.content)) {
    const mediaType = Object.keys(value.content)[0]
    if (mediaType) return exampleOf(spec, child(target.loc, 'content', mediaType))
  }
  return undefined
}
