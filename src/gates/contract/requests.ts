import { isRecord, parameterStyle, type Operation, type Parameter } from './operations.js'
import { exampleOf } from './samples.js'
import { child, type Spec } from './spec.js'

/** A request the gate will send for one operation. `display` is method + path + query: never header values. */
export interface PlannedRequest {
  method: string
  url: string
  display: string
  headers: Record<string, string>
  body: string | undefined
}

const SAFE_METHODS = new Set(['get', 'head', 'options'])

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method)
}

/** Credentials per security scheme (`auth`): scheme name → value (an API key, a token, `user:password`). */
export type Credentials = Record<string, string>

/** Values that replace the first example: a parameter's other example or boundary value, another body example. */
export interface RequestOverrides {
  params?: ReadonlyMap<Parameter, unknown>
  body?: { value: unknown }
}

/**
 * Builds the request from the operation's examples (or its schemas), on top of the user's `headers`;
 * `overrides` set some parameters (sent even when optional) or the body to other valid values.
 */
export function planRequest(
  spec: Spec,
  op: Operation,
  baseUrl: URL,
  userHeaders: Record<string, string>,
  credentials: Credentials = {},
  overrides: RequestOverrides = {}
): PlannedRequest | { skipped: string } {
  let path = op.path
  // The base URL's own query (`?tenant=acme`, a signed `?sig=`) is kept on every request.
  const query = new URLSearchParams(baseUrl.search)
  const displayQuery = new URLSearchParams(baseUrl.search)
  const headers: Record<string, string> = { accept: acceptHeader(op) }
  const cookies: string[] = []
  for (const param of op.parameters) {
    const overridden = overrides.params?.has(param) === true
    const explicit = param.value.example !== undefined || param.value.examples !== undefined
    if (!param.required && !explicit && !overridden) continue
    const value = overridden ? overrides.params!.get(param) : exampleOf(spec, param.loc)
    if (value === undefined) {
      if (param.required)
        return { skipped: `no example or schema to build ${param.in} parameter '${param.name}'` }
      continue
    }
    const wire = serializeParameter(param, value)
    if (param.in === 'path') path = path.replaceAll(`{${param.name}}`, wire.path)
    else if (param.in === 'query')
      for (const [name, item] of wire.query) {
        query.append(name, item)
        displayQuery.append(name, item)
      }
    else if (param.in === 'header') headers[param.name.toLowerCase()] = wire.header
    else if (param.in === 'cookie') cookies.push(wire.cookie)
  }
  const auth = applyCredentials(spec, op, credentials)
  if ('skipped' in auth) return auth
  for (const [name, value] of Object.entries(auth.headers)) headers[name] = value
  for (const [name, value] of auth.query) {
    query.append(name, value)
    displayQuery.append(name, '***')
  }
  cookies.push(...auth.cookies)
  if (cookies.length > 0) headers.cookie = cookies.join('; ')
  const built = requestBody(spec, op, overrides)
  if ('skipped' in built) return built
  const body = built.body
  if (built.contentType) headers['content-type'] = built.contentType
  for (const [name, value] of Object.entries(userHeaders)) headers[name.toLowerCase()] = value
  const search = query.toString()
  const shown = displayQuery.toString()
  const url = `${baseUrl.origin}${baseUrl.pathname.replace(/\/$/, '')}${path}${search ? `?${search}` : ''}`
  return {
    method: op.method.toUpperCase(),
    url,
    display: `${op.method.toUpperCase()} ${path}${shown ? `?${shown}` : ''}`,
    headers,
    body
  }
}

/** The JSON body of an unsafe method (its first example, or the override), or why the required one cannot be built. */
function requestBody(
  spec: Spec,
  op: Operation,
  overrides: RequestOverrides
): { body: string | undefined; contentType?: string } | { skipped: string } {
  if (!op.requestBody || isSafeMethod(op.method)) return { body: undefined }
  const content = isRecord(op.requestBody.value.content) ? op.requestBody.value.content : {}
  const mediaType = Object.keys(content).find(isJsonMediaType)
  if (mediaType) {
    const example = overrides.body
      ? overrides.body.value
      : exampleOf(spec, child(op.requestBody.loc, 'content', mediaType))
    if (example !== undefined) return { body: JSON.stringify(example), contentType: mediaType }
  }
  if (op.requestBody.value.required === true)
    return {
      skipped: `cannot build the required request body (${Object.keys(content).join(', ') || 'no content'}): only JSON bodies are generated`
    }
  return { body: undefined }
}

/** A parameter value as OpenAPI's `style`/`explode` write it on the wire (defaults: form+explode for query/cookie, simple otherwise). */
export function serializeParameter(
  param: Parameter,
  value: unknown
): { path: string; query: [string, string][]; header: string; cookie: string } {
  const { style, explode } = parameterStyle(param)
  const name = param.name
  const text = (v: unknown) => (isRecord(v) || Array.isArray(v) ? JSON.stringify(v) : String(v))
  const entries: [string, string][] = isRecord(value)
    ? Object.entries(value).map(([k, v]) => [k, text(v)])
    : []
  const items = Array.isArray(value) ? value.map(text) : undefined
  const enc = encodeURIComponent
  // Path and header: simple (a,b / k,v,k2,v2 / k=v,k2=v2), label (.a.b), matrix (;id=a,b / ;id=a;id=b).
  const simple = items
    ? items.map(enc).join(',')
    : isRecord(value)
      ? entries.map(([k, v]) => (explode ? `${enc(k)}=${enc(v)}` : `${enc(k)},${enc(v)}`)).join(',')
      : enc(text(value))
  let path = simple
  if (style === 'label') path = `.${explode ? simple.split(',').join('.') : simple}`
  if (style === 'matrix')
    path = items
      ? explode
        ? items.map(item => `;${name}=${enc(item)}`).join('')
        : `;${name}=${items.map(enc).join(',')}`
      : isRecord(value)
        ? explode
          ? entries.map(([k, v]) => `;${enc(k)}=${enc(v)}`).join('')
          : `;${name}=${entries.map(([k, v]) => `${enc(k)},${enc(v)}`).join(',')}`
        : `;${name}=${enc(text(value))}`
  let query: [string, string][]
  if (style === 'deepObject' && isRecord(value)) query = entries.map(([k, v]) => [`${name}[${k}]`, v])
  else if (items && (style === 'spaceDelimited' || style === 'pipeDelimited') && !explode)
    query = [[name, items.join(style === 'spaceDelimited' ? ' ' : '|')]]
  else if (items) query = explode ? items.map(item => [name, item]) : [[name, items.join(',')]]
  else if (isRecord(value)) query = explode ? entries : [[name, entries.flat().join(',')]]
  else query = [[name, text(value)]]
  const header = items
    ? items.join(',')
    : isRecord(value)
      ? entries.map(([k, v]) => (explode ? `${k}=${v}` : `${k},${v}`)).join(',')
      : text(value)
  const cookie = `${name}=${enc(items ? items.join(',') : isRecord(value) ? entries.flat().join(',') : text(value))}`
  return { path, query, header, cookie }
}

/**
 * Credentials for the operation's security: the first requirement whose every scheme has a value in `auth`.
 * API keys go where the scheme says (header, query, cookie); HTTP bearer, OAuth 2 and OpenID Connect send
 * `Authorization: Bearer`, HTTP basic `user:password` base64-encoded.
 */
function applyCredentials(
  spec: Spec,
  op: Operation,
  credentials: Credentials
): { headers: Record<string, string>; query: [string, string][]; cookies: string[] } | { skipped: string } {
  const none = { headers: {}, query: [], cookies: [] }
  if (op.security.length === 0 || Object.keys(credentials).length === 0) return none
  if (op.security.some(way => Object.keys(way).length === 0)) return none
  const schemes = spec.deref({ file: spec.entry, pointer: ['components', 'securitySchemes'] })?.value
  const way = op.security.find(candidate =>
    Object.keys(candidate).every(name => credentials[name] !== undefined)
  )
  if (!way) return none // sent without credentials: a 401 then says so in the unproven-check finding
  const out: { headers: Record<string, string>; query: [string, string][]; cookies: string[] } = {
    headers: {},
    query: [],
    cookies: []
  }
  for (const name of Object.keys(way)) {
    const scheme = isRecord(schemes)
      ? spec.deref({ file: spec.entry, pointer: ['components', 'securitySchemes', name] })?.value
      : undefined
    const value = credentials[name]!
    if (!isRecord(scheme)) continue
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
      if (scheme.in === 'query') out.query.push([scheme.name, value])
      else if (scheme.in === 'cookie') out.cookies.push(`${scheme.name}=${encodeURIComponent(value)}`)
      else out.headers[scheme.name.toLowerCase()] = value
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic')
      out.headers.authorization = `Basic ${basicCredentials(value)}`
    else if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
      out.headers.authorization = `${scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() !== 'bearer' ? scheme.scheme : 'Bearer'} ${value}`
  }
  return out
}

/** `user:password` → its base64 (what goes on the wire, and so what must be masked too). */
export function basicCredentials(value: string): string {
  return value.includes(':') ? Buffer.from(value, 'utf8').toString('base64') : value
}

/** The media types the operation documents for success, so a content-negotiating server answers with one of them. */
function acceptHeader(op: Operation): string {
  const types = new Set<string>()
  for (const [code, response] of op.responses) {
    if (!/^2/.test(code) || !isRecord(response.value.content)) continue
    for (const mediaType of Object.keys(response.value.content)) types.add(mediaType)
  }
  return types.size === 0 ? '*/*' : [...types].join(', ')
}

export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase()
  return essence === 'application/json' || essence.endsWith('+json') || essence === '*/*'
}
