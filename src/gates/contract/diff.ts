import type { Finding, Severity } from '../../types.js'
import { isRecord, listOperations, resolve, type Operation, type Resolved } from './operations.js'
import { formatPointer } from './pointer.js'
import type { BreakingRule, RuleSeverities } from './rules.js'
import { child, type Loc, type Spec } from './spec.js'

/** One difference between base and head. Breaking ones carry a rule id; the rest feed the changelog. */
export interface ApiChange {
  rule: BreakingRule | NonBreakingKind
  /** `info` for changes that break no client. */
  severity: Severity | 'off' | 'info'
  /** The operation, e.g. `GET /users/{id} (getUser)`. */
  operation: string
  message: string
  /** Where the change is in the head spec (for a removal: the nearest place that still exists). */
  head: Loc
  /** Where the removed or changed thing was in the base spec. */
  base: Loc | undefined
}

export type NonBreakingKind =
  | 'operation-added'
  | 'operation-deprecated'
  | 'optional-parameter-added'
  | 'request-property-added'
  | 'response-property-added'
  | 'response-status-added'
  | 'response-status-removed'

type Direction = 'request' | 'response'

/** A schema with `allOf` flattened and refs followed: what the comparison looks at. */
interface SchemaView {
  loc: Loc
  types: Set<string> | undefined
  enumValues: unknown[] | undefined
  properties: Map<string, Loc>
  required: Set<string>
  items: Loc | undefined
}

export function diffSpecs(base: Spec, head: Spec, severities: RuleSeverities): ApiChange[] {
  return new SpecDiff(base, head, severities).run()
}

class SpecDiff {
  private readonly changes: ApiChange[] = []
  private readonly compared = new Set<string>()
  private operation = ''

  constructor(
    private readonly base: Spec,
    private readonly head: Spec,
    private readonly severities: RuleSeverities
  ) {}

  run(): ApiChange[] {
    const baseOps = listOperations(this.base)
    const headOps = new Map(listOperations(this.head).map(op => [op.key, op]))
    const headPaths = new Set([...headOps.values()].map(op => op.key.slice(op.key.indexOf(' ') + 1)))
    const pathsLoc: Loc = { file: this.head.entry, pointer: ['paths'] }
    const removedPaths = new Map<string, Operation[]>()
    for (const baseOp of baseOps) {
      const headOp = headOps.get(baseOp.key)
      this.operation = describeOperation(baseOp)
      if (headOp) {
        this.compareOperations(baseOp, headOp)
        continue
      }
      const template = baseOp.key.slice(baseOp.key.indexOf(' ') + 1)
      if (!headPaths.has(template)) {
        removedPaths.set(baseOp.path, [...(removedPaths.get(baseOp.path) ?? []), baseOp])
        continue
      }
      const nearest = [...headOps.values()].find(op => op.key.endsWith(` ${template}`))
      this.removal(baseOp, nearest ? nearest.pathLoc : pathsLoc)
    }
    for (const [path, ops] of removedPaths) {
      if (ops.every(op => op.deprecated)) {
        for (const op of ops) this.removal(op, pathsLoc)
        continue
      }
      this.operation = path
      const methods = ops.map(op => op.method.toUpperCase()).join(', ')
      this.add(
        'path-removed',
        pathsLoc,
        ops[0]!.pathLoc,
        `path ${path} was removed (${methods}; base ${this.base.describe(ops[0]!.pathLoc)})`
      )
    }
    const baseKeys = new Set(baseOps.map(op => op.key))
    for (const op of headOps.values()) {
      if (!baseKeys.has(op.key))
        this.info('operation-added', describeOperation(op), op.loc, `${describeOperation(op)} was added`)
    }
    return this.changes
  }

  private removal(op: Operation, nearest: Loc): void {
    this.operation = describeOperation(op)
    const rule = op.deprecated ? 'deprecated-operation-removed' : 'operation-removed'
    const note = op.deprecated ? ' (it was deprecated)' : ''
    this.add(
      rule,
      nearest,
      op.loc,
      `${describeOperation(op)} was removed${note} (base ${this.base.describe(op.loc)})`
    )
  }

  private compareOperations(base: Operation, head: Operation): void {
    if (base.operationId !== undefined && head.operationId !== base.operationId) {
      const now = head.operationId === undefined ? 'removed' : `changed to '${head.operationId}'`
      this.add(
        'operation-id-changed',
        child(head.loc, 'operationId'),
        child(base.loc, 'operationId'),
        `operationId '${base.operationId}' of ${head.method.toUpperCase()} ${head.path} was ${now}; generated clients call it by name`
      )
    }
    if (head.deprecated && !base.deprecated)
      this.info(
        'operation-deprecated',
        this.operation,
        child(head.loc, 'deprecated'),
        `${this.operation} is now deprecated`
      )
    this.compareParameters(base, head)
    this.compareRequestBody(base, head)
    this.compareResponses(base, head)
    this.compareSecurity(base, head)
  }

  private compareParameters(base: Operation, head: Operation): void {
    const key = (p: { in: string; name: string }) =>
      `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`
    const baseParams = new Map(base.parameters.map(p => [key(p), p]))
    for (const param of head.parameters) {
      const old = baseParams.get(key(param))
      const label = `${param.in} parameter '${param.name}'`
      if (!old) {
        if (param.required)
          this.add(
            'required-parameter-added',
            param.loc,
            undefined,
            `${this.operation} now requires ${label}; existing clients do not send it`
          )
        else
          this.info(
            'optional-parameter-added',
            this.operation,
            param.loc,
            `${this.operation} accepts the new optional ${label}`
          )
        continue
      }
      if (param.required && !old.required)
        this.add(
          'parameter-became-required',
          child(param.loc, 'required'),
          old.loc,
          `${label} of ${this.operation} became required`
        )
      this.compareSchemas('request', child(old.loc, 'schema'), child(param.loc, 'schema'), label)
    }
    const headKeys = new Set(head.parameters.map(key))
    for (const old of base.parameters) {
      if (!headKeys.has(key(old))) {
        this.add(
          'parameter-removed',
          head.loc,
          old.loc,
          `${old.in} parameter '${old.name}' of ${this.operation} was removed (base ${this.base.describe(old.loc)}); clients still send it`
        )
      }
    }
  }

  private compareRequestBody(base: Operation, head: Operation): void {
    const headBody = head.requestBody
    if (!headBody) return
    const baseBody = base.requestBody
    if (headBody.value.required === true && baseBody?.value.required !== true) {
      const why = baseBody ? 'was optional' : 'had no body'
      this.add(
        'request-body-became-required',
        child(headBody.loc, 'required'),
        baseBody?.loc,
        `the request body of ${this.operation} is now required (it ${why})`
      )
    }
    if (!baseBody) return
    const headContent = isRecord(headBody.value.content) ? headBody.value.content : {}
    for (const mediaType of Object.keys(isRecord(baseBody.value.content) ? baseBody.value.content : {})) {
      const baseSchema = child(baseBody.loc, 'content', mediaType, 'schema')
      if (!(mediaType in headContent)) {
        this.add(
          'request-media-type-removed',
          child(headBody.loc, 'content'),
          baseSchema,
          `${this.operation} no longer accepts ${mediaType} request bodies`
        )
        continue
      }
      this.compareSchemas(
        'request',
        baseSchema,
        child(headBody.loc, 'content', mediaType, 'schema'),
        'request body'
      )
    }
  }

  private compareResponses(base: Operation, head: Operation): void {
    for (const [code, baseResponse] of base.responses) {
      const headResponse = head.responses.get(code)
      const success = /^2/.test(code)
      if (!headResponse) {
        if (success)
          this.add(
            'response-success-status-removed',
            child(head.loc, 'responses'),
            baseResponse.loc,
            `${this.operation} no longer returns ${code} (base ${this.base.describe(baseResponse.loc)})`
          )
        else
          this.info(
            'response-status-removed',
            this.operation,
            child(head.loc, 'responses'),
            `${this.operation} no longer documents ${code}`
          )
        continue
      }
      this.compareContent(code, success, baseResponse, headResponse)
      this.compareHeaders(code, baseResponse, headResponse)
    }
    for (const code of head.responses.keys()) {
      if (!base.responses.has(code))
        this.info(
          'response-status-added',
          this.operation,
          child(head.loc, 'responses', code),
          `${this.operation} documents a new ${code} response`
        )
    }
  }

  private compareContent(code: string, success: boolean, base: Resolved, head: Resolved): void {
    const headContent = isRecord(head.value.content) ? head.value.content : {}
    for (const mediaType of Object.keys(isRecord(base.value.content) ? base.value.content : {})) {
      const baseSchema = child(base.loc, 'content', mediaType, 'schema')
      if (!(mediaType in headContent)) {
        if (success)
          this.add(
            'response-media-type-removed',
            child(head.loc, 'content'),
            baseSchema,
            `the ${code} response of ${this.operation} no longer returns ${mediaType}`
          )
        continue
      }
      this.compareSchemas(
        'response',
        baseSchema,
        child(head.loc, 'content', mediaType, 'schema'),
        `${code} response`
      )
    }
  }

  private compareHeaders(code: string, base: Resolved, head: Resolved): void {
    const baseHeaders = isRecord(base.value.headers) ? base.value.headers : {}
    const headHeaders = isRecord(head.value.headers) ? head.value.headers : {}
    const headNames = new Map(Object.keys(headHeaders).map(name => [name.toLowerCase(), name]))
    for (const name of Object.keys(baseHeaders)) {
      const old = resolve(this.base, child(base.loc, 'headers', name))
      if (!old) continue
      const headName = headNames.get(name.toLowerCase())
      const now =
        headName === undefined ? undefined : resolve(this.head, child(head.loc, 'headers', headName))
      if (old.value.required === true && now?.value.required !== true) {
        const what = now ? 'is no longer required' : 'was removed'
        this.add(
          'required-response-header-removed',
          now ? now.loc : child(head.loc, 'headers'),
          old.loc,
          `required header ${name} of the ${code} response of ${this.operation} ${what}`
        )
      }
      if (now)
        this.compareSchemas(
          'response',
          child(old.loc, 'schema'),
          child(now.loc, 'schema'),
          `${code} response header ${name}`
        )
    }
  }

  private compareSecurity(base: Operation, head: Operation): void {
    const baseWays = base.security.length === 0 ? [{}] : base.security
    if (head.security.length === 0) return
    const satisfied = (way: Record<string, string[]>) =>
      head.security.some(headWay =>
        Object.entries(headWay).every(
          ([scheme, scopes]) =>
            scheme in way && (scopes ?? []).every(scope => (way[scheme] ?? []).includes(scope))
        )
      )
    const broken = baseWays.filter(way => !satisfied(way))
    if (broken.length === 0) return
    const describe = (ways: Record<string, string[]>[]) =>
      ways
        .map(
          way =>
            Object.entries(way)
              .map(([scheme, scopes]) => (scopes?.length ? `${scheme}(${scopes.join(' ')})` : scheme))
              .join('+') || 'no authentication'
        )
        .join(' or ')
    const loc = Array.isArray(head.value.security)
      ? child(head.loc, 'security')
      : { file: this.head.entry, pointer: ['security'] }
    this.add(
      'security-requirement-added',
      loc,
      undefined,
      `${this.operation} now requires ${describe(head.security)}; clients using ${describe(broken)} are rejected`
    )
  }

  /** Compares two schemas in the direction data flows: a request may not accept less, a response may not return more or different. */
  private compareSchemas(direction: Direction, baseLoc: Loc, headLoc: Loc, where: string, path = ''): void {
    const base = this.view(this.base, baseLoc)
    const head = this.view(this.head, headLoc)
    if (!base || !head) return
    const pairKey = `${direction}|${base.loc.file.id}#${formatPointer(base.loc.pointer)}|${head.loc.file.id}#${formatPointer(head.loc.pointer)}|${this.operation}`
    if (this.compared.has(pairKey)) return // recursive schemas: each pair is compared once
    this.compared.add(pairKey)
    const subject = path ? `${where} property '${path}'` : where
    if (direction === 'request') this.compareRequestSchema(base, head, subject)
    else this.compareResponseSchema(base, head, subject)
    for (const [name, headProp] of head.properties) {
      const baseProp = base.properties.get(name)
      const propPath = path ? `${path}.${name}` : name
      if (baseProp) {
        this.compareSchemas(direction, baseProp, headProp, where, propPath)
        continue
      }
      if (direction === 'request' && head.required.has(name)) {
        this.add(
          'required-request-property-added',
          headProp,
          undefined,
          `${where} of ${this.operation} requires the new property '${propPath}'; existing clients do not send it`
        )
      } else {
        this.info(
          direction === 'request' ? 'request-property-added' : 'response-property-added',
          this.operation,
          headProp,
          `${where} of ${this.operation} has a new ${direction === 'request' && !head.required.has(name) ? 'optional ' : ''}property '${propPath}'`
        )
      }
    }
    for (const [name, baseProp] of base.properties) {
      const propPath = path ? `${path}.${name}` : name
      const headProp = head.properties.get(name)
      if (direction === 'response' && !headProp) {
        this.add(
          'response-property-removed',
          child(head.loc, 'properties'),
          baseProp,
          `${where} of ${this.operation} no longer has property '${propPath}' (base ${this.base.describe(baseProp)})`
        )
      } else if (
        headProp &&
        direction === 'response' &&
        base.required.has(name) &&
        !head.required.has(name)
      ) {
        this.add(
          'response-property-became-optional',
          headProp,
          baseProp,
          `${where} property '${propPath}' of ${this.operation} is no longer always present`
        )
      } else if (headProp && direction === 'request' && head.required.has(name) && !base.required.has(name)) {
        this.add(
          'required-request-property-added',
          child(head.loc, 'required'),
          baseProp,
          `${where} property '${propPath}' of ${this.operation} became required`
        )
      }
    }
    if (base.items && head.items) this.compareSchemas(direction, base.items, head.items, where, `${path}[]`)
  }

  private compareRequestSchema(base: SchemaView, head: SchemaView, subject: string): void {
    if (head.types && (!base.types || [...base.types].some(type => !accepts(head.types!, type)))) {
      this.add(
        'request-type-narrowed',
        child(head.loc, 'type'),
        base.loc,
        `${subject} of ${this.operation} changed type from ${describeTypes(base.types)} to ${describeTypes(head.types)}`
      )
    }
    if (head.enumValues) {
      const removed = base.enumValues
        ? base.enumValues.filter(v => !includesValue(head.enumValues!, v))
        : undefined
      if (!removed)
        this.add(
          'request-enum-value-removed',
          child(head.loc, 'enum'),
          base.loc,
          `${subject} of ${this.operation} is now limited to ${head.enumValues.map(v => JSON.stringify(v)).join(', ')}`
        )
      else if (removed.length > 0)
        this.add(
          'request-enum-value-removed',
          child(head.loc, 'enum'),
          base.loc,
          `${subject} of ${this.operation} no longer accepts ${removed.map(v => JSON.stringify(v)).join(', ')}`
        )
    }
  }

  private compareResponseSchema(base: SchemaView, head: SchemaView, subject: string): void {
    if (base.types && (!head.types || [...head.types].some(type => !accepts(base.types!, type)))) {
      this.add(
        'response-type-changed',
        child(head.loc, 'type'),
        base.loc,
        `${subject} of ${this.operation} changed type from ${describeTypes(base.types)} to ${describeTypes(head.types)}`
      )
    }
    if (base.enumValues && head.enumValues) {
      const added = head.enumValues.filter(v => !includesValue(base.enumValues!, v))
      if (added.length > 0)
        this.add(
          'response-enum-value-added',
          child(head.loc, 'enum'),
          base.loc,
          `${subject} of ${this.operation} can now be ${added.map(v => JSON.stringify(v)).join(', ')}; clients with exhaustive handling break`
        )
    }
  }

  private view(spec: Spec, loc: Loc, depth = 0): SchemaView | undefined {
    const target = spec.deref(loc)
    if (!target || !isRecord(target.value)) return undefined
    const schema = target.value
    const view: SchemaView = {
      loc: target.loc,
      types: schemaTypes(schema),
      enumValues: Array.isArray(schema.enum) ? schema.enum : undefined,
      properties: new Map(),
      required: new Set(),
      items: undefined
    }
    if (isRecord(schema.properties))
      for (const name of Object.keys(schema.properties))
        view.properties.set(name, child(target.loc, 'properties', name))
    if (Array.isArray(schema.required)) for (const name of schema.required) view.required.add(String(name))
    if (schema.items !== undefined && !Array.isArray(schema.items)) view.items = child(target.loc, 'items')
    if (Array.isArray(schema.allOf) && depth < 16) {
      schema.allOf.forEach((_, index) => {
        const part = this.view(spec, child(target.loc, 'allOf', index), depth + 1)
        if (!part) return
        for (const [name, propLoc] of part.properties)
          if (!view.properties.has(name)) view.properties.set(name, propLoc)
        for (const name of part.required) view.required.add(name)
        view.types ??= part.types
        view.enumValues ??= part.enumValues
        view.items ??= part.items
      })
    }
    return view
  }

  private add(rule: BreakingRule, head: Loc, base: Loc | undefined, message: string): void {
    this.changes.push({
      rule,
      severity: this.severities[rule],
      operation: this.operation,
      message,
      head,
      base
    })
  }

  private info(kind: NonBreakingKind, operation: string, head: Loc, message: string): void {
    this.changes.push({ rule: kind, severity: 'info', operation, message, head, base: undefined })
  }
}

export function describeOperation(op: Operation): string {
  const name = `${op.method.toUpperCase()} ${op.path}`
  return op.operationId ? `${name} (${op.operationId})` : name
}

function schemaTypes(schema: Record<string, unknown>): Set<string> | undefined {
  const raw = schema.type
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : undefined
  if (!list) return undefined
  if (schema.nullable === true) list.push('null')
  return new Set(list)
}

/** Whether a schema of `types` accepts values of `type` (every integer is a number). */
function accepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

function describeTypes(types: Set<string> | undefined): string {
  return types ? [...types].join(' or ') : 'any'
}

function includesValue(list: unknown[], value: unknown): boolean {
  const text = JSON.stringify(value)
  return list.some(item => JSON.stringify(item) === text)
}

/**
 * Breaking changes as findings at their head line. A change in a shared schema shows up under every operation
 * that uses it; those become one finding that counts the other operations. `off` and non-breaking changes are left out.
 */
export function changeFindings(head: Spec, changes: ApiChange[]): Finding[] {
  const groups = new Map<string, ApiChange[]>()
  for (const change of changes) {
    if (change.severity === 'off' || change.severity === 'info') continue
    const base = change.base ? `${change.base.file.id}#${formatPointer(change.base.pointer)}` : ''
    // The same rule at the same place in both specs is one change, however many operations reach it.
    const key = `${change.rule}|${change.head.file.id}#${formatPointer(change.head.pointer)}|${base}`
    groups.set(key, [...(groups.get(key) ?? []), change])
  }
  return [...groups.values()].map(([first, ...others]) => {
    const more =
      others.length === 0
        ? ''
        : ` (also ${others.length} other operation${others.length === 1 ? '' : 's'}: ${others
            .slice(0, 3)
            .map(c => c.operation)
            .join(', ')}${others.length > 3 ? ', …' : ''})`
    return head.finding(first!.head, first!.rule, first!.severity as Severity, first!.message + more)
  })
}
