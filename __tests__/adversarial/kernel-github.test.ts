// Kernel-level adversarial classes through the gates that call the GitHub API (deployment, rollback,
// metrics): an API that never answers, answers without end, bombs, stalls, broken or hostile answers, rate
// limits with absurd waits, tokens echoed back, secrets in a malformed payload, and event payloads.
import { adversarialSuite, type AdversarialCase } from './harness.js'
import { respondPath } from './peers.js'

const TOKEN = 'ghs_CANARYq7Wm2Zx9Lp4Vb8Nk3Ty6Rf1Hd5Jc'
const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  `{{HTTP}}${respondPath({ status, headers: { 'content-type': 'application/json', ...headers }, body })}`

/** API stand-ins every gate must survive: each fails the gate closed, quickly, in bounded memory. */
const HOSTILE_APIS: [string, string][] = [
  ['never answers', '{{SILENT}}'],
  ['connection refused', '{{CLOSED}}'],
  ['endless body', '{{HTTP}}/endless'],
  ['gzip bomb', '{{HTTP}}/gzip-bomb'],
  ['brotli bomb', '{{HTTP}}/br-bomb'],
  ['headers then silence', '{{HTTP}}/stall'],
  ['one byte a second', '{{HTTP}}/drip'],
  ['declared 50 GB', '{{HTTP}}/huge-length'],
  ['redirect elsewhere', '{{REDIRECT}}'],
  ['200 with null', json('null')],
  ['200 with an empty body', json('')],
  ['200 with truncated JSON', json('[{"id": 1, "sha": "ab')],
  [
    '200 with HTML',
    `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' })}`
  ],
  ['500', json('{"message":"boom"}', 500)],
  ['429 with retry-after of a day', json('{"message":"slow down"}', 429, { 'retry-after': '86400' })],
  [
    '403 secondary rate limit for a year',
    json('{"message":"You have exceeded a secondary rate limit"}', 403, { 'retry-after': '31536000' })
  ],
  ['401 echoing the token', json(`{"message":"Bad credentials ${TOKEN}"}`, 401)]
]

function apiCases(base: Record<string, string>): AdversarialCase[] {
  return HOSTILE_APIS.map(([what, apiUrl]) => ({
    id: `${what.includes('echoing') ? 'secrets' : what.includes('answers') || what.includes('silence') || what.includes('byte') || what.includes('refused') || what.includes('retry') || what.includes('rate limit') ? 'timeout' : 'http-body'}/API ${what}`,
    class: what.includes('echoing')
      ? ('secrets' as const)
      : what.includes('answers') ||
          what.includes('silence') ||
          what.includes('byte') ||
          what.includes('refused') ||
          what.includes('retry') ||
          what.includes('rate limit')
        ? ('timeout' as const)
        : ('http-body' as const),
    inputs: { 'github-token': TOKEN, 'api-timeout': '2s', comment: 'false', ...base },
    apiUrl,
    expect: 'fail' as const,
    secrets: [TOKEN],
    deadlineMs: 30_000
  }))
}

function eventCases(base: Record<string, string>): AdversarialCase[] {
  return (
    [
      ['null', { name: 'push', payload: null }],
      ['array', { name: 'push', payload: [] }]
    ] as const
  ).map(([what, event]) => ({
    id: `event/${what} (API refused)`,
    class: 'event' as const,
    inputs: { 'github-token': TOKEN, 'api-timeout': '2s', comment: 'false', ...base },
    apiUrl: '{{CLOSED}}',
    event,
    // The API is unreachable, so the gate fails; what matters is that it fails on that, not on the event.
    expect: 'fail' as const,
    message: /GitHub API|connect|ECONNREFUSED|fetch failed|unreachable/i,
    secrets: [TOKEN]
  }))
}

adversarialSuite(
  'deployment',
  [
    ...apiCases({ environment: 'production' }),
    ...eventCases({ environment: 'production' }),
    {
      id: 'secrets/malformed payload holding a secret',
      class: 'secrets',
      inputs: {
        'github-token': TOKEN,
        environment: 'production',
        payload: '{"api_key": "pk_SECRET_payload_998877", oops}',
        comment: 'false'
      },
      apiUrl: '{{CLOSED}}',
      expect: 'fail',
      message: /payload/,
      secrets: ['pk_SECRET_payload_998877', TOKEN]
    },
    {
      id: 'secrets/payload that is not an object',
      class: 'secrets',
      inputs: {
        'github-token': TOKEN,
        environment: 'production',
        payload: '"pk_SECRET_string_554433"',
        comment: 'false'
      },
      apiUrl: '{{CLOSED}}',
      expect: 'fail',
      secrets: ['pk_SECRET_string_554433', TOKEN]
    },
    {
      id: 'url-secrets/environment-url with a token',
      class: 'url-secrets',
      inputs: {
        'github-token': TOKEN,
        environment: 'production',
        'environment-url': 'https://app.test/?token=tok_SECRET_envurl_1122',
        comment: 'false'
      },
      apiUrl: '{{CLOSED}}',
      expect: 'fail',
      secrets: ['tok_SECRET_envurl_1122', TOKEN]
    },
    {
      id: 'long-input/100 KB environment',
      class: 'long-input',
      inputs: { 'github-token': TOKEN, environment: 'e'.repeat(100_000), comment: 'false' },
      apiUrl: '{{CLOSED}}',
      expect: 'fail'
    },
    {
      id: 'long-input/100 KB malformed payload',
      class: 'long-input',
      inputs: {
        'github-token': TOKEN,
        environment: 'production',
        payload: `{"a": "${'x'.repeat(100_000)}"`,
        comment: 'false'
      },
      apiUrl: '{{CLOSED}}',
      expect: 'fail'
    }
  ],
  { concurrency: 6 }
)

adversarialSuite(
  'rollback',
  [...apiCases({ environment: 'production' }), ...eventCases({ environment: 'production' })],
  { concurrency: 6 }
)

adversarialSuite(
  'metrics',
  [
    ...apiCases({ environment: 'production', window: '30d' }),
    ...eventCases({ environment: 'production', window: '30d' }),
    {
      id: 'long-input/100 KB window',
      class: 'long-input',
      inputs: {
        'github-token': TOKEN,
        environment: 'production',
        window: `${'9'.repeat(100_000)}d`,
        comment: 'false'
      },
      apiUrl: '{{CLOSED}}',
      expect: 'fail'
    }
  ],
  { concurrency: 6 }
)
