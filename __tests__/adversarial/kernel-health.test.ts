// Kernel-level adversarial classes through the health gate: response bodies (endless, compression bombs,
// stalls), servers that never answer, patterns from `matches` assertions, URL secrets, redirects, event payloads.
import { adversarialSuite, type AdversarialCase } from './harness.js'
import { respondPath } from './peers.js'

const FAST = {
  'request-timeout': '1s',
  'readiness-timeout': '2s',
  window: '0s',
  interval: '1s',
  comment: 'false'
}
const OK = respondPath({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"status":"ok"}'
})

const cases: AdversarialCase[] = []

// HTTP bodies: every misbehaving answer fails closed, within the deadline, in bounded memory.
for (const [name, path] of [
  ['endless body', '/endless'],
  ['gzip bomb', '/gzip-bomb'],
  ['deflate bomb', '/deflate-bomb'],
  ['brotli bomb', '/br-bomb'],
  ['declared 50 GB', '/huge-length'],
  ['headers then silence', '/stall'],
  ['one byte a second', '/drip']
] as const) {
  for (const withBodyCheck of [false, true]) {
    cases.push({
      id: `http-body/${name}${withBodyCheck ? ' with expect-body' : ''}`,
      class: 'http-body',
      inputs: {
        ...FAST,
        url: `{{HTTP}}${path}/health`,
        ...(withBodyCheck ? { 'expect-body': '$.status == "ok"' } : {})
      },
      expect: 'fail',
      deadlineMs: 15_000
    })
  }
}

// Timeouts that hold on connect and on a silent socket.
cases.push(
  {
    id: 'timeout/accepts and never answers',
    class: 'timeout',
    inputs: { ...FAST, url: '{{SILENT}}/health' },
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'timeout/connection refused',
    class: 'timeout',
    inputs: { ...FAST, url: '{{CLOSED}}/health' },
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'timeout/prometheus never answers',
    class: 'timeout',
    inputs: {
      ...FAST,
      'prometheus-url': '{{SILENT}}',
      'prometheus-query': 'up',
      'success-condition': 'result > 0',
      window: '2s'
    },
    expect: 'fail',
    deadlineMs: 20_000
  }
)

// Prometheus answers that are bodies of unbounded size.
for (const path of ['/endless', '/gzip-bomb', '/br-bomb', '/stall']) {
  cases.push({
    id: `http-body/prometheus ${path.slice(1)}`,
    class: 'http-body',
    inputs: {
      ...FAST,
      'prometheus-url': `{{HTTP}}${path}`,
      'prometheus-query': 'up',
      'success-condition': 'result > 0',
      window: '2s'
    },
    expect: 'fail',
    deadlineMs: 20_000
  })
}

// Patterns from `matches` assertions: catastrophic patterns run in linear time or are refused before use.
for (const [name, pattern] of [
  ['nested quantifier', '^(a+)+$'],
  ['alternation overlap', '^(a|a)*$'],
  ['nested star', '^(a*)*b$'],
  ['many groups', '^(a?){30}a{30}$'],
  [
    'email-like',
    '^([a-zA-Z0-9])(([\\\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$'
  ]
] as const) {
  const body = JSON.stringify({ status: `${'a'.repeat(5000)}!` })
  cases.push({
    id: `regex/${name}`,
    class: 'regex',
    inputs: {
      ...FAST,
      url: `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'application/json' }, body })}/health`,
      'expect-body': `$.status matches /${pattern}/`
    },
    expect: 'fail',
    deadlineMs: 15_000
  })
}
for (const [name, pattern] of [
  ['lookahead', '^(?=a)a+$'],
  ['lookbehind', '(?<=a)b'],
  ['backreference', '^(a)\\1$']
] as const) {
  cases.push({
    id: `regex/refused ${name}`,
    class: 'regex',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health`, 'expect-body': `$.status matches /${pattern}/` },
    expect: 'fail',
    message: /pattern|regular expression|linear/i
  })
}

// URL secrets: a token in the user-info or in a query parameter never reaches any output.
for (const [name, url, secret] of [
  [
    'user-info token',
    '{{CLOSED}}/health'.replace('http://', 'http://ghp_userinfo0123456789abcdef@'),
    'ghp_userinfo0123456789abcdef'
  ],
  [
    'user:password',
    '{{CLOSED}}/health'.replace('http://', 'http://deploy:pw_Secret_9876543210@'),
    'pw_Secret_9876543210'
  ],
  ['access_token query', '{{CLOSED}}/health?access_token=tok_query_abcdef123456', 'tok_query_abcdef123456'],
  ['sig query', '{{CLOSED}}/health?sv=1&sig=sig_value_XYZ0987654321', 'sig_value_XYZ0987654321'],
  ['api_key query', '{{CLOSED}}/health?api_key=key_value_QWE123456789', 'key_value_QWE123456789'],
  ['password query', '{{CLOSED}}/health?password=pass_value_ASD123456789', 'pass_value_ASD123456789'],
  ['token on a passing probe', `{{HTTP}}${OK}/health?token=tok_pass_ZXC1234567890`, 'tok_pass_ZXC1234567890']
] as const) {
  cases.push({
    id: `url-secrets/${name}`,
    class: 'url-secrets',
    inputs: { ...FAST, url },
    expect: name.includes('passing') ? 'pass' : 'fail',
    secrets: [secret]
  })
}
cases.push({
  id: 'url-secrets/prometheus token header',
  class: 'url-secrets',
  inputs: {
    ...FAST,
    'prometheus-url': '{{CLOSED}}',
    'prometheus-query': 'up',
    'success-condition': 'result > 0',
    'prometheus-token': 'prom_bearer_TOKEN_1234567',
    window: '2s'
  },
  expect: 'fail',
  secrets: ['prom_bearer_TOKEN_1234567']
})

// Redirects are answers, never followed to a host the user did not name.
cases.push({
  id: 'confinement/redirect not followed',
  class: 'confinement',
  inputs: { ...FAST, url: '{{REDIRECT}}/health' },
  expect: 'fail'
})

// Event payloads that are not objects are "no event": a passing probe still passes.
for (const [name, event] of [
  ['null', { name: 'push', payload: null }],
  ['array', { name: 'push', payload: [] }],
  ['number', { name: 'pull_request', payload: 42 }],
  ['string', { name: 'pull_request', payload: 'x' }],
  ['malformed JSON', { name: 'pull_request', raw: '{"pull_request":' }],
  ['empty file', { name: 'push', raw: '' }]
] as const) {
  cases.push({
    id: `event/${name}`,
    class: 'event',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health` },
    event,
    expect: 'pass'
  })
}

// Long inputs echoed in errors are cut.
cases.push(
  {
    id: 'long-input/100 KB assertion',
    class: 'long-input',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health`, 'expect-body': `$.status == ${'x'.repeat(100_000)}` },
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB url',
    class: 'long-input',
    inputs: { ...FAST, url: `http://${'h'.repeat(100_000)}` },
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB expect-status',
    class: 'long-input',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health`, 'expect-status': '2'.repeat(100_000) },
    expect: 'fail'
  }
)

adversarialSuite('health', cases)

// Proxies: probes honour HTTP_PROXY / NO_PROXY (Node's agent proxy support: no start-up cost).
adversarialSuite('health', [
  {
    id: 'proxy/probe through HTTP_PROXY',
    class: 'proxy',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health?case={{ID}}` },
    env: { HTTP_PROXY: '{{PROXY}}', NODE_USE_ENV_PROXY: '0' },
    expect: 'pass',
    proxied: true
  },
  {
    id: 'proxy/lower-case http_proxy',
    class: 'proxy',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health?case={{ID}}` },
    env: { http_proxy: '{{PROXY}}' },
    expect: 'pass',
    proxied: true
  },
  {
    id: 'proxy/NO_PROXY bypasses the proxy',
    class: 'proxy',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health?case={{ID}}` },
    env: { HTTP_PROXY: '{{PROXY}}', NO_PROXY: '127.0.0.1' },
    expect: 'pass',
    proxied: false
  },
  {
    id: 'proxy/prometheus through HTTP_PROXY',
    class: 'proxy',
    inputs: {
      ...FAST,
      'prometheus-url': `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}' })}/{{ID}}`,
      'prometheus-query': 'up',
      'success-condition': 'result > 0',
      window: '1s'
    },
    env: { HTTP_PROXY: '{{PROXY}}' },
    expect: 'pass',
    proxied: true
  },
  {
    id: 'proxy/unreachable proxy fails closed',
    class: 'proxy',
    inputs: { ...FAST, url: `{{HTTP}}${OK}/health?case={{ID}}` },
    env: { HTTP_PROXY: '{{CLOSED}}' },
    expect: 'fail'
  }
])
