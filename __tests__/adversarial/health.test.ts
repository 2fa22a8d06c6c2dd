// Adversarial cases of the health gate (issue 10): Prometheus samples that are not numbers never pass, broken and
// hostile Prometheus and web answers fail closed within the deadline, analysis files are bounded and confined,
// and header secrets never leak.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'
import { respondPath } from './peers.js'

const vector = (...values: unknown[]) =>
  JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map((value, i) => ({ metric: { i: String(i) }, value: [1.7e9, value] }))
    }
  })
const prometheus = (body: string, status = 200) =>
  `{{HTTP}}${respondPath({ status, headers: { 'content-type': 'application/json' }, body })}`
const base = { interval: '200ms', window: '600ms', 'request-timeout': '1s', 'prometheus-query': 'up' }

const samples: [string, unknown[]][] = [
  ['null', [null]],
  ['empty-string', ['']],
  ['blank-string', [' ']],
  ['empty-array', [[]]],
  ['false', [false]],
  ['true', [true]],
  ['hex', ['0x0']],
  ['bare-number', [0]],
  ['object', [{}]],
  ['infinity-word', ['Infinity']],
  ['lowercase-inf', ['inf']],
  ['comma-decimal', ['0,001']],
  ['trailing-space', ['0 ']],
  ['one-null-among-good', ['0.001', null, '0.002']],
  ['one-empty-among-good', ['0.001', '']]
]

const cases: AdversarialCase[] = [
  ...samples.map(([name, values]): AdversarialCase => ({
    id: `fail-open/sample-${name}`,
    class: 'fail-open',
    inputs: {
      ...base,
      'prometheus-url': prometheus(vector(...values)),
      'success-condition': 'result < 0.01'
    },
    expect: 'fail',
    message:
      /gave no answer in any of the \d+ probe\(s\) of the verification window; last: Prometheus sent series/
  })),
  {
    id: 'fail-open/sample-plus-inf',
    class: 'fail-open',
    inputs: { ...base, 'prometheus-url': prometheus(vector('+Inf')), 'success-condition': 'result < 0.01' },
    expect: 'fail',
    message: /result is Infinity, expected < 0\.01/
  },
  {
    id: 'fail-open/sample-nan',
    class: 'fail-open',
    inputs: { ...base, 'prometheus-url': prometheus(vector('NaN')), 'success-condition': 'result < 0.01' },
    expect: 'fail',
    message: /result is NaN, not a number/
  },
  {
    id: 'fail-open/scalar-null',
    class: 'fail-open',
    inputs: {
      ...base,
      'prometheus-url': prometheus(
        JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, null] } })
      ),
      'success-condition': 'result < 0.01'
    },
    expect: 'fail',
    message: /scalar whose value is not a sample/
  },
  {
    id: 'fail-open/null-body',
    class: 'fail-open',
    inputs: { ...base, 'prometheus-url': prometheus('null'), 'success-condition': 'result < 0.01' },
    expect: 'fail',
    message: /gave no answer in any/
  },
  {
    id: 'fail-open/no-data-inconclusive',
    class: 'fail-open',
    inputs: {
      ...base,
      'prometheus-url': prometheus(vector()),
      'success-condition': 'result < 0.01',
      'on-no-data': 'inconclusive'
    },
    expect: 'fail',
    message: /prometheus was inconclusive in 1 measurement\(s\), more than inconclusive-limit 0/
  },
  {
    id: 'fail-open/neither-condition',
    class: 'fail-open',
    inputs: {
      ...base,
      'prometheus-url': prometheus(vector('0.03')),
      'success-condition': 'result < 0.01',
      'failure-condition': 'result > 0.05'
    },
    expect: 'fail',
    message: /inconclusive/
  },
  {
    id: 'timeout/prometheus-silent',
    class: 'timeout',
    inputs: { ...base, 'prometheus-url': '{{SILENT}}', 'success-condition': 'result < 0.01' },
    expect: 'fail',
    deadlineMs: 10_000
  },
  {
    id: 'http-body/prometheus-endless',
    class: 'http-body',
    inputs: { ...base, 'prometheus-url': '{{HTTP}}/endless', 'success-condition': 'result < 0.01' },
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'http-body/prometheus-gzip-bomb',
    class: 'http-body',
    inputs: { ...base, 'prometheus-url': '{{HTTP}}/gzip-bomb', 'success-condition': 'result < 0.01' },
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'secrets/prometheus-token-error-answer',
    class: 'secrets',
    inputs: {
      ...base,
      'prometheus-url': prometheus(
        JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'down' }),
        503
      ),
      'success-condition': 'result < 0.01',
      'prometheus-token': 'promtok-9f8e7d6c5b4a',
      'prometheus-headers': 'X-Scope-OrgID: tenant-secret-77aa'
    },
    expect: 'fail',
    secrets: ['promtok-9f8e7d6c5b4a', 'tenant-secret-77aa']
  },
  {
    id: 'secrets/analysis-header-from-env',
    class: 'secrets',
    files: {
      'analysis.yml': `metrics:\n  - name: m\n    successCondition: result < 1\n    provider:\n      web:\n        url: {{HTTP}}/stall\n        jsonPath: $.v\n        headers:\n          - key: Authorization\n            value: Bearer \${WEB_TOKEN}\n`
    },
    env: { WEB_TOKEN: 'webtok-1a2b3c4d5e6f7a8b' },
    inputs: {
      interval: '200ms',
      window: '600ms',
      'request-timeout': '300ms',
      'analysis-file': 'analysis.yml'
    },
    expect: 'fail',
    secrets: ['webtok-1a2b3c4d5e6f7a8b']
  },
  {
    id: 'secrets/malformed-header-line',
    class: 'secrets',
    inputs: {
      ...base,
      'prometheus-url': '{{CLOSED}}',
      'success-condition': 'result < 1',
      'prometheus-headers': 'Bad Header sekrit-0f1e2d3c4b5a: x'
    },
    expect: 'fail',
    message: /prometheus-headers/,
    secrets: ['sekrit-0f1e2d3c4b5a']
  },
  {
    id: 'http-body/web-endless',
    class: 'http-body',
    files: {
      'analysis.yml':
        'metrics:\n  - name: m\n    successCondition: result < 1\n    provider:\n      web:\n        url: {{HTTP}}/endless\n'
    },
    inputs: { interval: '200ms', window: '600ms', 'request-timeout': '1s', 'analysis-file': 'analysis.yml' },
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'yaml-bomb/analysis-file',
    class: 'yaml-bomb',
    files: {
      'analysis.yml':
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nmetrics: [*g]\n'
    },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail'
  },
  {
    id: 'confinement/analysis-file-outside',
    class: 'confinement',
    files: { 'analysis.yml': { symlink: '{{OUTSIDE}}/canary.yaml' } },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail'
  },
  {
    id: 'confinement/analysis-file-dotdot',
    class: 'confinement',
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': '../outside/canary.yaml' },
    expect: 'fail'
  },
  {
    id: 'files/analysis-file-fifo',
    class: 'files',
    files: { 'analysis.yml': { fifo: true } },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail',
    deadlineMs: 10_000
  },
  {
    id: 'regex/jsonpath-match-function',
    class: 'regex',
    files: {
      'analysis.yml':
        'metrics:\n  - name: m\n    successCondition: result < 1\n    provider:\n      web:\n        url: {{HTTP}}/x\n        jsonPath: "$[?match(@.a, \'(a+)+$\')]"\n'
    },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail',
    message: /the match\(\) and search\(\) functions are not supported/
  },
  {
    id: 'long-input/success-condition',
    class: 'long-input',
    inputs: {
      ...base,
      'prometheus-url': '{{CLOSED}}',
      'success-condition': `result < ${'9'.repeat(100_000)} x`
    },
    expect: 'fail',
    message: /^(?!.{2000})/
  },
  {
    id: 'schema/analysis-unknown-field',
    class: 'schema',
    files: { 'analysis.yml': 'metrics:\n  - name: m\n    sucessCondition: result < 1\n' },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail',
    message: /analysis\.yml:3: metrics\[0\]: unknown field 'sucessCondition'/
  },
  {
    id: 'schema/analysis-interval-type',
    class: 'schema',
    files: { 'analysis.yml': 'metrics:\n  - name: m\n    interval: [1]\n    successCondition: result < 1\n' },
    inputs: { interval: '200ms', window: '600ms', 'analysis-file': 'analysis.yml' },
    expect: 'fail',
    message: /analysis\.yml:3: metric 'm': interval must be a duration/
  }
]

adversarialSuite('health', cases)
