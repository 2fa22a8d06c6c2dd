/**
 * GitHub's own API description (@octokit/openapi, api.github.com) as the judge of the stand-in: every answer the
 * stand-in gives on a documented route is validated against that route's response schema, so the stand-in cannot
 * drift from what GitHub sends. Loaded once (an 11 MB JSON document), compiled per route on first use.
 */
import AjvModule, { type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: unknown
}

// CommonJS under ESM: the class may sit on `.default` or be the module itself.
type AjvClass = typeof AjvModule.default
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass
type Ajv = InstanceType<AjvClass>
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default

let loaded: { spec: Spec; ajv: Ajv; routes: { method: string; pattern: RegExp; path: string }[] } | undefined
const compiled = new Map<string, ValidateFunction | null>()
/** Answers validated per route and status: the stand-in builds every answer of a route the same way, so the first
 * ones stand for the rest, and a 500-deployment history stays fast. */
const PER_ROUTE = 25
const validated = new Map<string, number>()

function load() {
  if (loaded) return loaded
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json')
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec
  untypedNullable(spec.components)
  // OpenAPI 3.0 schemas: `nullable`, `example` and vendor keywords; not strict JSON Schema.
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true })
  addFormats(ajv)
  ajv.addSchema({ $id: 'github', components: spec.components } as object)
  const routes = Object.keys(spec.paths).flatMap(path =>
    Object.keys(spec.paths[path]!).map(method => ({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    }))
  )
  loaded = { spec, ajv, routes }
  return loaded
}

/**
 * OpenAPI 3.0 allows `nullable: true` beside `oneOf`/`allOf`/`$ref` without a `type`, which ajv refuses; it
 * means "or null", so such a schema becomes `anyOf: [null, the rest]` (iterative walk, in place).
 */
function untypedNullable(root: unknown): void {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node)) {
      stack.push(...node)
      continue
    }
    const record = node as Record<string, unknown>
    if (record.nullable === true && record.type === undefined) {
      const rest: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(record)) {
        if (key !== 'nullable' && key !== 'description' && key !== 'example') rest[key] = value
        if (key !== 'description') delete record[key]
      }
      record.anyOf = [{ type: 'null' }, rest]
      stack.push(rest)
      continue
    }
    stack.push(...Object.values(record))
  }
}

/** Rewrites `#/components/...` refs to the registered document. */
function rebase(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"github#/components/')
  )
}

/**
 * Why an answer does not fit GitHub's description of the route, or undefined when it fits (or when the route or
 * status is not described: errors and undocumented routes are not judged).
 */
export function schemaViolation(
  method: string,
  path: string,
  status: number,
  body: unknown
): string | undefined {
  const { spec, ajv, routes } = load()
  // The most specific template wins (literal segments over parameters).
  const route = routes
    .filter(r => r.method === method && r.pattern.test(path))
    .sort((a, b) => b.path.replace(/\{[^}]+\}/g, '').length - a.path.replace(/\{[^}]+\}/g, '').length)[0]
  if (!route) return undefined
  const key = `${route.method} ${route.path} ${status}`
  if (!compiled.has(key)) {
    const schema =
      spec.paths[route.path]![route.method.toLowerCase()]!.responses?.[String(status)]?.content?.[
        'application/json'
      ]?.schema
    compiled.set(key, schema ? ajv.compile(rebase(schema) as object) : null)
  }
  const validate = compiled.get(key)
  const count = validated.get(key) ?? 0
  if (!validate || count >= PER_ROUTE) return undefined
  validated.set(key, count + 1)
  if (validate(body)) return undefined
  const error = validate.errors?.[0]
  return `${key}: ${error?.instancePath || '(root)'} ${error?.message ?? 'does not match'}`
}
