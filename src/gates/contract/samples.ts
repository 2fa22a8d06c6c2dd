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
    case 'number': {
      const min =
        typeof schema.minimum === 'number'
          ? schema.minimum
          : typeof schema.exclusiveMinimum === 'number'
            ? schema.exclusiveMinimum + 1
            : 1
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined
      return max !== undefined && min > max ? max : min
    }
    case 'boolean':
      return true
    case 'string': {
      const sample = (typeof schema.format === 'string' && FORMAT_SAMPLES[schema.format]) || 'example'
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
      return sample.length >= minLength ? sample : sample.padEnd(minLength, 'x')
    }
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
