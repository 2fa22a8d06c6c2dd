/**
 * Each consumer interaction against the provider's spec, statically: the operation exists, the request
 * follows it (parameters, headers, body), the status is documented, the expected body fits the response
 * schema, and the consumer relies on no property the spec does not promise. A mock response lists what
 * the consumer reads: properties the schema requires may be absent from it, others may not be present.
 */
import type { Finding, Severity } from '../../../types.js'
import { catalog, type ContractRuleId } from '../catalog.js'
import { isRecord, listOperations, responseFor, type Operation } from '../operations.js'
import type { Pointer } from '../pointer.js'
import { isJsonMediaType } from '../requests.js'
import { SchemaValidators } from '../schema-validator.js'
import { child, type Loc, type Spec } from '../spec.js'
import type { Interaction } from './interaction.js'

export interface ConsumerProblem {
  rule: ContractRuleId
  severity?: Severity
  interaction: Interaction
  /** Where in the contract file. */
  at: Pointer
  /** What is wrong, without the consumer/interaction prefix. */
  detail: string
  /** The spec location the consumer disagrees with. */
  specLoc: Loc | undefined
  /** Identity across base and head (for "this change breaks consumer X"). */
  key: string
}

interface Route {
  op: Operation
  pattern: RegExp
  names: string[]
  literal: number
}

const MAX_DEPTH = 32

/** Reports one finding of an interaction: rule, where in the contract file, what is wrong, the spec line, a dedupe key. */
type AddFinding = (
  rule: ContractRuleId,
  at: Pointer,
  detail: string,
  specLoc: Loc | undefined,
  key: string,
  severity?: Severity
) => void

export class ContractChecker {
  private readonly routes: Route[]
  private readonly requests: SchemaValidators
  private readonly responses: SchemaValidators
  private readonly basePath: string

  constructor(private readonly spec: Spec) {
    this.routes = listOperations(spec).map(op => {
      const names: string[] = []
      const source = op.path
        .split(/(\{[^}]*\})/)
        .map(part => {
          const name = part.match(/^\{([^}]*)\}$/)?.[1]
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(name)
          return '([^/]+)'
        })
        .join('')
      return {
        op,
        pattern: new RegExp(`^${source}/?$`),
        names,
        literal: op.path.replace(/\{[^}]*\}/g, '').length
      }
    })
    // More literal characters first: `/users/me` wins over `/users/{id}`.
    this.routes.sort((a, b) => b.literal - a.literal)
    this.requests = new SchemaValidators(spec, 'request')
    this.responses = new SchemaValidators(spec, 'response')
    const servers = spec.root.servers
    const first = Array.isArray(servers) && isRecord(servers[0]) ? String(servers[0].url ?? '') : ''
    let base: string
    try {
      base = new URL(first, 'http://placeholder').pathname.replace(/\/$/, '')
    } catch {
      base = ''
    }
    this.basePath = base
  }

  check(interaction: Interaction): ConsumerProblem[] {
    const problems: ConsumerProblem[] = []
    const add: AddFinding = (rule, at, detail, specLoc, key, severity) =>
      void problems.push({
        rule,
        interaction,
        at,
        detail,
        specLoc,
        key: `${rule}|${key}`,
        ...(severity ? { severity } : {})
      })
    const { request, response } = interaction
    const match = this.route(request.path, request.method)
    if (!match.op) {
      add(
        'consumer-operation-missing',
        request.pathAt,
        match.pathFound
          ? `calls ${request.method.toUpperCase()} ${request.path}, but the spec documents ${match.pathFound} only for ${match.methods.join(', ')}`
          : `calls ${request.method.toUpperCase()} ${request.path}, which no path of the spec matches`,
        undefined,
        `${request.method} ${request.path}`
      )
      return problems
    }
    const { op, values } = match
    // A consumer test of the error path (a 4xx expected) sends a bad request on purpose: its request is
    // not held against the spec (as @pactflow/swagger-mock-validator does).
    if (response.status < 400 || response.status >= 500) {
      this.checkParameters(op, interaction, values, add)
      this.checkRequestBody(op, interaction, add)
    }
    const found = responseFor(op, response.status)
    if (!found) {
      add(
        'consumer-status-undocumented',
        response.statusAt,
        `expects status ${response.status}, which ${describe(op)} does not document (it documents ${[...op.responses.keys()].join(', ') || 'nothing'})`,
        child(op.loc, 'responses'),
        `status ${response.status}`
      )
      return problems
    }
    if (response.body === undefined) return problems
    const content = isRecord(found.response.value.content) ? found.response.value.content : {}
    const contentType = response.headers.get('content-type')
    const mediaType =
      Object.keys(content).find(
        type =>
          contentType !== undefined &&
          contentType.split(';')[0]!.trim().toLowerCase() === type.split(';')[0]!.trim().toLowerCase()
      ) ?? Object.keys(content).find(isJsonMediaType)
    if (mediaType === undefined) {
      if (Object.keys(content).length === 0)
        add(
          'consumer-relies-on-unpromised',
          response.bodyAt,
          `expects a body in the ${found.key} response, which the spec documents without content`,
          found.response.loc,
          `no content ${found.key}`
        )
      return problems
    }
    const schema = child(found.response.loc, 'content', mediaType, 'schema')
    if (this.spec.valueAt(schema) === undefined) return problems
    for (const violation of this.responses.validate(schema, response.body)) {
      // A mock lists what the consumer reads: a required property it leaves out is not its concern.
      if (violation.message === 'is required but missing') continue
      add(
        'consumer-response-invalid',
        [...response.bodyAt, ...pointerParts(violation.pointer)],
        `expects a ${found.key} response body the spec rules out: ${violation.pointer || 'the body'} ${violation.message}`,
        violation.schemaLoc,
        `response ${violation.pointer} ${violation.message}`
      )
    }
    this.unpromised(schema, response.body, response.bodyAt, '', add, 0)
    return problems
  }

  private route(
    path: string,
    method: string
  ): { op?: Operation; values: string[]; pathFound?: string; methods: string[] } {
    const candidates = [path]
    if (this.basePath && path.startsWith(`${this.basePath}/`))
      candidates.push(path.slice(this.basePath.length))
    for (const candidate of candidates) {
      const matching = this.routes.filter(route => route.pattern.test(candidate))
      if (matching.length === 0) continue
      const route = matching.find(r => r.op.method === method)
      if (route) return { op: route.op, values: candidate.match(route.pattern)!.slice(1), methods: [] }
      return {
        values: [],
        pathFound: matching[0]!.op.path,
        methods: [...new Set(matching.map(r => r.op.method.toUpperCase()))]
      }
    }
    return { values: [], methods: [] }
  }

  private checkParameters(
    op: Operation,
    interaction: Interaction,
    pathValues: string[],
    add: AddFinding
  ): void {
    const { request } = interaction
    const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map(m => m[1]!)
    for (const param of op.parameters) {
      let raw: string[] | undefined
      let at: Pointer = request.pathAt
      if (param.in === 'path') {
        const index = names.indexOf(param.name)
        raw = index === -1 ? undefined : [decode(pathValues[index] ?? '')]
      } else if (param.in === 'query') {
        raw = request.query.get(param.name)
        at = request.query.size > 0 ? request.queryAt : request.pathAt
      } else if (param.in === 'header') {
        const value = request.headers.get(param.name.toLowerCase())
        raw = value === undefined ? undefined : [value]
        at = request.headers.size > 0 ? request.headersAt : request.pathAt
      } else continue // cookies: consumer tools rarely record them
      if (raw === undefined) {
        if (param.required)
          add(
            'consumer-request-invalid',
            at,
            `does not send the required ${param.in} parameter '${param.name}' of ${describe(op)}`,
            param.loc,
            `missing ${param.in} ${param.name}`
          )
        continue
      }
      const schemaLoc = child(param.loc, 'schema')
      if (this.spec.valueAt(schemaLoc) === undefined) continue
      const value = coerce(this.spec, schemaLoc, raw)
      for (const violation of this.requests.validate(schemaLoc, value).slice(0, 1))
        add(
          'consumer-request-invalid',
          at,
          `sends ${param.in} parameter '${param.name}' = ${JSON.stringify(raw.length === 1 ? raw[0] : raw)}, which ${describe(op)} rejects: ${violation.pointer ? `${violation.pointer} ` : ''}${violation.message}`,
          violation.schemaLoc,
          `param ${param.in} ${param.name} ${violation.message}`
        )
    }
  }

  private checkRequestBody(op: Operation, interaction: Interaction, add: AddFinding): void {
    const { request } = interaction
    const body = op.requestBody
    if (!body) return
    if (request.body === undefined) {
      if (body.value.required === true)
        add(
          'consumer-request-invalid',
          interaction.at,
          `sends no body, but ${describe(op)} requires one`,
          body.loc,
          'no body'
        )
      return
    }
    const content = isRecord(body.value.content) ? body.value.content : {}
    const contentType = request.headers.get('content-type')
    const essence = contentType?.split(';')[0]!.trim().toLowerCase()
    const mediaType =
      Object.keys(content).find(type => type.split(';')[0]!.trim().toLowerCase() === essence) ??
      (contentType === undefined ? Object.keys(content).find(isJsonMediaType) : undefined)
    if (mediaType === undefined) {
      add(
        'consumer-request-invalid',
        request.headersAt,
        `sends a ${contentType ?? 'body without content-type'}, which ${describe(op)} does not accept (${Object.keys(content).join(', ')})`,
        child(body.loc, 'content'),
        `content-type ${contentType}`
      )
      return
    }
    const schema = child(body.loc, 'content', mediaType, 'schema')
    if (this.spec.valueAt(schema) === undefined) return
    for (const violation of this.requests.validate(schema, request.body))
      add(
        'consumer-request-invalid',
        [...request.bodyAt, ...pointerParts(violation.pointer)],
        `sends a request body ${describe(op)} rejects: ${violation.pointer || 'the body'} ${violation.message}`,
        violation.schemaLoc,
        `request ${violation.pointer} ${violation.message}`
      )
  }

  /** Properties the consumer expects that the schema does not define (error) or leaves optional (warning). */
  private unpromised(
    schemaLoc: Loc,
    value: unknown,
    at: Pointer,
    path: string,
    add: AddFinding,
    depth: number
  ): void {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return
    const view = this.shape(schemaLoc)
    if (!view) return
    if (Array.isArray(value)) {
      if (view.items)
        value.forEach((item, index) =>
          this.unpromised(view.items!, item, [...at, String(index)], `${path}[]`, add, depth + 1)
        )
      return
    }
    if (!view.object) return
    for (const [name, item] of Object.entries(value)) {
      const propLoc = view.properties.get(name)
      const propertyPath = path ? `${path}.${name}` : name
      if (!propLoc) {
        if (view.additional) {
          this.unpromised(view.additional, item, [...at, name], `${propertyPath}`, add, depth + 1)
          continue
        }
        if (view.open)
          add(
            'consumer-relies-on-unpromised',
            [...at, name],
            `expects response property '${propertyPath}', which the spec does not define`,
            view.loc,
            `absent ${propertyPath}`
          )
        continue
      }
      if (!view.required.has(name))
        add(
          'consumer-relies-on-unpromised',
          [...at, name],
          `expects response property '${propertyPath}', which the spec marks optional: the provider may leave it out`,
          propLoc,
          `optional ${propertyPath}`,
          'warning'
        )
      this.unpromised(propLoc, item, [...at, name], propertyPath, add, depth + 1)
    }
  }

  /** Properties, required names and items of a schema, refs followed, allOf merged, oneOf/anyOf united. */
  private shape(
    loc: Loc,
    depth = 0
  ):
    | {
        loc: Loc
        object: boolean
        open: boolean
        properties: Map<string, Loc>
        required: Set<string>
        items: Loc | undefined
        additional: Loc | undefined
      }
    | undefined {
    const target = this.spec.deref(loc)
    if (!target || !isRecord(target.value) || depth > 8) return undefined
    const schema = target.value
    const view = {
      loc: target.loc,
      object:
        isRecord(schema.properties) ||
        schema.type === 'object' ||
        schema.allOf !== undefined ||
        schema.oneOf !== undefined ||
        schema.anyOf !== undefined,
      // With additionalProperties false the schema validation already rejected the property.
      open: schema.additionalProperties !== false,
      properties: new Map<string, Loc>(),
      required: new Set<string>(Array.isArray(schema.required) ? schema.required.map(String) : []),
      items: isRecord(schema.items) ? child(target.loc, 'items') : undefined,
      additional:
        isRecord(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0
          ? child(target.loc, 'additionalProperties')
          : undefined
    }
    if (isRecord(schema.properties))
      for (const name of Object.keys(schema.properties))
        view.properties.set(name, child(target.loc, 'properties', name))
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const parts = schema[keyword]
      if (!Array.isArray(parts)) continue
      parts.forEach((_, index) => {
        const part = this.shape(child(target.loc, keyword, index), depth + 1)
        if (!part) return
        for (const [name, propLoc] of part.properties)
          if (!view.properties.has(name)) view.properties.set(name, propLoc)
        // Only allOf parts make a property required for sure; a oneOf branch may not be the one sent.
        if (keyword === 'allOf') for (const name of part.required) view.required.add(name)
        view.items ??= part.items
        view.additional ??= part.additional
        if (!part.open) view.open = false
      })
    }
    // No properties to compare with (a free-form object): nothing is promised, nothing is ruled out.
    if (view.properties.size === 0 && !view.additional) view.object = false
    return view
  }
}

function describe(op: Operation): string {
  return `${op.method.toUpperCase()} ${op.path}`
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function pointerParts(pointer: string): string[] {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Parameter strings as the schema types them: `5` → 5 for integers, `a,b` → ['a','b'] for arrays. */
function coerce(spec: Spec, schemaLoc: Loc, raw: string[]): unknown {
  const schema = spec.deref(schemaLoc)?.value
  const typeOf = (value: unknown) =>
    isRecord(value)
      ? Array.isArray(value.type)
        ? value.type.find(t => t !== 'null')
        : value.type
      : undefined
  const one = (text: string, type: unknown): unknown => {
    if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text)))
      return Number(text)
    if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true'
    return text
  }
  const type = typeOf(schema)
  if (type === 'array') {
    const items = isRecord(schema) ? spec.deref(child(spec.deref(schemaLoc)!.loc, 'items'))?.value : undefined
    const values = raw.length === 1 ? raw[0]!.split(',') : raw
    return values.map(text => one(text, typeOf(items)))
  }
  return one(raw[0]!, type)
}

/** A problem as a finding at the contract file's line, naming the consumer, the interaction and the spec line. */
export function consumerFinding(
  spec: Spec,
  problem: ConsumerProblem,
  rule: ContractRuleId = problem.rule,
  prefix = ''
): Finding {
  const { interaction } = problem
  const { line, column } = interaction.file.locate(problem.at)
  const where = problem.specLoc ? ` (spec ${spec.describe(problem.specLoc)})` : ''
  return catalog.finding(rule, {
    ...(problem.severity ? { severity: problem.severity } : {}),
    message: `${prefix}consumer '${interaction.consumer}', interaction '${interaction.description}': ${problem.detail}${where}`,
    file: interaction.file.display,
    line,
    column
  })
}
