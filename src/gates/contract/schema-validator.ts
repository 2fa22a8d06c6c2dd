import type { ErrorObject, ValidateFunction } from 'ajv'
import { Ajv2020, AjvDraft7, addFormats, type AjvClass } from './ajv.js'
import { specPatternEngine } from './pattern-engine.js'
import { formatPointer } from './pointer.js'
import { child, type Loc, type Spec } from './spec.js'

type Ajv = InstanceType<AjvClass>

/** One reason a value failed its schema. */
export interface SchemaViolation {
  /** JSON pointer of the failing value inside the validated document ('' = the whole body). */
  pointer: string
  message: string
  /** The schema keyword that rejected the value (its line is what the finding cites). */
  schemaLoc: Loc
}

/** Which side of the exchange a schema describes: readOnly/writeOnly properties are required only on their side. */
export type Direction = 'response' | 'request'

interface CompiledSchema {
  fast: ValidateFunction
  detailed: ValidateFunction | undefined
  root: object | boolean
}

const DROPPED_KEYWORDS = new Set([
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  'deprecated',
  'readOnly',
  'writeOnly',
  'nullable',
  'title',
  'description',
  '$id',
  '$schema',
  '$anchor',
  '$comment',
  '$dynamicAnchor'
])
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems'
])
const MAX_REPORTED = 5

/**
 * Compiled validators for the schemas of one description. OpenAPI schemas are converted once to JSON Schema
 * (3.0: `nullable`, boolean `exclusiveMinimum`; 3.1 is already 2020-12) and every `$ref` target is registered
 * with ajv under its own id, so recursive schemas compile to recursive functions and shared schemas compile once.
 * Validation runs a stop-at-first-error validator; only a failing value is re-run through an all-errors,
 * verbose one that maps each error back to the schema line that rejected it.
 */
export class SchemaValidators {
  private readonly fast: Ajv
  private detailedAjv: Ajv | undefined
  private readonly ajvOptions: object
  private readonly ids = new Map<string, string>()
  private readonly pending: { id: string; loc: Loc }[] = []
  private readonly registered: { id: string; schema: object | boolean }[] = []
  private readonly origins = new WeakMap<object, Loc>()
  private readonly compiled = new Map<string, CompiledSchema>()
  /** The same Loc object validated again skips building its key (hot loop of a replay). */
  private readonly compiledByLoc = new WeakMap<Loc, CompiledSchema>()
  /** Fast validators by converted schema text: the same inline schema at 300 places compiles once. */
  private readonly byContent = new Map<string, ValidateFunction>()

  constructor(
    private readonly spec: Spec,
    private readonly direction: Direction = 'response'
  ) {
    // Patterns from the spec run in linear time (V8 when provably so, else RE2): `^(a+)+$` cannot stall the event loop.
    this.ajvOptions = {
      strict: false,
      logger: false,
      unicodeRegExp: false,
      validateSchema: false,
      code: { regExp: specPatternEngine }
    }
    this.fast = this.createAjv({ allErrors: false })
  }

  private createAjv(options: object): Ajv {
    const Ajv = this.spec.version === '3.1' ? Ajv2020 : AjvDraft7
    const ajv = new Ajv({ ...this.ajvOptions, ...options })
    // `fast` formats are regular expressions: full `uri` parsing costs more than the rest of a GitHub response.
    addFormats(ajv, { mode: 'fast' })
    addOpenApiFormats(ajv)
    return ajv
  }

  /** The all-errors, verbose instance that explains failures; created on the first failure. */
  private get detailed(): Ajv {
    if (!this.detailedAjv) {
      this.detailedAjv = this.createAjv({ allErrors: true, verbose: true })
      for (const { id, schema } of this.registered) this.detailedAjv.addSchema(schema as object, id)
    }
    return this.detailedAjv
  }

  /** Validates `data` against the schema at `loc`; [] when it is valid. Throws when the schema cannot compile. */
  validate(loc: Loc, data: unknown): SchemaViolation[] {
    const compiled = this.compile(loc)
    if (compiled.fast(data)) return []
    // Compiled per location (not shared by content) so each error maps back to this location's lines.
    compiled.detailed ??= this.detailed.compile(compiled.root)
    const detailed = compiled.detailed
    detailed(data)
    const errors = (detailed.errors ?? []).filter(error => !isComposite(error))
    const violations = (errors.length > 0 ? errors : (detailed.errors ?? [])).map(error =>
      this.violation(error, loc)
    )
    const unique = new Map(violations.map(v => [`${v.pointer} ${v.message}`, v]))
    return [...unique.values()].slice(0, MAX_REPORTED)
  }

  private compile(loc: Loc): CompiledSchema {
    const known = this.compiledByLoc.get(loc)
    if (known) return known
    const key = locKey(loc)
    const cached = this.compiled.get(key)
    if (cached) {
      this.compiledByLoc.set(loc, cached)
      return cached
    }
    const root = this.convert(this.spec.valueAt(loc), loc)
    this.flush()
    const content = JSON.stringify(root)
    let fast = this.byContent.get(content)
    if (!fast) {
      fast = this.fast.compile(root)
      this.byContent.set(content, fast)
    }
    const created: CompiledSchema = { fast, detailed: undefined, root }
    this.compiled.set(key, created)
    this.compiledByLoc.set(loc, created)
    return created
  }

  /** Registers every queued `$ref` target with ajv. */
  private flush(): void {
    while (this.pending.length > 0) {
      const { id, loc } = this.pending.shift()!
      const schema = this.convert(this.spec.valueAt(loc), loc)
      this.registered.push({ id, schema })
      this.fast.addSchema(schema as object, id)
      this.detailedAjv?.addSchema(schema as object, id)
    }
  }

  private idFor(loc: Loc): string {
    const key = locKey(loc)
    let id = this.ids.get(key)
    if (!id) {
      id = `openapi:s${this.ids.size}`
      this.ids.set(key, id)
      this.pending.push({ id, loc })
    }
    return id
  }

  private convert(value: unknown, loc: Loc): object | boolean {
    if (typeof value === 'boolean') return value
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
    const source = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    this.origins.set(out, loc)
    if (typeof source.$ref === 'string') {
      const target = this.spec.resolveRef(loc.file, source.$ref)
      // A dangling ref is already an error finding; accept anything here rather than invent a failure.
      if (!target) return out
      out.$ref = this.idFor(target)
      if (this.spec.version === '3.0') return out // 3.0: siblings of $ref are ignored
    }
    const hidden = this.direction === 'response' ? 'writeOnly' : 'readOnly'
    for (const [key, sub] of Object.entries(source)) {
      if (key === '$ref' || DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue
      if (SCHEMA_MAPS.has(key) && sub && typeof sub === 'object') {
        const map: Record<string, unknown> = {}
        for (const name of Object.keys(sub))
          map[name] = this.convert((sub as Record<string, unknown>)[name], child(loc, key, name))
        out[key] = map
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(sub)) {
        out[key] = sub.map((item, index) => this.convert(item, child(loc, key, index)))
      } else if (SCHEMA_VALUES.has(key) && !Array.isArray(sub)) {
        out[key] = this.convert(sub, child(loc, key))
      } else {
        out[key] = sub
      }
    }
    if (Array.isArray(out.required) && source.properties && typeof source.properties === 'object') {
      const props = source.properties as Record<string, Record<string, unknown> | undefined>
      out.required = (out.required as string[]).filter(name => props[name]?.[hidden] !== true)
    }
    if (this.spec.version === '3.0') return this.convertOpenApi30(source, out, loc)
    return out
  }

  /** OpenAPI 3.0 differences from JSON Schema: `nullable`, and draft-4 boolean exclusive bounds. */
  private convertOpenApi30(source: Record<string, unknown>, out: Record<string, unknown>, loc: Loc): object {
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum']
    ] as const) {
      if (typeof source[flag] !== 'boolean') continue
      if (source[flag] === true && typeof source[bound] === 'number') {
        out[flag] = source[bound]
        delete out[bound]
      } else delete out[flag]
    }
    if (source.nullable !== true) return out
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null']
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
      return out
    }
    const wrapper = { anyOf: [out, { type: 'null' }] }
    this.origins.set(wrapper, loc)
    return wrapper
  }

  private violation(error: ErrorObject, root: Loc): SchemaViolation {
    const origin = (error.parentSchema && this.origins.get(error.parentSchema)) || root
    const keywordLoc = child(origin, error.keyword)
    const params = error.params as Record<string, unknown>
    switch (error.keyword) {
      case 'required':
        return {
          pointer: `${error.instancePath}/${escape(String(params.missingProperty))}`,
          message: 'is required but missing',
          schemaLoc: keywordLoc
        }
      case 'additionalProperties':
        return {
          pointer: `${error.instancePath}/${escape(String(params.additionalProperty))}`,
          message: 'is not a documented property (additionalProperties: false)',
          schemaLoc: keywordLoc
        }
      case 'type':
        return {
          pointer: error.instancePath,
          message: `must be ${String(params.type).replace(/,/g, ' or ')} (got ${jsonType(error.data)})`,
          schemaLoc: keywordLoc
        }
      case 'enum':
        return {
          pointer: error.instancePath,
          message: `must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')} (got ${preview(error.data)})`,
          schemaLoc: keywordLoc
        }
      default:
        return {
          pointer: error.instancePath,
          message: `${error.message ?? 'is invalid'}${error.keyword === 'format' ? ` (got ${preview(error.data)})` : ''}`,
          schemaLoc: keywordLoc
        }
    }
  }
}

function isComposite(error: ErrorObject): boolean {
  return (
    error.keyword === 'anyOf' ||
    error.keyword === 'oneOf' ||
    error.keyword === 'allOf' ||
    error.keyword === 'if'
  )
}

function locKey(loc: Loc): string {
  return `${loc.file.id}#${formatPointer(loc.pointer)}`
}

function escape(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1')
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer'
  return typeof value
}

/** A short rendering of a failing value: types and short enum-like strings only, never long payloads. */
function preview(value: unknown): string {
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value)
  return jsonType(value)
}

const INT32 = [-(2 ** 31), 2 ** 31 - 1]

/** The formats OpenAPI defines on top of JSON Schema. */
function addOpenApiFormats(ajv: Ajv): void {
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32[0]! && n <= INT32[1]!
  })
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) })
  ajv.addFormat('float', { type: 'number', validate: () => true })
  ajv.addFormat('double', { type: 'number', validate: () => true })
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/)
  ajv.addFormat('binary', true)
  ajv.addFormat('password', true)
}
