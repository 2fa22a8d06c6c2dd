import { isRecord } from '../operations.js'
import type { BreakingRule } from '../rules.js'
import { child, refOf, type Loc, type Spec } from '../spec.js'
import type { DiffContext } from './context.js'
import type { ChangelogKind } from './kinds.js'

/** Which way data flows through a schema: clients write requests (tighter breaks them) and read responses (looser does). */
export type Direction = 'request' | 'response'

/** One difference inside a schema, relative to the schema compared (so a shared schema is compared once). */
export interface SchemaChange {
  rule: BreakingRule | ChangelogKind
  breaking: boolean
  /** Overrides the rule's severity (an anyOf variant added is softer than a oneOf one). */
  severity?: 'error' | 'warning'
  head: Loc
  base: Loc | undefined
  /** Property path inside the compared schema ('' = the schema itself): `address.city`, `tags[]`. */
  path: string
  /** What changed, as the end of a sentence: "changed type from integer to string". */
  detail: string
}

interface Bound {
  value: number
  exclusive: boolean
  loc: Loc
  /** An absent minLength, read as 0. */
  implicit?: boolean
}

/** A schema with refs followed and `allOf` merged: what the comparison looks at. */
interface SchemaView {
  loc: Loc
  schema: Record<string, unknown>
  types: Set<string> | undefined
  typeLoc: Loc
  enumValues: unknown[] | undefined
  enumLoc: Loc
  properties: Map<string, Loc>
  required: Set<string>
  items: Loc | undefined
  additional: 'any' | false | Loc
  /** Keyword → where it is (after the allOf merge: the first part that has it). */
  keywords: Map<string, Loc>
  variants: { oneOf: Loc[] | undefined; anyOf: Loc[] | undefined }
}

/** Count bounds whose absence means 0 (a new minLength is a tightening, as in oasdiff), and those whose absence means "no bound". */
const COUNT_BOUNDS = [
  ['minLength', 'lower', true],
  ['maxLength', 'upper', false],
  ['minItems', 'lower', false],
  ['maxItems', 'upper', false],
  ['minProperties', 'lower', false],
  ['maxProperties', 'upper', false]
] as const
const WIDER_FORMAT: Record<string, string> = { int32: 'int64', float: 'double' }
const MAX_ALLOF_DEPTH = 16

const locKey = (loc: Loc): string => `${loc.file.id}\u0000${loc.pointer.join('\u0000')}`

/**
 * Compares schemas pairwise, each (direction, base schema, head schema) once: the result is relative to the
 * pair, so a component used by 5,000 operations costs one comparison, and memory grows with the changes found,
 * not with the operations that reach them. Recursive schemas stop at a pair already being compared.
 */
export class SchemaComparer {
  /** null while a pair is being compared: a recursive schema that meets its own pair again stops there. */
  private readonly results = new Map<string, SchemaChange[] | null>()
  private readonly baseViews = new Map<string, SchemaView | null>()
  private readonly headViews = new Map<string, SchemaView | null>()

  constructor(
    private readonly base: Spec,
    private readonly head: Spec
  ) {}

  compare(direction: Direction, baseLoc: Loc, headLoc: Loc): SchemaChange[] {
    const base = this.view(this.base, this.baseViews, baseLoc)
    const head = this.view(this.head, this.headViews, headLoc)
    if (!base || !head) return []
    const key = `${direction}\u0001${locKey(base.loc)}\u0001${locKey(head.loc)}`
    const known = this.results.get(key)
    if (known !== undefined) return known ?? []
    this.results.set(key, null)
    const changes: SchemaChange[] = []
    new PairComparison(this, direction, base, head, changes, this.base, this.head).run()
    this.results.set(key, changes)
    return changes
  }

  /** The `readOnly`/`writeOnly` flags of the schema at `loc`. */
  flags(spec: 'base' | 'head', loc: Loc): { readOnly: boolean; writeOnly: boolean } {
    const view =
      spec === 'base' ? this.view(this.base, this.baseViews, loc) : this.view(this.head, this.headViews, loc)
    return {
      readOnly: view?.schema.readOnly === true,
      writeOnly: view?.schema.writeOnly === true
    }
  }

  /**
   * Views are cached by the schema a location resolves to, not by the location: 30,000 operations whose
   * bodies `$ref` 500 components hold 500 views, not 30,000.
   */
  private view(spec: Spec, cache: Map<string, SchemaView | null>, loc: Loc): SchemaView | undefined {
    const target = spec.deref(loc)
    if (!target) return undefined
    const key = locKey(target.loc)
    const cached = cache.get(key)
    if (cached !== undefined) return cached ?? undefined
    const view = buildView(spec, target.loc, 0)
    cache.set(key, view ?? null)
    return view
  }
}

/** One (direction, base, head) comparison; appends to `changes`. */
class PairComparison {
  constructor(
    private readonly comparer: SchemaComparer,
    private readonly direction: Direction,
    private readonly base: SchemaView,
    private readonly head: SchemaView,
    private readonly changes: SchemaChange[],
    private readonly baseSpec: Spec,
    private readonly headSpec: Spec
  ) {}

  run(): void {
    const typeChanged = this.compareTypes()
    if (!typeChanged) this.compareFormat()
    this.compareEnum()
    this.compareConst()
    this.compareNumericBounds()
    this.compareCountBounds()
    this.compareUniqueItems()
    this.comparePattern()
    this.compareMultipleOf()
    this.compareProperties()
    this.compareAdditionalProperties()
    this.compareVariants()
    this.compareDiscriminator()
    if (this.base.items && this.head.items) this.nested('[]', this.base.items, this.head.items)
  }

  private get request(): boolean {
    return this.direction === 'request'
  }

  private add(rule: BreakingRule, head: Loc, detail: string, severity?: 'error' | 'warning'): void {
    this.changes.push({
      rule,
      breaking: true,
      ...(severity ? { severity } : {}),
      head,
      base: this.base.loc,
      path: '',
      detail
    })
  }

  private info(kind: ChangelogKind, head: Loc, detail: string, path = ''): void {
    this.changes.push({ rule: kind, breaking: false, head, base: undefined, path, detail })
  }

  private keywordLoc(name: string): Loc {
    return this.head.keywords.get(name) ?? this.head.loc
  }

  /** Changes inside a sub-schema, re-rooted under `segment` (a property name, `[]`, `oneOf[Cat]`). */
  private nested(segment: string, baseLoc: Loc, headLoc: Loc): void {
    for (const change of this.comparer.compare(this.direction, baseLoc, headLoc)) {
      const joiner = change.path.startsWith('[') ? '' : '.'
      this.changes.push({
        ...change,
        path: change.path === '' ? segment : `${segment}${joiner}${change.path}`
      })
    }
  }

  private compareTypes(): boolean {
    const [base, head] = [this.base.types, this.head.types]
    if (this.request) {
      if (head && (!base || [...base].some(type => !accepts(head, type)))) {
        this.add(
          'request-type-narrowed',
          this.head.typeLoc,
          `changed type from ${describeTypes(base)} to ${describeTypes(head)}`
        )
        return true
      }
    } else if (base && (!head || [...head].some(type => !accepts(base, type)))) {
      this.add(
        'response-type-changed',
        this.head.typeLoc,
        `changed type from ${describeTypes(base)} to ${describeTypes(head)}`
      )
      return true
    }
    return false
  }

  private compareFormat(): void {
    const base = stringKeyword(this.base.schema, 'format')
    const head = stringKeyword(this.head.schema, 'format')
    if (base === head) return
    if (this.request) {
      // int64 and double add no limit a JSON client meets in practice; every other new format does.
      if (head === undefined || WIDER_FORMAT[base ?? ''] === head) return
      if (base === undefined && (head === 'int64' || head === 'double')) return
      this.add(
        'request-format-changed',
        this.keywordLoc('format'),
        base === undefined ? `now requires format ${head}` : `changed format from ${base} to ${head}`
      )
    } else {
      if (base === undefined || WIDER_FORMAT[head ?? ''] === base) return
      this.add(
        'response-format-changed',
        this.keywordLoc('format'),
        head === undefined
          ? `is no longer guaranteed to be ${base}`
          : `changed format from ${base} to ${head}`
      )
    }
  }

  private compareEnum(): void {
    const [base, head] = [this.base.enumValues, this.head.enumValues]
    if (this.request) {
      if (!head) return
      if (!base) {
        this.add('request-enum-value-removed', this.head.enumLoc, `is now limited to ${list(head)}`)
        return
      }
      const removed = base.filter(value => !includesValue(head, value))
      if (removed.length > 0)
        this.add('request-enum-value-removed', this.head.enumLoc, `no longer accepts ${list(removed)}`)
    } else {
      if (!base) return
      if (!head) {
        this.add('response-enum-value-added', this.head.loc, `is no longer limited to ${list(base)}`)
        return
      }
      const added = head.filter(value => !includesValue(base, value))
      if (added.length > 0)
        this.add(
          'response-enum-value-added',
          this.head.enumLoc,
          `can now be ${list(added)}; clients with exhaustive handling break`
        )
    }
  }

  private compareConst(): void {
    const hasBase = Object.prototype.hasOwnProperty.call(this.base.schema, 'const')
    const hasHead = Object.prototype.hasOwnProperty.call(this.head.schema, 'const')
    const same = hasBase && hasHead && sameValue(this.base.schema.const, this.head.schema.const)
    if (this.request && hasHead && !same)
      this.add(
        'request-const-changed',
        this.keywordLoc('const'),
        hasBase
          ? `must now be ${JSON.stringify(this.head.schema.const)} (was ${JSON.stringify(this.base.schema.const)})`
          : `must now be exactly ${JSON.stringify(this.head.schema.const)}`
      )
    if (!this.request && hasBase && !same)
      this.add(
        'response-const-changed',
        hasHead ? this.keywordLoc('const') : this.head.loc,
        hasHead
          ? `is now ${JSON.stringify(this.head.schema.const)} (was ${JSON.stringify(this.base.schema.const)})`
          : `is no longer always ${JSON.stringify(this.base.schema.const)}`
      )
  }

  private compareNumericBounds(): void {
    this.compareBound('minimum', 'lower', numericBound(this.base, 'lower'), numericBound(this.head, 'lower'))
    this.compareBound('maximum', 'upper', numericBound(this.base, 'upper'), numericBound(this.head, 'upper'))
  }

  private compareCountBounds(): void {
    for (const [keyword, side, absentIsZero] of COUNT_BOUNDS) {
      const bound = (view: SchemaView): Bound | undefined => {
        const value = view.schema[keyword]
        if (typeof value === 'number') return { value, exclusive: false, loc: view.keywords.get(keyword)! }
        return absentIsZero ? { value: 0, exclusive: false, loc: view.loc, implicit: true } : undefined
      }
      this.compareBound(keyword, side, bound(this.base), bound(this.head))
    }
  }

  /** `tighter` and `looser` as seen by a value: a raised minimum admits fewer values. */
  private compareBound(
    name: string,
    side: 'lower' | 'upper',
    base: Bound | undefined,
    head: Bound | undefined
  ): void {
    const describe = (bound: Bound) =>
      `${side === 'lower' ? (bound.exclusive ? '>' : '≥') : bound.exclusive ? '<' : '≤'} ${bound.value}`
    let effect: 'added' | 'tightened' | 'loosened' | 'removed' | undefined
    if (!base && head) effect = 'added'
    else if (base && !head) effect = 'removed'
    else if (base && head) {
      const sign = side === 'lower' ? 1 : -1
      const delta = (head.value - base.value) * sign
      if (delta > 0 || (delta === 0 && head.exclusive && !base.exclusive)) effect = 'tightened'
      else if (delta < 0 || (delta === 0 && !head.exclusive && base.exclusive)) effect = 'loosened'
    }
    if (!effect) return
    const label = name
    const what =
      effect === 'added' || base?.implicit
        ? `now has ${label} ${describe(head!)}`
        : effect === 'removed' || head?.implicit
          ? `no longer has ${label} ${describe(base!)}`
          : `changed ${label} from ${describe(base!)} to ${describe(head!)}`
    const loc = head && !head.implicit ? head.loc : this.head.loc
    if (this.request) {
      if (effect === 'added') this.add('request-bound-added', loc, what)
      else if (effect === 'tightened') this.add('request-bound-tightened', loc, what)
      else this.info('request-loosened', loc, what)
    } else if (effect === 'loosened' || effect === 'removed') this.add('response-bound-loosened', loc, what)
    else this.info('response-tightened', loc, what)
  }

  private compareUniqueItems(): void {
    const base = this.base.schema.uniqueItems === true
    const head = this.head.schema.uniqueItems === true
    if (base === head) return
    const loc = this.keywordLoc('uniqueItems')
    if (this.request && head) this.add('request-bound-tightened', loc, 'now requires unique items')
    else if (!this.request && base)
      this.add('response-bound-loosened', loc, 'may now contain duplicate items')
  }

  private comparePattern(): void {
    const base = stringKeyword(this.base.schema, 'pattern')
    const head = stringKeyword(this.head.schema, 'pattern')
    if (base === head) return
    const loc = this.keywordLoc('pattern')
    if (this.request) {
      if (head === undefined) this.info('request-loosened', this.head.loc, `no longer has pattern ${base}`)
      else if (base === undefined) this.add('request-pattern-added', loc, `now must match ${head}`)
      else this.add('request-pattern-changed', loc, `changed pattern from ${base} to ${head}`)
    } else if (base !== undefined) {
      this.add(
        'response-pattern-changed',
        head === undefined ? this.head.loc : loc,
        head === undefined ? `no longer matches ${base}` : `changed pattern from ${base} to ${head}`
      )
    }
  }

  private compareMultipleOf(): void {
    const base = numberKeyword(this.base.schema, 'multipleOf')
    const head = numberKeyword(this.head.schema, 'multipleOf')
    if (base === head) return
    const loc = this.keywordLoc('multipleOf')
    if (this.request) {
      if (head === undefined) return
      // Every old value (a multiple of base) stays valid when base is itself a multiple of head.
      if (base === undefined || !isMultiple(base, head))
        this.add(
          'request-multiple-of-changed',
          loc,
          base === undefined
            ? `must now be a multiple of ${head}`
            : `changed multipleOf from ${base} to ${head}`
        )
    } else if (base !== undefined && (head === undefined || !isMultiple(head, base))) {
      this.add(
        'response-multiple-of-changed',
        head === undefined ? this.head.loc : loc,
        head === undefined
          ? `is no longer a multiple of ${base}`
          : `changed multipleOf from ${base} to ${head}`
      )
    }
  }

  private compareProperties(): void {
    const { base, head } = this
    for (const [name, headProp] of head.properties) {
      const baseProp = base.properties.get(name)
      const headFlags = this.comparer.flags('head', headProp)
      if (this.request ? headFlags.readOnly : headFlags.writeOnly) {
        // Never on this side of the exchange: a required readOnly property is not sent by clients.
        continue
      }
      if (baseProp) {
        const baseFlags = this.comparer.flags('base', baseProp)
        if (!this.request && baseFlags.writeOnly) {
          this.info('response-property-added', headProp, 'is now returned (it was writeOnly)', name)
          continue
        }
        if (this.request && head.required.has(name) && !base.required.has(name) && !baseFlags.readOnly)
          this.changes.push({
            rule: 'required-request-property-added',
            breaking: true,
            head: head.keywords.get('required') ?? headProp,
            base: baseProp,
            path: name,
            detail: 'became required; existing clients may not send it'
          })
        if (!this.request && base.required.has(name) && !head.required.has(name))
          this.changes.push({
            rule: 'response-property-became-optional',
            breaking: true,
            head: headProp,
            base: baseProp,
            path: name,
            detail: 'is no longer always present'
          })
        this.nested(name, baseProp, headProp)
        continue
      }
      if (this.request && head.required.has(name))
        this.changes.push({
          rule: 'required-request-property-added',
          breaking: true,
          head: headProp,
          base: undefined,
          path: name,
          detail: 'is new and required; existing clients do not send it'
        })
      else
        this.info(
          this.request ? 'request-property-added' : 'response-property-added',
          headProp,
          `is new${this.request ? ' (optional)' : ''}`,
          name
        )
    }
    for (const [name, baseProp] of base.properties) {
      const headProp = head.properties.get(name)
      const baseFlags = this.comparer.flags('base', baseProp)
      if (this.request ? baseFlags.readOnly : baseFlags.writeOnly) continue
      const goneNow = !headProp || (!this.request && this.comparer.flags('head', headProp).writeOnly)
      if (!goneNow) continue
      const where = headProp ?? head.keywords.get('properties') ?? head.loc
      const detail = `${headProp ? 'became writeOnly: it is no longer returned' : 'was removed'} (base ${this.baseSpec.describe(baseProp)})`
      if (this.request)
        this.changes.push({
          rule: 'request-property-removed',
          breaking: true,
          head: where,
          base: baseProp,
          path: name,
          detail
        })
      else
        this.changes.push({
          rule: base.required.has(name) ? 'response-property-removed' : 'response-optional-property-removed',
          breaking: true,
          head: where,
          base: baseProp,
          path: name,
          detail
        })
    }
  }

  private compareAdditionalProperties(): void {
    const [base, head] = [this.base.additional, this.head.additional]
    if (base === 'any' && head === 'any') return
    const loc = this.keywordLoc('additionalProperties')
    if (typeof base === 'object' && typeof head === 'object') {
      this.nested('*', base, head)
      return
    }
    if (!this.request) return // extra properties in a response are ignored by clients
    if (base === 'any' && head === false)
      this.add(
        'request-additional-properties-restricted',
        loc,
        'no longer accepts properties it does not list'
      )
    else if (base === 'any' && typeof head === 'object')
      this.add(
        'request-additional-properties-restricted',
        loc,
        'now requires unlisted properties to match a schema'
      )
    else if (typeof base === 'object' && head === false)
      this.add(
        'request-additional-properties-restricted',
        loc,
        'no longer accepts properties it does not list'
      )
  }

  private compareVariants(): void {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const base = this.base.variants[keyword]
      const head = this.head.variants[keyword]
      if (!base || !head) continue
      const baseKeys = new Map(base.map((loc, index) => [variantKey(this.baseSpec, loc, index), loc]))
      const headKeys = new Map(head.map((loc, index) => [variantKey(this.headSpec, loc, index), loc]))
      for (const [key, baseLoc] of baseKeys) {
        const headLoc = headKeys.get(key)
        if (headLoc) this.nested(`${keyword}[${key}]`, baseLoc, headLoc)
        else if (this.request)
          this.changes.push({
            rule: 'request-variant-removed',
            breaking: true,
            head: this.head.keywords.get(keyword) ?? this.head.loc,
            base: baseLoc,
            path: '',
            detail: `no longer accepts the ${keyword} variant ${key}`
          })
      }
      if (this.request) continue
      for (const [key, headLoc] of headKeys) {
        if (baseKeys.has(key)) continue
        this.changes.push({
          rule: 'response-variant-added',
          breaking: true,
          ...(keyword === 'anyOf' ? { severity: 'warning' as const } : {}),
          head: headLoc,
          base: undefined,
          path: '',
          detail: `can now be the new ${keyword} variant ${key}`
        })
      }
    }
  }

  private compareDiscriminator(): void {
    const base = this.base.schema.discriminator
    const head = this.head.schema.discriminator
    if (!isRecord(base) || !isRecord(head)) return
    const rule = this.request ? 'request-discriminator-changed' : 'response-discriminator-changed'
    const loc = this.keywordLoc('discriminator')
    if (base.propertyName !== head.propertyName) {
      this.add(
        rule,
        loc,
        `changed its discriminator from '${String(base.propertyName)}' to '${String(head.propertyName)}'`
      )
      return
    }
    const baseMapping = isRecord(base.mapping) ? base.mapping : {}
    const headMapping = isRecord(head.mapping) ? head.mapping : {}
    const [from, to] = this.request ? [baseMapping, headMapping] : [headMapping, baseMapping]
    const missing = Object.keys(from).filter(value => !(value in to))
    if (missing.length > 0)
      this.add(
        rule,
        loc,
        this.request
          ? `no longer maps discriminator value ${list(missing)}`
          : `can now carry the discriminator value ${list(missing)}`
      )
  }
}

function buildView(spec: Spec, loc: Loc, depth: number): SchemaView | undefined {
  const target = spec.deref(loc)
  if (!target || !isRecord(target.value)) return undefined
  const schema = target.value
  const at = target.loc
  const keywords = new Map<string, Loc>()
  for (const key of Object.keys(schema)) keywords.set(key, child(at, key))
  const view: SchemaView = {
    loc: at,
    schema,
    types: schemaTypes(schema),
    typeLoc: keywords.get('type') ?? at,
    enumValues: Array.isArray(schema.enum) ? schema.enum : undefined,
    enumLoc: keywords.get('enum') ?? at,
    properties: new Map(),
    required: new Set(),
    items: schema.items !== undefined && isRecord(schema.items) ? child(at, 'items') : undefined,
    additional:
      schema.additionalProperties === false
        ? false
        : isRecord(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0
          ? child(at, 'additionalProperties')
          : 'any',
    keywords,
    variants: {
      oneOf: Array.isArray(schema.oneOf) ? schema.oneOf.map((_, i) => child(at, 'oneOf', i)) : undefined,
      anyOf: Array.isArray(schema.anyOf) ? schema.anyOf.map((_, i) => child(at, 'anyOf', i)) : undefined
    }
  }
  if (isRecord(schema.properties))
    for (const name of Object.keys(schema.properties))
      view.properties.set(name, child(at, 'properties', name))
  if (Array.isArray(schema.required)) for (const name of schema.required) view.required.add(String(name))
  if (Array.isArray(schema.allOf) && depth < MAX_ALLOF_DEPTH) {
    // allOf: every part applies, so the merged view carries every part's constraints.
    const merged: Record<string, unknown> = {}
    schema.allOf.forEach((_, index) => {
      const part = buildView(spec, child(at, 'allOf', index), depth + 1)
      if (!part) return
      for (const [name, propLoc] of part.properties)
        if (!view.properties.has(name)) view.properties.set(name, propLoc)
      for (const name of part.required) view.required.add(name)
      if (!view.types && part.types) {
        view.types = part.types
        view.typeLoc = part.typeLoc
      }
      if (!view.enumValues && part.enumValues) {
        view.enumValues = part.enumValues
        view.enumLoc = part.enumLoc
      }
      view.items ??= part.items
      if (view.additional === 'any') view.additional = part.additional
      view.variants.oneOf ??= part.variants.oneOf
      view.variants.anyOf ??= part.variants.anyOf
      for (const [key, keyLoc] of part.keywords) {
        if (key in schema || key in merged || key === 'properties' || key === 'required') continue
        merged[key] = part.schema[key]
        keywords.set(key, keyLoc)
      }
    })
    if (Object.keys(merged).length > 0) view.schema = { ...merged, ...schema }
  }
  return view
}

function schemaTypes(schema: Record<string, unknown>): Set<string> | undefined {
  const raw = schema.type
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : undefined
  if (!list) return undefined
  if (schema.nullable === true) list.push('null')
  return new Set(list)
}

/** The lower or upper numeric bound, 3.0 (`exclusiveMinimum: true`) and 3.1 (`exclusiveMinimum: 5`) alike. */
function numericBound(view: SchemaView, side: 'lower' | 'upper'): Bound | undefined {
  const [inclusiveKey, exclusiveKey] =
    side === 'lower' ? ['minimum', 'exclusiveMinimum'] : ['maximum', 'exclusiveMaximum']
  const inclusive = view.schema[inclusiveKey]
  const exclusive = view.schema[exclusiveKey]
  const bounds: Bound[] = []
  if (typeof inclusive === 'number')
    bounds.push({ value: inclusive, exclusive: exclusive === true, loc: view.keywords.get(inclusiveKey)! })
  if (typeof exclusive === 'number')
    bounds.push({ value: exclusive, exclusive: true, loc: view.keywords.get(exclusiveKey)! })
  if (bounds.length === 0) return undefined
  // Both present (3.1): the stricter one is the bound.
  return bounds.reduce((a, b) => {
    const delta = (b.value - a.value) * (side === 'lower' ? 1 : -1)
    return delta > 0 || (delta === 0 && b.exclusive) ? b : a
  })
}

/** A oneOf/anyOf variant's identity across versions: the component it refers to, else its position. */
function variantKey(spec: Spec, loc: Loc, index: number): string {
  const ref = refOf(spec.valueAt(loc))
  if (ref !== undefined) return ref.slice(ref.lastIndexOf('/') + 1)
  const title = (spec.valueAt(loc) as Record<string, unknown> | undefined)?.title
  return typeof title === 'string' ? title : `#${index + 1}`
}

function accepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

function describeTypes(types: Set<string> | undefined): string {
  return types ? [...types].join(' or ') : 'any'
}

function stringKeyword(schema: Record<string, unknown>, key: string): string | undefined {
  return typeof schema[key] === 'string' ? (schema[key] as string) : undefined
}

function numberKeyword(schema: Record<string, unknown>, key: string): number | undefined {
  return typeof schema[key] === 'number' && (schema[key] as number) > 0 ? (schema[key] as number) : undefined
}

/** Whether `value` is a whole multiple of `step` (within floating-point error). */
function isMultiple(value: number, step: number): boolean {
  const quotient = value / step
  return Math.abs(quotient - Math.round(quotient)) < 1e-9
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function includesValue(values: unknown[], value: unknown): boolean {
  const text = JSON.stringify(value)
  return values.some(item => JSON.stringify(item) === text)
}

function list(values: unknown[]): string {
  return values.map(value => JSON.stringify(value)).join(', ')
}

/** Turns the changes of a schema into API changes of the current operation: "`where` property 'a.b' of OP …". */
export function emitSchemaChanges(ctx: DiffContext, changes: SchemaChange[], where: string): void {
  for (const change of changes) {
    const subject = change.path ? `${where} property '${change.path}'` : where
    const message = `${subject} of ${ctx.operation} ${change.detail}`
    if (change.breaking)
      ctx.breaking(change.rule as BreakingRule, change.head, change.base, message, change.severity)
    else ctx.info(change.rule as ChangelogKind, change.head, message)
  }
}
