import { isRecord, type Operation } from './operations.js'
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

/** Builds the request from the operation's examples (or its schemas), on top of the user's `headers`. */
export function planRequest(
  spec: Spec,
  op: Operation,
  baseUrl: URL,
  userHeaders: Record<string, string>
): PlannedRequest | { skipped: string } {
  let path = op.path
  const query = new URLSearchParams()
  const headers: Record<string, string> = { accept: acceptHeader(op) }
  const cookies: string[] = []
  for (const param of op.parameters) {
    const explicit = param.value.example !== undefined || param.value.examples !== undefined
    if (!param.required && !explicit) continue
    const value = exampleOf(spec, param.loc)
    if (value === undefined) {
      if (param.required)
        return { skipped: `no example or schema to build ${param.in} parameter '${param.name}'` }
      continue
    }
    const text = Array.isArray(value)
      ? value.map(String)
      : [isRecord(value) ? JSON.stringify(value) : String(value)]
    if (param.in === 'path') path = path.replaceAll(`{${param.name}}`, text.map(encodeURIComponent).join(','))
    else if (param.in === 'query') for (const item of text) query.append(param.name, item)
    else if (param.in === 'header') headers[param.name.toLowerCase()] = text.join(',')
    else if (param.in === 'cookie') cookies.push(`${param.name}=${encodeURIComponent(text.join(','))}`)
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ')
  let body: string | undefined
  if (op.requestBody && !isSafeMethod(op.method)) {
    const content = isRecord(op.requestBody.value.content) ? op.requestBody.value.content : {}
    const mediaType = Object.keys(content).find(isJsonMediaType)
    if (mediaType) {
      const example = exampleOf(spec, child(op.requestBody.loc, 'content', mediaType))
      if (example !== undefined) {
        body = JSON.stringify(example)
        headers['content-type'] = mediaType
      }
    }
    if (body === undefined && op.requestBody.value.required === true) {
      return {
        skipped: `cannot build the required request body (${Object.keys(content).join(', ') || 'no content'}): only JSON bodies are generated`
      }
    }
  }
  for (const [name, value] of Object.entries(userHeaders)) headers[name.toLowerCase()] = value
  const search = query.toString()
  const relative = `${path}${search ? `?${search}` : ''}`
  const url = `${baseUrl.href.replace(/\/$/, '')}${relative}`
  return {
    method: op.method.toUpperCase(),
    url,
    display: `${op.method.toUpperCase()} ${relative}`,
    headers,
    body
  }
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
