/**
 * Opt-in negative checks (`negative-checks`): one request per operation that the spec forbids (a number
 * parameter sent as text, a required parameter left out, a body missing its required properties). A service
 * that answers it with anything but a 4xx accepts input its own spec rules out.
 */
import { isRecord, type Operation } from './operations.js'
import type { PlannedRequest } from './requests.js'
import { child, type Spec } from './spec.js'

export function negativeRequest(
  spec: Spec,
  op: Operation,
  planned: PlannedRequest
): { request: PlannedRequest; what: string } | undefined {
  const url = new URL(planned.url)
  const typeOf = (loc: Parameters<Spec['deref']>[0]) => {
    const schema = spec.deref(loc)?.value
    return isRecord(schema) ? schema.type : undefined
  }
  for (const param of op.parameters) {
    if (param.in !== 'query' || !url.searchParams.has(param.name)) continue
    const type = typeOf(child(param.loc, 'schema'))
    if (type === 'integer' || type === 'number' || type === 'boolean') {
      url.searchParams.set(param.name, 'not-a-number')
      return {
        request: rebuilt(planned, url),
        what: `query parameter '${param.name}' sent as text (the spec says ${String(type)})`
      }
    }
  }
  const required = op.parameters.find(p => p.required && (p.in === 'query' || p.in === 'header'))
  if (required?.in === 'query' && url.searchParams.has(required.name)) {
    url.searchParams.delete(required.name)
    return { request: rebuilt(planned, url), what: `required query parameter '${required.name}' left out` }
  }
  if (required?.in === 'header' && planned.headers[required.name.toLowerCase()] !== undefined) {
    const headers = { ...planned.headers }
    delete headers[required.name.toLowerCase()]
    return { request: { ...planned, headers }, what: `required header '${required.name}' left out` }
  }
  if (planned.body !== undefined && planned.body.startsWith('{') && planned.body !== '{}')
    return {
      request: { ...planned, body: '{}' },
      what: 'an empty JSON object as the body (its required properties left out)'
    }
  return undefined
}

function rebuilt(planned: PlannedRequest, url: URL): PlannedRequest {
  const display = `${planned.method} ${url.pathname}${url.search}`
  return { ...planned, url: url.href, display }
}
