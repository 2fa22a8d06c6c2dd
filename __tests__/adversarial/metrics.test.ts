// Adversarial cases of the metrics gate (issue 10): a broken answer from the API never reads as "no
// deployments", a zero window is refused, a silent or endless API fails within the deadline.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'
import { respondPath } from './peers.js'

const api = (body: string, status = 200, type = 'application/json; charset=utf-8') =>
  `{{HTTP}}${respondPath({ status, headers: { 'content-type': type }, body })}`
const token = { 'github-token': 'ghs_adversarialtoken0001' }

const broken: [string, string, string?][] = [
  ['empty-body', ''],
  ['null', 'null'],
  ['truncated-array', '[{"id": 1, "sha": "'],
  ['truncated-object', '{"message":'],
  ['object-not-list', '{"deployments": []}'],
  ['string', '"ok"'],
  ['number', '0'],
  ['html', '<html><body>Proxy login</body></html>', 'text/html'],
  ['json-labelled-html', '<html>oops</html>']
]

const cases: AdversarialCase[] = [
  ...broken.map(([name, body, type]): AdversarialCase => ({
    id: `fail-open/api-${name}`,
    class: 'fail-open',
    inputs: token,
    apiUrl: api(body, 200, type),
    expect: 'fail',
    message:
      /GitHub API: listing deployments of production failed: the answer is not the JSON the GitHub API sends/
  })),
  ...['0d', '0s', '0ms'].map((window): AdversarialCase => ({
    id: `fail-open/window-${window}`,
    class: 'fail-open',
    inputs: { ...token, window },
    apiUrl: api('[]'),
    expect: 'fail',
    message: /input 'window' must be longer than 0/
  })),
  {
    id: 'fail-open/max-deployments-zero',
    class: 'fail-open',
    inputs: { ...token, 'max-deployments': '0' },
    apiUrl: api('[]'),
    expect: 'fail',
    message: /max-deployments/
  },
  {
    id: 'crash/entries-without-sha',
    class: 'crash',
    inputs: token,
    apiUrl: api('[{"id": 7, "created_at": "2026-11-30T00:00:00Z"}, null, 5]'),
    expect: 'pass'
  },
  {
    id: 'timeout/api-silent',
    class: 'timeout',
    inputs: { ...token, 'api-timeout': '2s' },
    apiUrl: '{{SILENT}}',
    expect: 'fail',
    message: /no answer within 2s/,
    deadlineMs: 8_000
  },
  {
    id: 'timeout/api-stall-after-headers',
    class: 'timeout',
    inputs: { ...token, 'api-timeout': '2s' },
    apiUrl: '{{HTTP}}/stall',
    expect: 'fail',
    message: /no answer within 2s/,
    deadlineMs: 8_000
  },
  {
    id: 'http-body/api-endless',
    class: 'http-body',
    inputs: token,
    apiUrl: '{{HTTP}}/endless',
    expect: 'fail',
    message: /larger than the 20 MB limit/,
    deadlineMs: 15_000
  },
  {
    id: 'http-body/api-gzip-bomb',
    class: 'http-body',
    inputs: token,
    apiUrl: '{{HTTP}}/gzip-bomb',
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'secrets/token-on-401',
    class: 'secrets',
    inputs: token,
    apiUrl: api('{"message":"Bad credentials"}', 401),
    expect: 'fail',
    message: /401 Bad credentials: the token is invalid or expired/,
    secrets: ['ghs_adversarialtoken0001']
  }
]

adversarialSuite('metrics', cases)
