import type { HttpResponse } from '../../http.js'
import { isRecord, resolve, responseFor, type Operation } from './operations.js'
import type { PlannedRequest } from './requests.js'
import type { SchemaValidators } from './schema-validator.js'
import type { ContractRuleId } from './catalog.js'
import { child, type Loc, type Spec } from './spec.js'

/** One way a live response disagreed with the spec, placed at the spec line that disagrees. */
export interface Violation {
  rule: ContractRuleId
  message: string
  loc: Loc
  /** JSON pointer of the failing value in the body (schema violations only). */
  pointer?: string
}

/** Status, content type, body and headers of one response, against the operation's documented response. */
export function checkResponse(
  spec: Spec,
  validators: SchemaValidators,
  op: Operation,
  request: PlannedRequest,
  response: HttpResponse
): Violation[] {
  const prefix = `${op.label}: ${request.display} → ${response.status}`
  if (response.status >= 500) {
    return [
      { rule: 'server-error', loc: op.loc, message: `${prefix}: the service failed with a server error` }
    ]
  }
  const documented = responseFor(op, response.status)
  if (!documented) {
    const codes = [...op.responses.keys()].join(', ') || 'none'
    return [
      {
        rule: 'undocumented-status',
        loc: child(op.loc, 'responses'),
        message: `${prefix}: status ${response.status} is not documented (documented: ${codes})`
      }
    ]
  }
  const violations: Violation[] = []
  const declared = documented.response
  const schemaLine = (loc: Loc) => `rejected by the schema at ${spec.describe(loc)}`
  const content = isRecord(declared.value.content) ? declared.value.content : undefined
  const bodyless = request.method === 'HEAD' || response.status === 204 || response.status === 304
  if (content && Object.keys(content).length > 0 && !bodyless) {
    const contentType = response.headers.get('content-type') ?? ''
    const mediaType = matchMediaType(Object.keys(content), contentType)
    const contentLoc = child(declared.loc, 'content')
    if (mediaType === undefined) {
      const got = contentType === '' ? 'no Content-Type' : `Content-Type ${essence(contentType)}`
      violations.push({
        rule: 'undocumented-content-type',
        loc: contentLoc,
        message: `${prefix}: ${got} is not documented (expected ${Object.keys(content).join(', ')})`
      })
    } else if (
      content[mediaType] !== undefined &&
      isRecord(content[mediaType]) &&
      content[mediaType].schema !== undefined &&
      isJson(mediaType, contentType)
    ) {
      const schemaLoc = child(contentLoc, mediaType, 'schema')
      if (response.body.trim() === '') {
        violations.push({
          rule: 'response-schema-mismatch',
          loc: schemaLoc,
          message: `${prefix}: the body is empty but ${mediaType} is documented`
        })
      } else {
        let data: unknown
        let parsed = true
        try {
          data = JSON.parse(response.body)
        } catch (error) {
          parsed = false
          violations.push({
            rule: 'invalid-json',
            loc: child(contentLoc, mediaType),
            message: `${prefix}: the body is not valid JSON (${(error as Error).message})`
          })
        }
        if (parsed) {
          for (const v of validators.validate(schemaLoc, data)) {
            const where = v.pointer === '' ? 'the body' : v.pointer
            violations.push({
              rule: 'response-schema-mismatch',
              loc: v.schemaLoc,
              pointer: v.pointer,
              message: `${prefix}: ${where} ${v.message}; ${schemaLine(v.schemaLoc)}`
            })
          }
        }
      }
    }
  }
  const headers = isRecord(declared.value.headers) ? declared.value.headers : {}
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'content-type') continue
    const header = resolve(spec, child(declared.loc, 'headers', name))
    if (!header) continue
    const value = response.headers.get(name)
    if (value === null) {
      if (header.value.required === true)
        violations.push({
          rule: 'missing-response-header',
          loc: header.loc,
          message: `${prefix}: required header ${name} is missing`
        })
      continue
    }
    if (header.value.schema === undefined) continue
    const schemaLoc = child(header.loc, 'schema')
    for (const v of validators.validate(schemaLoc, coerceHeader(spec, schemaLoc, value))) {
      violations.push({
        rule: 'response-header-mismatch',
        loc: v.schemaLoc,
        message: `${prefix}: header ${name} ${v.message}; ${schemaLine(v.schemaLoc)}`
      })
    }
  }
  return violations
}

/** Which documented media type a Content-Type matches: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(documented: string[], contentType: string): string | undefined {
  const actual = essence(contentType)
  if (actual === '') return documented.find(type => essence(type) === '*/*')
  const [type] = actual.split('/')
  return (
    documented.find(d => essence(d) === actual) ??
    documented.find(d => essence(d) === `${type}/*`) ??
    documented.find(d => essence(d) === '*/*')
  )
}

function essence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase()
}

function isJson(documented: string, contentType: string): boolean {
  const json = (type: string) => type === 'application/json' || type.endsWith('+json')
  return json(essence(documented)) || (essence(documented).includes('*') && json(essence(contentType)))
}

/** Header values are text; read them the way the schema types them (`simple` style: arrays are comma-separated). */
function coerceHeader(spec: Spec, schemaLoc: Loc, value: string): unknown {
  const schema = spec.deref(schemaLoc)?.value
  const type = isRecord(schema)
    ? Array.isArray(schema.type)
      ? schema.type.find(t => t !== 'null')
      : schema.type
    : undefined
  if (type === 'integer' || type === 'number')
    return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  if (type === 'array') return value.split(',').map(item => item.trim())
  return value
}
