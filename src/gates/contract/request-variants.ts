/**
 * The several valid requests sent per operation: the first examples, then each other documented example, then
 * values at the constraint boundaries. Every value is checked against its schema before it is used, so a
 * variant the service refuses is the service's (or the spec's) fault, never the generator's.
 */
import { isRecord, type Operation, type Parameter } from './operations.js'
import { isJsonMediaType, isSafeMethod, type RequestOverrides } from './requests.js'
import { exampleOf, numberStep, sampleForPattern } from './samples.js'
import type { SchemaValidators } from './schema-validator.js'
import { child, type Loc, type Spec } from './spec.js'

export interface RequestVariant {
  /** What this request tries, for the summary table and the JUnit test case name. */
  label: string
  overrides: RequestOverrides
}

/** Longest string and longest array a boundary request carries (a maxLength of 10^6 would not fit a URL). */
const MAX_BOUNDARY_LENGTH = 2048
const MAX_BOUNDARY_ITEMS = 100
const MAX_ENUM_MEMBERS = 20

/**
 * Up to `max` variants for `op`, the plain request (first examples, or generated values) first. Documented
 * examples come before boundaries because they are what the spec's authors promised works.
 */
export function requestVariants(
  spec: Spec,
  op: Operation,
  validators: () => SchemaValidators,
  max: number
): RequestVariant[] {
  const documented = explicitExamples(spec, op)
  const variants: RequestVariant[] = [
    { label: documented.used ? 'first examples' : 'values from the schemas', overrides: {} }
  ]
  if (max <= 1) return variants
  const seen = new Set<string>()
  const add = (label: string, overrides: RequestOverrides) => variants.push({ label, overrides })
  for (const param of op.parameters) {
    seen.clear()
    if (inPlainRequest(param)) seen.add(key(exampleOf(spec, param.loc)))
    for (const { name, value } of mediaExamples(spec, param.loc)) {
      const text = key(value)
      if (seen.has(text) || !valid(validators, schemaOf(param), value)) continue
      seen.add(text)
      add(`${param.name} = ${shown(value)} (example${name ? ` '${name}'` : ''})`, {
        params: new Map([[param, value]])
      })
    }
  }
  if (op.requestBody && !isSafeMethod(op.method)) {
    const content = isRecord(op.requestBody.value.content) ? op.requestBody.value.content : {}
    const mediaType = Object.keys(content).find(isJsonMediaType)
    if (mediaType) {
      const media = child(op.requestBody.loc, 'content', mediaType)
      const first = key(exampleOf(spec, media))
      seen.clear()
      seen.add(first)
      for (const { name, value } of mediaExamples(spec, media)) {
        const text = key(value)
        if (seen.has(text) || !valid(validators, child(media, 'schema'), value)) continue
        seen.add(text)
        add(`body: example${name ? ` '${name}'` : ''}`, { body: { value } })
      }
    }
  }
  for (const param of op.parameters) {
    const schema = spec.deref(schemaOf(param))
    if (!schema || !isRecord(schema.value)) continue
    const base = exampleOf(spec, param.loc)
    // An optional parameter the plain request leaves out: each boundary value is new, its sample too.
    const seenHere = new Set(inPlainRequest(param) ? [key(base)] : [])
    for (const { what, value } of boundaryValues(schema.value, base)) {
      const text = key(value)
      if (seenHere.has(text) || !valid(validators, schemaOf(param), value)) continue
      seenHere.add(text)
      add(`${param.name} ${describeValue(value)} (${what})`, { params: new Map([[param, value]]) })
    }
  }
  return variants.slice(0, max)
}

/** Whether the plain request uses an example the spec documents (parameter or body). */
function explicitExamples(spec: Spec, op: Operation): { used: boolean } {
  const used = op.parameters.some(
    param => param.value.example !== undefined || param.value.examples !== undefined
  )
  if (used || !op.requestBody || isSafeMethod(op.method)) return { used }
  const content = op.requestBody.value.content
  return {
    used:
      isRecord(content) &&
      Object.values(content).some(
        media => isRecord(media) && (media.example !== undefined || media.examples !== undefined)
      )
  }
}

/** The plain request carries required parameters and those with an example (as planRequest decides). */
function inPlainRequest(param: Parameter): boolean {
  return param.required || param.value.example !== undefined || param.value.examples !== undefined
}

function schemaOf(param: Parameter): Loc {
  return child(param.loc, 'schema')
}

/** `example`, each named `examples` entry (`$ref`s followed), then the schema's, of a parameter or media type object. */
function mediaExamples(spec: Spec, loc: Loc): { name?: string; value: unknown }[] {
  const target = spec.deref(loc)
  if (!target || !isRecord(target.value)) return []
  const out: { name?: string; value: unknown }[] = []
  if (target.value.example !== undefined) out.push({ value: target.value.example })
  if (isRecord(target.value.examples))
    for (const name of Object.keys(target.value.examples)) {
      const example = spec.deref(child(target.loc, 'examples', name))
      if (example && isRecord(example.value) && example.value.value !== undefined)
        out.push({ name, value: example.value.value })
    }
  if (target.value.schema !== undefined) out.push(...schemaExamples(spec, child(target.loc, 'schema')))
  return out
}

/** A schema's `example` and 3.1's `examples` array. */
function schemaExamples(spec: Spec, loc: Loc): { value: unknown }[] {
  const schema = spec.deref(loc)
  if (!schema || !isRecord(schema.value)) return []
  const out: { value: unknown }[] = []
  if (schema.value.example !== undefined) out.push({ value: schema.value.example })
  if (Array.isArray(schema.value.examples)) for (const value of schema.value.examples) out.push({ value })
  return out
}

/**
 * Values on the schema's edges: the smallest and largest number (exclusive bounds and `multipleOf` honoured),
 * the shortest and longest string (matching `pattern`), the fewest and most array items, every enum member.
 */
function boundaryValues(schema: Record<string, unknown>, base: unknown): { what: string; value: unknown }[] {
  const out: { what: string; value: unknown }[] = []
  const type = Array.isArray(schema.type) ? schema.type.find(t => t !== 'null') : schema.type
  if (Array.isArray(schema.enum))
    for (const member of schema.enum.slice(0, MAX_ENUM_MEMBERS))
      if (member !== null) out.push({ what: 'enum member', value: member })
  if (type === 'integer' || type === 'number') out.push(...numberBounds(schema, type))
  if (type === 'string') out.push(...stringBounds(schema, base))
  if (type === 'array' && Array.isArray(base) && base.length > 0) out.push(...arrayBounds(schema, base))
  return out
}

/** minimum, maximum, and the first value inside an exclusive bound (3.0's boolean form and 3.1's number). */
function numberBounds(schema: Record<string, unknown>, type: string): { what: string; value: number }[] {
  const out: { what: string; value: number }[] = []
  const step = numberStep(schema, type)
  const nudge = step || 1
  const align = (value: number, up: boolean) =>
    step ? (up ? Math.ceil(value / step) : Math.floor(value / step)) * step : value
  const exclusive = (flag: unknown, bound: unknown) =>
    typeof flag === 'number' ? flag : flag === true && typeof bound === 'number' ? bound : undefined
  if (typeof schema.minimum === 'number' && schema.exclusiveMinimum !== true)
    out.push({ what: 'minimum', value: align(schema.minimum, true) })
  const low = exclusive(schema.exclusiveMinimum, schema.minimum)
  if (low !== undefined) out.push({ what: 'just above exclusiveMinimum', value: align(low + nudge, true) })
  if (typeof schema.maximum === 'number' && schema.exclusiveMaximum !== true)
    out.push({ what: 'maximum', value: align(schema.maximum, false) })
  const high = exclusive(schema.exclusiveMaximum, schema.maximum)
  if (high !== undefined) out.push({ what: 'just below exclusiveMaximum', value: align(high - nudge, false) })
  return out
}

/** The shortest and longest strings allowed, grown from the example (or matching `pattern`). */
function stringBounds(schema: Record<string, unknown>, base: unknown): { what: string; value: string }[] {
  const seed = typeof base === 'string' && base.length > 0 ? base : 'x'
  const ofLength = (length: number): string | undefined => {
    if (length > MAX_BOUNDARY_LENGTH) return undefined
    if (typeof schema.pattern === 'string') return sampleForPattern(schema.pattern, length, length)
    return seed.length >= length ? seed.slice(0, length) : seed.padEnd(length, seed.slice(-1))
  }
  const out: { what: string; value: string }[] = []
  for (const what of ['minLength', 'maxLength'] as const) {
    const bound = schema[what]
    if (typeof bound !== 'number' || bound < 1) continue
    const value = ofLength(bound)
    if (value !== undefined) out.push({ what, value })
  }
  return out
}

/** The fewest and most items allowed; repeating the example's items keeps each one valid. */
function arrayBounds(schema: Record<string, unknown>, base: unknown[]): { what: string; value: unknown[] }[] {
  const out: { what: string; value: unknown[] }[] = []
  for (const what of ['minItems', 'maxItems'] as const) {
    const bound = schema[what]
    if (typeof bound !== 'number' || bound < 1 || bound > MAX_BOUNDARY_ITEMS) continue
    // With uniqueItems the repeat fails the schema check and is dropped there.
    out.push({ what, value: Array.from({ length: bound }, (_, i) => base[i % base.length]) })
  }
  return out
}

function valid(validators: () => SchemaValidators, schema: Loc, value: unknown): boolean {
  try {
    return validators().validate(schema, value).length === 0
  } catch {
    return false // a schema that cannot compile proves nothing about a value
  }
}

function key(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined'
}

/** A value as the label shows it: short scalars in full, long strings and arrays by their size. */
function describeValue(value: unknown): string {
  if (typeof value === 'string' && value.length > 24) return `= ${value.length} characters`
  if (Array.isArray(value)) return `= ${value.length} items`
  return `= ${shown(value)}`
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}
