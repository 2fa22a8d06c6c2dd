// Kernel-level adversarial classes through the contract gate: spec files that are not files or leave the
// workspace, $refs that escape, YAML bombs, patterns in schemas, response bodies of live verification, git
// option injection through base-spec, header secrets, events and long inputs.
import { adversarialSuite, type AdversarialCase, type CaseFile } from './harness.js'
import { respondPath } from './peers.js'

const MB = 1024 * 1024
const SPEC = `openapi: 3.0.3
info: { title: items, version: '1' }
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: integer } }
`
const withRef = (ref: string) =>
  SPEC.replace('schema: { type: array, items: { type: integer } }', `schema: { $ref: '${ref}' }`)

const cases: AdversarialCase[] = []
const contract = (files: Record<string, CaseFile>, inputs: Record<string, string> = {}) => ({
  inputs: { spec: 'openapi.yaml', comment: 'false', ...inputs },
  files
})

cases.push({ id: 'pass/plain spec', class: 'files', ...contract({ 'openapi.yaml': SPEC }), expect: 'pass' })

// The spec file itself.
for (const [what, file, message] of [
  ['FIFO', { fifo: true }, /named pipe/],
  ['/dev/zero', { symlink: '/dev/zero' }, /outside the workspace|device/],
  ['directory', { symlink: '.' }, /directory/],
  ['binary', Buffer.from([0x6f, 0x00, 0x61]), /binary/],
  ['symlink outside', { symlink: '{{OUTSIDE}}/canary.yaml' }, /outside the workspace/],
  ['symlink loop', { symlink: 'openapi.yaml' }, /loop|not found/],
  ['empty', '', /empty/],
  [
    '60 MB',
    { prefix: '{"openapi": "3.0.3", "x": "', repeat: 'a', bytes: 60 * MB, suffix: '"}' },
    /larger than the/
  ]
] as [string, CaseFile, RegExp][]) {
  cases.push({
    id: `files/spec is ${what}`,
    class: what.includes('symlink') ? 'symlinks' : 'files',
    ...contract({ 'openapi.yaml': file }),
    expect: 'fail',
    message,
    deadlineMs: 15_000
  })
}
for (const [what, spec] of [
  ['../ path', '../outside/canary.yaml'],
  ['absolute path', '{{OUTSIDE}}/canary.yaml'],
  ['/etc/passwd', '/etc/passwd']
] as const) {
  cases.push({
    id: `confinement/spec by ${what}`,
    class: 'confinement',
    ...contract({}, { spec }),
    expect: 'fail',
    message: /outside the workspace/
  })
}

// $refs that leave the workspace, in every spelling: refused (a finding or an error), nothing read.
for (const [what, ref, files] of [
  ['../', '../outside/canary.yaml#/components/schemas/Leak', {}],
  ['../../ deep', '../../../../../../../../tmp/x.yaml', {}],
  ['absolute path', '{{OUTSIDE}}/canary.yaml#/components/schemas/Leak', {}],
  ['file:// URL', 'file://{{OUTSIDE}}/canary.yaml#/components/schemas/Leak', {}],
  ['%2e%2e', '%2e%2e/outside/canary.yaml#/components/schemas/Leak', {}],
  ['%2E%2E%2F', '%2E%2E%2Foutside%2Fcanary.yaml#/components/schemas/Leak', {}],
  ['symlinked directory', 'shared/canary.yaml#/Leak', { shared: { symlink: '{{OUTSIDE}}/dir' } }],
  [
    'symlinked file',
    'schemas.yaml#/components/schemas/Leak',
    { 'schemas.yaml': { symlink: '{{OUTSIDE}}/canary.yaml' } }
  ],
  [
    'ref chain out',
    'a.yaml#/A',
    { 'a.yaml': "A: { $ref: '../outside/canary.yaml#/components/schemas/Leak' }\n" }
  ],
  ['malformed percent-escape', '%E0%A4%A.yaml#/X', {}],
  ['lone % sign', '%.yaml#/X', {}],
  ['http URL', 'http://127.0.0.1:9/x.yaml#/X', {}],
  ['/etc/passwd', '/etc/passwd', {}],
  ['/proc/self/environ', '/proc/self/environ', {}],
  ['FIFO ref', 'pipe.yaml#/X', { 'pipe.yaml': { fifo: true } }],
  ['/dev/zero ref', 'zero.yaml#/X', { 'zero.yaml': { symlink: '/dev/zero' } }]
] as [string, string, Record<string, CaseFile>][]) {
  cases.push({
    id: `confinement/$ref ${what}`,
    class: what.includes('symlink') ? 'symlinks' : 'confinement',
    ...contract({ 'openapi.yaml': withRef(ref), ...files }),
    expect: 'fail',
    deadlineMs: 15_000
  })
}
cases.push({
  id: 'symlinks/$ref outside allowed by allow-paths',
  class: 'symlinks',
  ...contract(
    { 'openapi.yaml': withRef('{{OUTSIDE}}/dir/canary.yaml#/Leak') },
    { 'allow-paths': '{{OUTSIDE}}' }
  ),
  expect: 'pass',
  readsOutside: true
})

// YAML bombs and depth, in the spec and in a referenced file.
const bomb = (levels: number, fanout = 9) => {
  let text = `x0: &x0 [${Array(fanout).fill('lol').join(', ')}]\n`
  for (let i = 1; i < levels; i++)
    text += `x${i}: &x${i} [${Array(fanout)
      .fill(`*x${i - 1}`)
      .join(', ')}]\n`
  return text
}
for (const [what, text] of [
  ['9-level alias bomb (1 KB)', `${SPEC}x-bomb:\n${bomb(9).replace(/^/gm, '  ')}`],
  ['10-level alias bomb', `${SPEC}x-bomb:\n${bomb(10).replace(/^/gm, '  ')}`],
  ['wide 2-level bomb', `${SPEC}x-bomb:\n${bomb(3, 2000).replace(/^/gm, '  ')}`],
  ['recursive alias', `${SPEC}x-loop: &loop [*loop]\n`],
  ['self-containing mapping', `${SPEC}x-loop: &m { a: *m }\n`],
  ['5,000-deep flow nesting', `${SPEC}x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  [
    '5,000-deep block nesting',
    `${SPEC}x-deep:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(2 + i)}a${i}:`).join('\n')} 1\n`
  ],
  [
    'bomb in a schema ajv walks',
    SPEC.replace(
      'schema: { type: array, items: { type: integer } }',
      `schema: { type: array, items: { enum: *x8 } }`
    ).replace('openapi: 3.0.3\n', `openapi: 3.0.3\nx-defs:\n${bomb(9).replace(/^/gm, '  ')}`)
  ]
] as const) {
  cases.push({
    id: `yaml-bomb/${what}`,
    class: 'yaml-bomb',
    ...contract({ 'openapi.yaml': text }),
    expect: 'fail',
    deadlineMs: 15_000
  })
}
cases.push(
  {
    id: 'yaml-bomb/JSON 200,000-deep',
    class: 'yaml-bomb',
    ...contract(
      {
        'openapi.json': `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`
      },
      { spec: 'openapi.json' }
    ),
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'yaml-bomb/bomb in a referenced file',
    class: 'yaml-bomb',
    ...contract({
      'openapi.yaml': withRef('defs.yaml#/Item'),
      'defs.yaml': `${bomb(9)}Item: { enum: *x8 }\n`
    }),
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'yaml-bomb/bomb in the base spec',
    class: 'yaml-bomb',
    ...contract(
      { 'openapi.yaml': SPEC, 'base.yaml': `${SPEC}x-bomb:\n${bomb(9).replace(/^/gm, '  ')}` },
      { 'base-spec': 'base.yaml' }
    ),
    expect: 'fail',
    deadlineMs: 15_000
  }
)

// Patterns in schemas: live verification validates response values with them; a catastrophic one stays linear.
for (const [what, pattern] of [
  ['nested quantifier', '^(a+)+$'],
  ['overlapping alternation', '^(a|a)+$'],
  ['nested star', '^(a*)*$']
] as const) {
  const spec = SPEC.replace(
    'schema: { type: array, items: { type: integer } }',
    `schema: { type: array, items: { type: string, pattern: '${pattern}' } }`
  )
  const body = JSON.stringify([`${'a'.repeat(40)}!`, `${'a'.repeat(5000)}!`])
  cases.push({
    id: `regex/response pattern ${what}`,
    class: 'regex',
    ...contract(
      { 'openapi.yaml': spec },
      {
        'base-url': `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'application/json' }, body })}`,
        'request-timeout': '2s'
      }
    ),
    expect: 'fail',
    deadlineMs: 15_000
  })
}
cases.push({
  id: 'regex/lookahead pattern refused or ignored safely',
  class: 'regex',
  ...contract(
    {
      'openapi.yaml': SPEC.replace(
        'schema: { type: array, items: { type: integer } }',
        `schema: { type: array, items: { type: string, pattern: '^(?=a)(a+)+$' } }`
      )
    },
    {
      'base-url': `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify([`${'a'.repeat(40)}!`]) })}`,
      'request-timeout': '2s'
    }
  ),
  expect: 'fail',
  deadlineMs: 15_000
})

// Live verification against misbehaving services: bounded bodies, deadlines that fire.
for (const [what, path] of [
  ['endless body', '/endless'],
  ['gzip bomb', '/gzip-bomb'],
  ['deflate bomb', '/deflate-bomb'],
  ['brotli bomb', '/br-bomb'],
  ['declared 50 GB', '/huge-length'],
  ['headers then silence', '/stall'],
  ['one byte a second', '/drip'],
  ['redirect elsewhere', '{{REDIRECT}}']
] as const) {
  cases.push({
    id: `http-body/live ${what}`,
    class: 'http-body',
    ...contract(
      { 'openapi.yaml': SPEC },
      { 'base-url': path.startsWith('{{') ? path : `{{HTTP}}${path}`, 'request-timeout': '2s' }
    ),
    expect: 'fail',
    deadlineMs: 15_000
  })
}
cases.push(
  {
    id: 'timeout/live server never answers',
    class: 'timeout',
    ...contract({ 'openapi.yaml': SPEC }, { 'base-url': '{{SILENT}}', 'request-timeout': '1s' }),
    expect: 'fail',
    deadlineMs: 15_000
  },
  {
    id: 'timeout/live connection refused',
    class: 'timeout',
    ...contract({ 'openapi.yaml': SPEC }, { 'base-url': '{{CLOSED}}', 'request-timeout': '1s' }),
    expect: 'fail',
    deadlineMs: 15_000
  }
)

// Secrets: header values and URL credentials never appear in any output.
for (const [what, inputs, secret] of [
  [
    'authorization header to a failing service',
    { 'base-url': '{{CLOSED}}', headers: 'Authorization: Bearer hdr_SECRET_bearer_12345' },
    'hdr_SECRET_bearer_12345'
  ],
  [
    'api key header to a 500',
    {
      'base-url': `{{HTTP}}${respondPath({ status: 500, body: 'boom' })}`,
      headers: 'X-Api-Key: key_SECRET_apikey_67890'
    },
    'key_SECRET_apikey_67890'
  ],
  [
    'token in base-url user-info',
    { 'base-url': '{{CLOSED}}'.replace('http://', 'http://tok_SECRET_userinfo_111@') },
    'tok_SECRET_userinfo_111'
  ],
  [
    'token in base-url query',
    { 'base-url': '{{CLOSED}}/?access_token=tok_SECRET_query_222' },
    'tok_SECRET_query_222'
  ],
  [
    'password in base-url',
    { 'base-url': '{{CLOSED}}'.replace('http://', 'http://u:pw_SECRET_pass_333@') },
    'pw_SECRET_pass_333'
  ],
  [
    'malformed headers input',
    { 'base-url': '{{CLOSED}}', headers: 'hdr_SECRET_malformed_444 without a colon' },
    'hdr_SECRET_malformed_444'
  ]
] as [string, Record<string, string>, string][]) {
  cases.push({
    id: `url-secrets/${what}`,
    class: what.includes('url') ? 'url-secrets' : 'secrets',
    ...contract({ 'openapi.yaml': SPEC }, { 'request-timeout': '1s', ...inputs }),
    expect: 'fail',
    secrets: [secret]
  })
}

// git option injection through base-spec: refused, no file written.
for (const [what, baseSpec] of [
  ['--output= before the path', '--output=../x:openapi.yaml'],
  ['--output= as the ref', '--output=../x'],
  ['-o short option', '-o../x:openapi.yaml'],
  ['--exec', '--exec=touch ../x:openapi.yaml'],
  ['--upload-pack', '--upload-pack=touch ../x:openapi.yaml'],
  ['ref with a newline', 'HEAD\n--output=../x:openapi.yaml'],
  ['unknown ref', 'no-such-branch:openapi.yaml'],
  ['path escaping the repo', 'HEAD:../../outside/canary.yaml']
] as const) {
  cases.push({
    id: `git-injection/base-spec ${what}`,
    class: 'git-injection',
    ...contract({ 'openapi.yaml': SPEC }, { 'base-spec': baseSpec }),
    git: true,
    expect: 'fail',
    mustNotExist: ['../x', 'x']
  })
}

// Events: a pull request whose payload is not usable fails with a reason (no silent skip of the diff).
for (const [what, event, expected] of [
  ['push with null payload', { name: 'push', payload: null }, 'pass'],
  ['push with array payload', { name: 'push', payload: [] }, 'pass'],
  ['pull_request with null payload', { name: 'pull_request', payload: null }, 'fail'],
  [
    'pull_request without base sha',
    { name: 'pull_request', payload: { pull_request: { number: 1, base: {} } } },
    'fail'
  ],
  ['pull_request with malformed JSON', { name: 'pull_request', raw: '{"pull_request": {' }, 'fail'],
  [
    'pull_request base sha that is an option',
    { name: 'pull_request', payload: { pull_request: { number: 1, base: { sha: '--output=../x' } } } },
    'fail'
  ]
] as const) {
  cases.push({
    id: `event/${what}`,
    class: 'event',
    ...contract({ 'openapi.yaml': SPEC }),
    git: true,
    event,
    expect: expected,
    mustNotExist: ['../x']
  })
}

// Long inputs are cut.
cases.push(
  {
    id: 'long-input/100 KB spec path',
    class: 'long-input',
    ...contract({}, { spec: `${'s'.repeat(100_000)}.yaml` }),
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB operations filter',
    class: 'long-input',
    ...contract(
      { 'openapi.yaml': SPEC },
      { operations: `tag:${'t'.repeat(100_000)}`, 'base-url': '{{CLOSED}}', 'fail-on': 'warning' }
    ),
    expect: 'fail',
    message: /matches no operation/
  },
  {
    id: 'long-input/100 KB base-url',
    class: 'long-input',
    ...contract({ 'openapi.yaml': SPEC }, { 'base-url': `http://${'h'.repeat(100_000)}` }),
    expect: 'fail'
  }
)

adversarialSuite('contract', cases)
