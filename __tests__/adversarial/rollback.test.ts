// Adversarial cases of the rollback gate (issue 10): records without a SHA, payloads that are not objects, lone
// surrogates with artifact-check: skipped or failed with one clear line, never a crash; silent APIs time out.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'
import { respondPath } from './peers.js'

const api = (body: unknown, status = 200) =>
  `{{HTTP}}${respondPath({ status, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })}`
const token = { 'github-token': 'ghs_adversarialtoken0002' }
const sha = (n: number) => String(n).repeat(40).slice(0, 40)
const deployment = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  sha: sha(id),
  ref: `v${id}`,
  environment: 'production',
  created_at: `2026-11-${String(30 - id).padStart(2, '0')}T00:00:00Z`,
  payload: {},
  ...extra
})

const unusable: [string, Record<string, unknown>][] = [
  ['no-sha', { sha: undefined }],
  ['null-sha', { sha: null }],
  ['short-sha', { sha: 'abc' }],
  ['numeric-sha', { sha: 12345 }],
  ['payload-string', { payload: 'not json' }],
  ['payload-array', { payload: [1, 2] }],
  ['payload-number', { payload: 5 }],
  ['no-created-at', { created_at: undefined }],
  ['bad-created-at', { created_at: 'yesterday' }],
  ['no-id', { id: undefined }]
]

const cases: AdversarialCase[] = [
  ...unusable.map(([name, extra]): AdversarialCase => ({
    id: `crash/candidate-${name}`,
    class: 'crash',
    inputs: token,
    // The current deployment, then only an unusable one: skipped with a notice, then nothing to roll back to.
    apiUrl: api([deployment(1), deployment(2, extra)]),
    expect: 'fail',
    message: /no earlier good deployment of production to roll back to/
  })),
  {
    id: 'crash/lone-surrogate-artifact-check',
    class: 'crash',
    inputs: { ...token, 'artifact-check': '{{HTTP}}/x/{payload.artifact}' },
    apiUrl: api(
      `[${JSON.stringify(deployment(1))}, ${JSON.stringify(deployment(2)).replace('"payload":{}', '"payload":{"artifact":"\\ud800"}')}]`
    ),
    expect: 'fail'
  },
  {
    id: 'crash/entries-not-objects',
    class: 'crash',
    inputs: token,
    apiUrl: api('[null, 1, "x", []]'),
    expect: 'fail',
    message: /nothing to roll back to/
  },
  {
    id: 'fail-open/empty-answer',
    class: 'fail-open',
    inputs: token,
    apiUrl: api(''),
    expect: 'fail',
    message: /not the JSON the GitHub API sends/
  },
  {
    id: 'fail-open/null-answer',
    class: 'fail-open',
    inputs: token,
    apiUrl: api('null'),
    expect: 'fail',
    message: /not the JSON the GitHub API sends/
  },
  {
    id: 'schema/unknown-placeholder',
    class: 'schema',
    inputs: { ...token, 'artifact-check': 'https://registry.example/{digest}' },
    apiUrl: api('[]'),
    expect: 'fail',
    message: /input 'artifact-check': unknown placeholder \{digest\}/
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
    id: 'timeout/api-default-30s-holds',
    class: 'timeout',
    inputs: token,
    apiUrl: '{{SILENT}}',
    expect: 'fail',
    message: /no answer within 30s/,
    deadlineMs: 40_000
  },
  {
    id: 'timeout/artifact-check-silent',
    class: 'timeout',
    inputs: { ...token, 'artifact-check': '{{SILENT}}/{sha}', 'request-timeout': '1s' },
    apiUrl: api([deployment(1), deployment(2)]),
    expect: 'fail',
    deadlineMs: 10_000
  }
]

adversarialSuite('rollback', cases)
