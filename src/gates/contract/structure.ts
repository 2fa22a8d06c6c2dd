import type { Finding } from '../../types.js'
import type { ContractRuleId } from './catalog.js'
import { compileSafeRegExp, UnsafePatternError } from '../../kernel/regex.js'
import { formatPointer } from './pointer.js'
import { child, refOf, type Loc, type Spec } from './spec.js'

/**
 * A compact structural check of the parts of OpenAPI 3.0/3.1 the gate relies on, with one precise
 * finding per problem at its line. (The official JSON Schemas report a `oneOf` failure as a dozen
 * unrelated errors about the wrong branch and would add their own bytes; this names the actual mistake.)
 */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
const PATH_ITEM_KEYS = new Set<string>([
  ...HTTP_METHODS,
  '$ref',
  'summary',
  'description',
  'servers',
  'parameters'
])
const PARAMETER_LOCATIONS = ['query', 'header', 'path', 'cookie']
const SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object']
const STATUS_KEY = /^([1-5](\d\d|XX)|default)$/

export function validateStructure(spec: Spec): Finding[] {
  return new StructureCheck(spec).run()
}

class StructureCheck {
  private readonly findings: Finding[] = []
  private readonly seenSchemas = new Set<object>()
  private readonly operationIds = new Map<string, Loc>()
  private readonly root: Loc

  constructor(private readonly spec: Spec) {
    this.root = { file: spec.entry, pointer: [] }
  }

  run(): Finding[] {
    const doc = this.spec.root
    if (doc.swagger !== undefined) {
      this.problem(
        this.root,
        'unsupported-openapi-version',
        `Swagger ${String(doc.swagger)} is not supported: convert the document to OpenAPI 3.0 or 3.1`
      )
      return this.findings
    }
    const version = doc.openapi
    if (typeof version !== 'string' || !/^3\.[01]\.\d+(-.+)?$/.test(version)) {
      const got = version === undefined ? 'no `openapi` field' : `openapi: ${JSON.stringify(version)}`
      this.problem(
        child(this.root, 'openapi'),
        'unsupported-openapi-version',
        `expected \`openapi: 3.0.x\` or \`3.1.x\` (a string), got ${got}`
      )
      return this.findings
    }
    const info = this.object(child(this.root, 'info'), true)
    if (info) {
      for (const key of ['title', 'version']) this.string(child(this.root, 'info', key), true)
    }
    const is31 = version.startsWith('3.1')
    const paths = this.object(child(this.root, 'paths'), !is31)
    if (is31 && doc.paths === undefined && doc.webhooks === undefined && doc.components === undefined) {
      this.problem(
        this.root,
        'spec-invalid',
        'an OpenAPI 3.1 document needs at least one of `paths`, `webhooks` or `components`'
      )
    }
    if (paths) {
      for (const key of Object.keys(paths)) {
        const at = child(this.root, 'paths', key)
        if (key.startsWith('x-')) continue
        if (!key.startsWith('/')) this.problem(at, 'spec-invalid', `path '${key}' must start with '/'`)
        this.pathItem(at, key)
      }
    }
    const schemas = this.object(child(this.root, 'components', 'schemas'), false)
    if (schemas)
      for (const name of Object.keys(schemas)) this.schema(child(this.root, 'components', 'schemas', name))
    return this.findings
  }

  private pathItem(at: Loc, template: string): void {
    const resolved = this.deref(at)
    if (!resolved) return
    const item = this.object(resolved.loc, true)
    if (!item) return
    for (const key of Object.keys(item)) {
      if (!PATH_ITEM_KEYS.has(key) && !key.startsWith('x-')) {
        this.problem(
          child(resolved.loc, key),
          'spec-invalid',
          `unknown key '${key}' in path item '${template}' (expected an HTTP method, parameters, summary, description or servers)`
        )
      }
    }
    const shared = this.parameters(child(resolved.loc, 'parameters'))
    for (const method of HTTP_METHODS) {
      if (item[method] === undefined) continue
      this.operation(child(resolved.loc, method), template, method, shared)
    }
  }

  private operation(ref: Loc, template: string, method: string, shared: Map<string, Loc>): void {
    // An operation may be a `$ref` to a file holding it (DigitalOcean's layout): check the target.
    const at = this.deref(ref)?.loc ?? ref
    const op = this.object(at, true)
    if (!op) return
    const name = `${method.toUpperCase()} ${template}`
    if (op.operationId !== undefined && this.string(child(at, 'operationId'), false)) {
      const id = op.operationId as string
      const previous = this.operationIds.get(id)
      if (previous)
        this.problem(
          child(at, 'operationId'),
          'duplicate-operation-id',
          `operationId '${id}' of ${name} is already used at ${this.spec.describe(previous)}`
        )
      else this.operationIds.set(id, child(at, 'operationId'))
    }
    const own = this.parameters(child(at, 'parameters'))
    const declared = new Set<string>()
    for (const key of [...shared.keys(), ...own.keys()])
      if (key.startsWith('path:')) declared.add(key.slice(5))
    const placeholders = [...template.matchAll(/\{([^}]+)\}/g)].map(m => m[1]!)
    for (const placeholder of placeholders) {
      if (!declared.has(placeholder)) {
        this.problem(
          at,
          'path-parameter-mismatch',
          `${name} has no path parameter '${placeholder}' (declare it with in: path, required: true)`
        )
      }
    }
    for (const [key, loc] of [...shared, ...own]) {
      if (key.startsWith('path:') && !placeholders.includes(key.slice(5))) {
        this.problem(
          loc,
          'path-parameter-mismatch',
          `path parameter '${key.slice(5)}' of ${name} does not appear in the path template`
        )
      }
    }
    if (op.requestBody !== undefined) {
      const body = this.deref(child(at, 'requestBody'))
      if (body && this.object(body.loc, true)) this.content(child(body.loc, 'content'), true)
    }
    const responses = this.object(child(at, 'responses'), this.spec.version === '3.0')
    if (responses) {
      const codes = Object.keys(responses).filter(code => !code.startsWith('x-'))
      if (codes.length === 0)
        this.problem(child(at, 'responses'), 'spec-invalid', `${name} documents no responses`)
      for (const code of codes) {
        const codeLoc = child(at, 'responses', code)
        if (!STATUS_KEY.test(code)) {
          this.problem(
            codeLoc,
            'spec-invalid',
            `response key '${code}' of ${name} is not a status code, a range like 2XX, or default`
          )
          continue
        }
        const response = this.deref(codeLoc)
        if (!response) continue
        const value = this.object(response.loc, true)
        if (!value) continue
        this.string(child(response.loc, 'description'), true)
        if (value.content !== undefined) this.content(child(response.loc, 'content'), false)
        const headers = this.object(child(response.loc, 'headers'), false)
        if (headers) {
          for (const header of Object.keys(headers)) {
            const resolved = this.deref(child(response.loc, 'headers', header))
            if (resolved && this.object(resolved.loc, true)) this.schemaAt(child(resolved.loc, 'schema'))
          }
        }
      }
    }
  }

  /** Checks a parameter list; returns `in:name` → location of each parameter. */
  private parameters(at: Loc): Map<string, Loc> {
    const found = new Map<string, Loc>()
    const list = this.spec.valueAt(at)
    if (list === undefined) return found
    if (!Array.isArray(list)) {
      this.problem(at, 'spec-invalid', `'parameters' must be a list`)
      return found
    }
    list.forEach((_, index) => {
      const resolved = this.deref(child(at, index))
      if (!resolved) return
      const param = this.object(resolved.loc, true)
      if (!param) return
      const name = this.string(child(resolved.loc, 'name'), true)
      const where = param.in
      if (typeof where !== 'string' || !PARAMETER_LOCATIONS.includes(where)) {
        this.problem(
          child(resolved.loc, 'in'),
          'spec-invalid',
          `parameter '${name ?? '?'}' must have in: query, header, path or cookie (got ${JSON.stringify(where)})`
        )
        return
      }
      if (where === 'path' && param.required !== true) {
        this.problem(
          child(resolved.loc, 'required'),
          'spec-invalid',
          `path parameter '${name}' must have required: true`
        )
      }
      if (param.schema === undefined && param.content === undefined) {
        this.problem(resolved.loc, 'spec-invalid', `parameter '${name}' needs a schema or content`)
      }
      this.schemaAt(child(resolved.loc, 'schema'))
      if (name === undefined) return
      const key = `${where}:${name}`
      if (found.has(key))
        this.problem(resolved.loc, 'spec-invalid', `parameter '${name}' (in ${where}) is declared twice`)
      found.set(key, resolved.loc)
    })
    return found
  }

  private content(at: Loc, required: boolean): void {
    const content = this.object(at, required)
    if (!content) return
    for (const mediaType of Object.keys(content)) {
      if (!/^[\w.+*-]+\/[\w.+*-]+(\s*;.*)?$/.test(mediaType)) {
        this.problem(
          child(at, mediaType),
          'spec-invalid',
          `'${mediaType}' is not a media type (expected type/subtype)`
        )
      }
      if (this.object(child(at, mediaType), true)) this.schemaAt(child(at, mediaType, 'schema'))
    }
  }

  private schemaAt(at: Loc): void {
    if (this.spec.valueAt(at) !== undefined) this.schema(at)
  }

  /** Schema keywords whose values are schemas, lists of schemas, or maps of schemas. */
  private schema(at: Loc, depth = 0): void {
    const value = this.spec.valueAt(at)
    if (typeof value === 'boolean' && this.spec.version === '3.1') return
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problem(at, 'spec-invalid', `schema ${formatPointer(at.pointer)} must be an object`)
      return
    }
    if (this.seenSchemas.has(value) || depth > 200 || refOf(value) !== undefined) return
    this.seenSchemas.add(value)
    const schema = value as Record<string, unknown>
    const types =
      Array.isArray(schema.type) && this.spec.version === '3.1'
        ? schema.type
        : schema.type === undefined
          ? []
          : [schema.type]
    const allowed = this.spec.version === '3.1' ? [...SCHEMA_TYPES, 'null'] : SCHEMA_TYPES
    for (const type of types) {
      if (typeof type !== 'string' || !allowed.includes(type)) {
        const hint =
          type === 'null'
            ? ' (in OpenAPI 3.0 use nullable: true)'
            : Array.isArray(schema.type)
              ? ' (type lists need OpenAPI 3.1)'
              : ''
        this.problem(
          child(at, 'type'),
          'spec-invalid',
          `schema type ${JSON.stringify(schema.type)} is not one of ${allowed.join(', ')}${hint}`
        )
        break
      }
    }
    if (typeof schema.pattern === 'string') {
      try {
        compileSafeRegExp(schema.pattern)
      } catch (error) {
        if (error instanceof UnsafePatternError)
          this.problem(
            child(at, 'pattern'),
            'unsafe-pattern',
            `${error.message}; values are not checked against it`
          )
      }
    }
    if (
      schema.required !== undefined &&
      !(Array.isArray(schema.required) && schema.required.every(r => typeof r === 'string'))
    ) {
      this.problem(
        child(at, 'required'),
        'spec-invalid',
        `'required' of a schema must be a list of property names`
      )
    }
    if (this.spec.version === '3.0' && types.includes('array') && schema.items === undefined) {
      this.problem(at, 'spec-invalid', `an array schema needs 'items' in OpenAPI 3.0`)
    }
    for (const key of ['properties', 'patternProperties', '$defs', 'definitions']) {
      const map = schema[key]
      if (map === undefined) continue
      if (map === null || typeof map !== 'object' || Array.isArray(map)) {
        this.problem(child(at, key), 'spec-invalid', `'${key}' must be a mapping of schemas`)
        continue
      }
      for (const name of Object.keys(map)) this.schema(child(at, key, name), depth + 1)
    }
    for (const key of ['allOf', 'oneOf', 'anyOf', 'prefixItems']) {
      const list = schema[key]
      if (list === undefined) continue
      if (!Array.isArray(list)) {
        this.problem(child(at, key), 'spec-invalid', `'${key}' must be a list of schemas`)
        continue
      }
      list.forEach((_, index) => this.schema(child(at, key, index), depth + 1))
    }
    for (const key of [
      'items',
      'not',
      'additionalProperties',
      'contains',
      'propertyNames',
      'if',
      'then',
      'else'
    ]) {
      const sub = schema[key]
      if (sub === undefined || typeof sub === 'boolean') continue
      this.schema(child(at, key), depth + 1)
    }
  }

  private deref(at: Loc): { value: unknown; loc: Loc } | undefined {
    // Dangling refs are reported once by the loader; nothing more to say here.
    return this.spec.deref(at)
  }

  /** A required field that is absent, reported on the object that should hold it. */
  private missing(at: Loc): void {
    this.problem(
      parentOf(at),
      'spec-invalid',
      `missing required '${at.pointer[at.pointer.length - 1]}' in ${describePointer(parentOf(at))}`
    )
  }

  private object(at: Loc, required: boolean): Record<string, unknown> | undefined {
    const value = this.spec.valueAt(at)
    if (value === undefined) {
      if (required) this.missing(at)
      return undefined
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problem(at, 'spec-invalid', `${describePointer(at)} must be a mapping`)
      return undefined
    }
    return value as Record<string, unknown>
  }

  private string(at: Loc, required: boolean): string | undefined {
    const value = this.spec.valueAt(at)
    if (value === undefined) {
      if (required) this.missing(at)
      return undefined
    }
    if (typeof value !== 'string') {
      this.problem(
        at,
        'spec-invalid',
        `${describePointer(at)} must be a string (got ${JSON.stringify(value)}; quote it)`
      )
      return undefined
    }
    return value
  }

  private problem(at: Loc, rule: ContractRuleId, message: string): void {
    this.findings.push(this.spec.finding(at, rule, undefined, message))
  }
}

function parentOf(at: Loc): Loc {
  return { file: at.file, pointer: at.pointer.slice(0, -1) }
}

function describePointer(at: Loc): string {
  return at.pointer.length === 0 ? 'the document' : `'${formatPointer(at.pointer)}'`
}
