/** Pact (v2, v3, v4), WireMock mappings and HAR recordings, read into interactions with their positions. */
import { FileError } from '../../../errors.js'
import { isRecord } from '../operations.js'
import type { SpecFile } from '../spec-file.js'
import { lowerCaseHeaders, parseBody, queryFromString, type Interaction } from './interaction.js'

export type ContractFormat = 'pact' | 'wiremock' | 'har'

export function detectFormat(file: SpecFile): ContractFormat {
  const root = file.root as Record<string, unknown>
  if (Array.isArray(root.interactions) && (isRecord(root.consumer) || isRecord(root.provider))) return 'pact'
  if (isRecord(root.log) && Array.isArray(root.log.entries)) return 'har'
  if (Array.isArray(root.mappings) || (isRecord(root.request) && isRecord(root.response))) return 'wiremock'
  throw new FileError(
    'is not a Pact file (consumer, provider, interactions), a WireMock mapping (request, response, or mappings) or a HAR recording (log.entries)',
    file.display,
    1
  )
}

export function readInteractions(file: SpecFile, format: ContractFormat): Interaction[] {
  if (format === 'pact') return pactInteractions(file)
  if (format === 'har') return harInteractions(file)
  return wiremockInteractions(file)
}

function pactInteractions(file: SpecFile): Interaction[] {
  const root = file.root as Record<string, unknown>
  const consumer =
    isRecord(root.consumer) && typeof root.consumer.name === 'string' ? root.consumer.name : file.display
  const list = root.interactions as unknown[]
  const out: Interaction[] = []
  list.forEach((raw, index) => {
    if (!isRecord(raw)) return
    // v4: only synchronous HTTP interactions have a request and response to check.
    if (typeof raw.type === 'string' && raw.type !== 'Synchronous/HTTP') return
    const request = isRecord(raw.request) ? raw.request : {}
    const response = isRecord(raw.response) ? raw.response : {}
    const at = ['interactions', String(index)]
    const requestHeaders = lowerCaseHeaders(request.headers)
    const responseHeaders = lowerCaseHeaders(response.headers)
    const query =
      typeof request.query === 'string'
        ? queryFromString(request.query)
        : new Map(
            Object.entries(isRecord(request.query) ? request.query : {}).map(([name, value]) => [
              name,
              Array.isArray(value) ? value.map(String) : [String(value)]
            ])
          )
    // v4 bodies are `{content, contentType, encoded}`; earlier versions hold the value itself.
    const body = (value: unknown, headers: Map<string, string>): { body: unknown; pointer: string[] } => {
      if (isRecord(value) && 'content' in value && ('contentType' in value || 'encoded' in value))
        return {
          body: value.encoded
            ? undefined
            : parseBody(
                value.content,
                String(value.contentType ?? headers.get('content-type') ?? 'application/json')
              ),
          pointer: ['content']
        }
      return { body: parseBody(value, headers.get('content-type')), pointer: [] }
    }
    const requestBody = body(request.body, requestHeaders)
    const responseBody = body(response.body, responseHeaders)
    out.push({
      consumer,
      description: typeof raw.description === 'string' ? raw.description : `interaction ${index + 1}`,
      file,
      at,
      request: {
        method: String(request.method ?? 'GET').toLowerCase(),
        path: String(request.path ?? '/'),
        pathAt: [...at, 'request', 'path'],
        query,
        queryAt: [...at, 'request', 'query'],
        headers: requestHeaders,
        headersAt: [...at, 'request', 'headers'],
        body: requestBody.body,
        bodyAt: [...at, 'request', 'body', ...requestBody.pointer]
      },
      response: {
        status: Number(response.status ?? 200),
        statusAt: [...at, 'response', 'status'],
        headers: responseHeaders,
        body: responseBody.body,
        bodyAt: [...at, 'response', 'body', ...responseBody.pointer]
      }
    })
  })
  return out
}

function wiremockInteractions(file: SpecFile): Interaction[] {
  const root = file.root as Record<string, unknown>
  const mappings: [unknown, string[]][] = Array.isArray(root.mappings)
    ? root.mappings.map((mapping, index) => [mapping, ['mappings', String(index)]])
    : [[root, []]]
  const consumer = file.display.replace(/^.*\//, '').replace(/\.json$/, '')
  const out: Interaction[] = []
  for (const [raw, at] of mappings) {
    if (!isRecord(raw) || !isRecord(raw.request) || !isRecord(raw.response)) continue
    const request = raw.request
    const response = raw.response
    const urlKey = ['url', 'urlPath', 'urlPattern', 'urlPathPattern'].find(
      key => typeof request[key] === 'string'
    )
    // Patterns (urlPattern, urlPathPattern) are regular expressions, not paths: only literal URLs are checked.
    if (!urlKey || urlKey.endsWith('Pattern')) continue
    const url = String(request[urlKey])
    const [path, search] = url.split('?') as [string, string | undefined]
    const query = search ? queryFromString(search) : new Map<string, string[]>()
    if (isRecord(request.queryParameters))
      for (const [name, matcher] of Object.entries(request.queryParameters))
        if (isRecord(matcher) && typeof matcher.equalTo === 'string') query.set(name, [matcher.equalTo])
    const responseHeaders = lowerCaseHeaders(response.headers)
    const bodyPattern = Array.isArray(request.bodyPatterns)
      ? request.bodyPatterns.find(p => isRecord(p) && p.equalToJson !== undefined)
      : undefined
    out.push({
      consumer,
      description: typeof raw.name === 'string' ? raw.name : `${String(request.method ?? 'ANY')} ${url}`,
      file,
      at,
      request: {
        method: String(request.method ?? 'GET').toLowerCase(),
        path,
        pathAt: [...at, 'request', urlKey],
        query,
        queryAt: [...at, 'request', 'queryParameters'],
        headers: lowerCaseHeaders(request.headers),
        headersAt: [...at, 'request', 'headers'],
        body: isRecord(bodyPattern) ? parseBody(bodyPattern.equalToJson, 'application/json') : undefined,
        bodyAt: [...at, 'request', 'bodyPatterns']
      },
      response: {
        status: Number(response.status ?? 200),
        statusAt: [...at, 'response', 'status'],
        headers: responseHeaders,
        body:
          response.jsonBody !== undefined
            ? response.jsonBody
            : parseBody(response.body, responseHeaders.get('content-type') ?? 'application/json'),
        bodyAt: [...at, 'response', response.jsonBody !== undefined ? 'jsonBody' : 'body']
      }
    })
  }
  return out
}

function harInteractions(file: SpecFile): Interaction[] {
  const log = (file.root as { log: Record<string, unknown> }).log
  const creator =
    isRecord(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : file.display
  const out: Interaction[] = []
  ;(log.entries as unknown[]).forEach((raw, index) => {
    if (!isRecord(raw) || !isRecord(raw.request) || !isRecord(raw.response)) return
    const at = ['log', 'entries', String(index)]
    const request = raw.request
    const response = raw.response
    let url: URL
    try {
      url = new URL(String(request.url))
    } catch {
      return
    }
    const requestHeaders = lowerCaseHeaders(request.headers)
    const postData = isRecord(request.postData) ? request.postData : undefined
    const content = isRecord(response.content) ? response.content : {}
    out.push({
      consumer: creator,
      description: `${String(request.method)} ${url.pathname}${url.search} (entry ${index + 1})`,
      file,
      at,
      request: {
        method: String(request.method ?? 'GET').toLowerCase(),
        path: decodeURIComponentSafe(url.pathname),
        pathAt: [...at, 'request', 'url'],
        query: queryFromString(url.search),
        queryAt: [...at, 'request', 'queryString'],
        headers: requestHeaders,
        headersAt: [...at, 'request', 'headers'],
        body: postData ? parseBody(postData.text, String(postData.mimeType ?? '')) : undefined,
        bodyAt: [...at, 'request', 'postData', 'text']
      },
      response: {
        status: Number(response.status ?? 0),
        statusAt: [...at, 'response', 'status'],
        headers: lowerCaseHeaders(response.headers),
        // HAR keeps the body as text: positions inside it are the text's line.
        body:
          typeof content.text === 'string' && content.encoding !== 'base64'
            ? parseBody(content.text, String(content.mimeType ?? ''))
            : undefined,
        bodyAt: [...at, 'response', 'content', 'text']
      }
    })
  })
  return out
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
