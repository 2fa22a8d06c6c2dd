import type { Pointer } from '../pointer.js'
import type { SpecFile } from '../spec-file.js'

/** One request/response pair a consumer relies on, from a Pact file, a WireMock mapping or a HAR recording. */
export interface Interaction {
  /** Who relies on it: the Pact consumer, the HAR creator, the WireMock file name. */
  consumer: string
  description: string
  /** The contract file (positions for findings) and where in it this interaction is. */
  file: SpecFile
  at: Pointer
  request: {
    method: string
    path: string
    /** Where the path is written (WireMock: url/urlPath; HAR: url). */
    pathAt: Pointer
    query: Map<string, string[]>
    queryAt: Pointer
    headers: Map<string, string>
    headersAt: Pointer
    body: unknown
    bodyAt: Pointer
  }
  response: {
    status: number
    statusAt: Pointer
    headers: Map<string, string>
    body: unknown
    bodyAt: Pointer
  }
}

export function lowerCaseHeaders(headers: unknown): Map<string, string> {
  const map = new Map<string, string>()
  if (Array.isArray(headers)) {
    for (const entry of headers)
      if (entry && typeof entry === 'object' && typeof entry.name === 'string')
        map.set(entry.name.toLowerCase(), String(entry.value ?? ''))
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers))
      map.set(name.toLowerCase(), Array.isArray(value) ? value.map(String).join(', ') : headerValue(value))
  }
  return map
}

/** WireMock writes `{"equalTo": "x"}` where Pact writes `"x"`. */
function headerValue(value: unknown): string {
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of ['equalTo', 'contains', 'matches', 'equalToIgnoreCase'])
      if (typeof record[key] === 'string') return record[key] as string
    return ''
  }
  return String(value)
}

/** A body as JSON when it is JSON text (Pact v2 bodies are values; v4 and HAR bodies are text). */
export function parseBody(body: unknown, contentType: string | undefined): unknown {
  if (typeof body !== 'string') return body
  if (contentType !== undefined && !/json/i.test(contentType)) return body
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

export function queryFromString(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(text)) map.set(name, [...(map.get(name) ?? []), value])
  return map
}
