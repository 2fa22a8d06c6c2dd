import { child, type Loc, type Spec } from './spec.js'
import { HTTP_METHODS } from './structure.js'

export interface Resolved {
  loc: Loc
  value: Record<string, unknown>
}

export interface Parameter extends Resolved {
  name: string
  in: string
  required: boolean
}

/** How a parameter is written on the wire: OpenAPI 3's defaults are form+explode for query/cookie, simple otherwise. */
export function parameterStyle(param: Parameter): { style: string; explode: boolean } {
  const style =
    typeof param.value.style === 'string'
      ? param.value.style
      : param.in === 'query' || param.in === 'cookie'
        ? 'form'
        : 'simple'
  const explode = typeof param.value.explode === 'boolean' ? param.value.explode : style === 'form'
  return { style, explode }
}

/** One operation with its path-level parameters merged in and every `$ref` on the way followed. */
export interface Operation {
  method: string
  path: string
  /** Method and path with parameter names erased, so `/users/{id}` and `/users/{userId}` match across versions. */
  key: string
  operationId: string | undefined
  /** operationId when there is one, else `GET /path`. */
  label: string
  tags: string[]
  deprecated: boolean
  loc: Loc
  pathLoc: Loc
  value: Record<string, unknown>
  parameters: Parameter[]
  requestBody: Resolved | undefined
  /** Status key (`200`, `2XX`, `default`) → response object. */
  responses: Map<string, Resolved>
  /** Effective security: the operation's, else the document's. Each entry is one accepted way to authenticate. */
  security: Record<string, string[]>[]
}

/** Where an operation is and its wire key, without building it (a diff walks 30,000 of these). */
export interface OperationRef {
  key: string
  path: string
  method: string
}

export function listOperations(spec: Spec): Operation[] {
  const operations: Operation[] = []
  const paths = spec.root.paths
  if (!isRecord(paths)) return operations
  for (const path of Object.keys(paths)) operations.push(...pathOperations(spec, path))
  return operations
}

/** Every operation's method, path and key, cheaply. */
export function operationRefs(spec: Spec): OperationRef[] {
  const refs: OperationRef[] = []
  const paths = spec.root.paths
  if (!isRecord(paths)) return refs
  for (const path of Object.keys(paths)) {
    if (!path.startsWith('/')) continue
    const item = spec.deref({ file: spec.entry, pointer: ['paths', path] })?.value
    if (!isRecord(item)) continue
    const template = path.replace(/\{[^}]*\}/g, '{}')
    for (const method of HTTP_METHODS)
      if (isRecord(item[method])) refs.push({ key: `${method.toUpperCase()} ${template}`, path, method })
  }
  return refs
}

/** One operation, built (refs followed, path-level parameters merged). */
export function operationAt(spec: Spec, path: string, method: string): Operation | undefined {
  return pathOperations(spec, path, method)[0]
}

function pathOperations(spec: Spec, path: string, only?: string): Operation[] {
  const operations: Operation[] = []
  const rootSecurity = Array.isArray(spec.root.security)
    ? (spec.root.security as Record<string, string[]>[])
    : []
  {
    if (!path.startsWith('/')) return operations
    const pathLoc = { file: spec.entry, pointer: ['paths', path] }
    const item = resolve(spec, pathLoc)
    if (!item) return operations
    const shared = parameterList(spec, child(item.loc, 'parameters'))
    for (const method of HTTP_METHODS) {
      if (only !== undefined && method !== only) continue
      // An operation may itself be a `$ref` (DigitalOcean's description does this for every operation).
      const operation = resolve(spec, child(item.loc, method))
      if (!operation) continue
      const { loc, value } = operation
      const own = parameterList(spec, child(loc, 'parameters'))
      const merged = new Map<string, Parameter>()
      for (const param of [...shared, ...own]) merged.set(`${param.in}:${param.name}`, param)
      const responses = new Map<string, Resolved>()
      if (isRecord(value.responses)) {
        for (const code of Object.keys(value.responses)) {
          const response = resolve(spec, child(loc, 'responses', code))
          if (response && !code.startsWith('x-')) responses.set(code, response)
        }
      }
      const operationId = typeof value.operationId === 'string' ? value.operationId : undefined
      operations.push({
        method,
        path,
        key: `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`,
        operationId,
        label: operationId ?? `${method.toUpperCase()} ${path}`,
        tags: Array.isArray(value.tags) ? value.tags.map(String) : [],
        deprecated: value.deprecated === true,
        loc,
        pathLoc,
        value,
        parameters: [...merged.values()],
        requestBody: value.requestBody === undefined ? undefined : resolve(spec, child(loc, 'requestBody')),
        responses,
        security: Array.isArray(value.security)
          ? (value.security as Record<string, string[]>[])
          : rootSecurity
      })
    }
  }
  return operations
}

/** Follows refs to an object (undefined when the chain dangles or ends in a non-object). */
export function resolve(spec: Spec, loc: Loc): Resolved | undefined {
  const target = spec.deref(loc)
  if (!target || !isRecord(target.value)) return undefined
  return { loc: target.loc, value: target.value }
}

function parameterList(spec: Spec, loc: Loc): Parameter[] {
  const list = spec.valueAt(loc)
  if (!Array.isArray(list)) return []
  const params: Parameter[] = []
  list.forEach((_, index) => {
    const param = resolve(spec, child(loc, index))
    if (!param || typeof param.value.name !== 'string' || typeof param.value.in !== 'string') return
    params.push({
      ...param,
      name: param.value.name,
      in: param.value.in,
      required: param.value.required === true
    })
  })
  return params
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The response documented for a status: exact code, then its range (`2XX`), then `default`. */
export function responseFor(
  operation: Operation,
  status: number
): { key: string; response: Resolved } | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    const response = operation.responses.get(key)
    if (response) return { key, response }
  }
  return undefined
}
