// Adversarial cases of the deployment gate (issue 10): payload parse errors never quote the input, a payload with
// a lone surrogate does not crash, a silent API times out.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'
import { respondPath } from './peers.js'

const SECRET = 'ghp_PayloadSecret0123456789abcdef'
const token = { 'github-token': 'ghs_adversarialtoken0003' }
const created = JSON.stringify({
  id: 41,
  sha: 'a'.repeat(40),
  ref: 'main',
  environment: 'production',
  created_at: '2026-11-30T00:00:00Z',
  payload: {},
  state: 'in_progress'
})
const api = `{{HTTP}}${respondPath({ status: 201, headers: { 'content-type': 'application/json' }, body: created })}`

const malformed = [
  `{"token":"${SECRET}"`,
  `{"token": ${SECRET}}`,
  `{"token":"${SECRET}",}`,
  `["${SECRET}"`,
  `${SECRET}`,
  `{'token': '${SECRET}'}`,
  `{"a":1}\n{"token":"${SECRET}"}`,
  `{"token":"${SECRET}\n"}`,
  `{"token":"${SECRET}" "x":1}`,
  `{"k${SECRET}": }`
]

const cases: AdversarialCase[] = [
  ...malformed.map((payload, i): AdversarialCase => ({
    id: `secrets/payload-malformed-${i}`,
    class: 'secrets',
    inputs: { ...token, ref: 'main', payload },
    apiUrl: api,
    expect: 'fail',
    message:
      /input 'payload' is not valid JSON \((syntax error at line \d+, column \d+|the text ends too early)\)/,
    secrets: [SECRET]
  })),
  {
    id: 'crash/payload-lone-surrogate',
    class: 'crash',
    inputs: { ...token, ref: 'main', payload: '{"artifact":"\\ud800"}' },
    apiUrl: api,
    expect: 'pass'
  },
  {
    id: 'fail-open/payload-not-object',
    class: 'fail-open',
    inputs: { ...token, ref: 'main', payload: '[1]' },
    apiUrl: api,
    expect: 'fail',
    message: /input 'payload' must be a JSON object/
  },
  {
    id: 'schema/environment-url-not-url',
    class: 'schema',
    inputs: { ...token, ref: 'main', 'environment-url': 'not a url' },
    apiUrl: api,
    expect: 'fail',
    message: /input 'environment-url' is not a valid URL/
  },
  {
    id: 'timeout/api-silent',
    class: 'timeout',
    inputs: { ...token, ref: 'main', 'api-timeout': '2s' },
    apiUrl: '{{SILENT}}',
    expect: 'fail',
    message: /no answer within 2s/,
    deadlineMs: 8_000
  },
  {
    id: 'fail-open/created-without-id',
    class: 'fail-open',
    inputs: { ...token, ref: 'main' },
    apiUrl: `{{HTTP}}${respondPath({ status: 202, headers: { 'content-type': 'application/json' }, body: '{"message":"Auto-merged main into topic"}' })}`,
    expect: 'fail',
    message: /no deployment was created: Auto-merged/
  }
]

adversarialSuite('deployment', cases)
