// The env gate under attack, through the bundle: files that are not files, paths and symlinks that leave the
// workspace, sizes past the limits, expansion bombs, parser stress, schema fields that mean nothing, secrets in
// every shape, event payloads and long inputs.
import { adversarialSuite, type AdversarialCase, type CaseFile } from './harness.js'

const MB = 1024 * 1024
const SECRET = 'envsecret_CANARY_7f3k9QzL'
const cases: AdversarialCase[] = []
const env = (files: Record<string, CaseFile>, inputs: Record<string, string> = {}) => ({
  inputs: { 'env-files': '.env.production', comment: 'false', ...inputs },
  files
})

// Files that are not regular files, for the env file and for the schema.
for (const role of ['env file', 'schema'] as const) {
  const name = role === 'env file' ? '.env.production' : 'env.schema.yml'
  const base: Record<string, CaseFile> = {
    '.env.production': 'PORT=80\n',
    'env.schema.yml': 'variables:\n  PORT: { type: port }\n'
  }
  const inputs = { schema: 'env.schema.yml' }
  for (const [what, file, message] of [
    ['FIFO', { fifo: true }, /named pipe \(FIFO\)/],
    ['/dev/zero', { symlink: '/dev/zero' }, /outside the workspace|device/],
    ['/dev/urandom', { symlink: '/dev/urandom' }, /outside the workspace|device/],
    ['directory', { symlink: '.' }, /directory/],
    ['binary', Buffer.from([0x50, 0x3d, 0x00, 0x01, 0x02]), /binary/],
    ['dangling symlink', { symlink: 'nowhere.env' }, /file not found/],
    ['symlink loop', { symlink: name }, /symbolic link loop|not found/]
  ] as [string, CaseFile, RegExp][]) {
    cases.push({
      id: `files/${role} is ${what}`,
      class: 'files',
      ...env({ ...base, [name]: file }, inputs),
      expect: 'fail',
      message,
      deadlineMs: 10_000
    })
  }
  cases.push({
    id: `files/${role} is missing`,
    class: 'files',
    ...env(role === 'schema' ? { '.env.production': 'A=1\n' } : {}, inputs),
    expect: 'fail',
    message: /file not found/
  })
}

// Paths and symlinks that leave the workspace: refused, nothing read, the canary never shown.
for (const [what, inputs, files] of [
  ['env file symlinked outside', {}, { '.env.production': { symlink: '{{OUTSIDE}}/canary.env' } }],
  [
    'env file through a symlinked directory',
    { 'env-files': 'shared/canary.env' },
    { shared: { symlink: '{{OUTSIDE}}' } }
  ],
  ['env file by ../ path', { 'env-files': '../outside/canary.env' }, {}],
  ['env file by absolute path', { 'env-files': '{{OUTSIDE}}/canary.env' }, {}],
  [
    'env file by a chain of symlinks',
    { 'env-files': 'a.env' },
    { 'a.env': { symlink: 'b.env' }, 'b.env': { symlink: '{{OUTSIDE}}/canary.env' } }
  ],
  [
    'env file by ../ inside a subdirectory',
    { 'env-files': 'config/../../outside/canary.env' },
    { 'config/.keep': '' }
  ],
  [
    'schema symlinked outside',
    { schema: 'env.schema.yml' },
    { '.env.production': 'A=1\n', 'env.schema.yml': { symlink: '{{OUTSIDE}}/canary.yaml' } }
  ],
  ['schema by ../ path', { schema: '../outside/canary.yaml' }, { '.env.production': 'A=1\n' }],
  ['schema by absolute path', { schema: '{{OUTSIDE}}/canary.yaml' }, { '.env.production': 'A=1\n' }],
  [
    'one of two env files outside',
    { 'env-files': '.env.staging,.env.production' },
    { '.env.staging': 'A=1\n', '.env.production': { symlink: '{{OUTSIDE}}/canary.env' } }
  ],
  [
    'working-directory outside the workspace',
    { 'working-directory': '{{OUTSIDE}}', 'env-files': 'canary.env' },
    {}
  ],
  ['/etc/passwd by ../', { 'env-files': '../../../../../../../../etc/passwd' }, {}],
  ['/proc/self/environ', { 'env-files': '/proc/self/environ' }, {}]
] as [string, Record<string, string>, Record<string, CaseFile>][]) {
  cases.push({
    id: `symlinks/${what}`,
    class: what.includes('symlink') || what.includes('chain') ? 'symlinks' : 'confinement',
    inputs: { 'env-files': '.env.production', comment: 'false', ...inputs },
    files,
    expect: 'fail',
    message: /outside the workspace/
  })
}
cases.push(
  {
    id: 'symlinks/allow-paths widens confinement explicitly',
    class: 'symlinks',
    ...env({ '.env.production': { symlink: '{{OUTSIDE}}/canary.env' } }, { 'allow-paths': '{{OUTSIDE}}' }),
    expect: 'pass',
    readsOutside: true
  },
  {
    id: 'symlinks/a symlink inside the workspace is fine',
    class: 'symlinks',
    ...env({ 'real.env': 'A=1\n', '.env.production': { symlink: 'real.env' } }),
    expect: 'pass'
  },
  {
    id: 'symlinks/a literal %2e%2e name is a file name',
    class: 'confinement',
    ...env({}, { 'env-files': '%2e%2e/outside/canary.env' }),
    expect: 'fail',
    message: /file not found/
  }
)

// Sizes: refused before reading (fstat), in little memory; max-file-size raises the limit.
for (const [what, bytes, inputs, expected] of [
  ['15 MB env file', 15 * MB, {}, 'fail'],
  ['1 MB + 1 byte env file', MB + 1, {}, 'fail'],
  ['exactly 1 MB env file', MB, {}, 'pass'],
  ['2 MB env file with max-file-size 4MB', 2 * MB, { 'max-file-size': '4MB' }, 'pass'],
  ['200 MB env file (sparse)', 200 * MB, {}, 'fail']
] as [string, number, Record<string, string>, 'pass' | 'fail'][]) {
  cases.push({
    id: `size-limits/${what}`,
    class: 'size-limits',
    ...env({ '.env.production': { prefix: 'LOG_LEVEL=info\n# ', repeat: 'x', bytes, suffix: '\n' } }, inputs),
    expect: expected,
    ...(expected === 'fail' ? { message: /larger than the 1 MB limit for env files/ } : {})
  })
}
cases.push(
  {
    id: 'size-limits/2 MB schema',
    class: 'size-limits',
    ...env(
      {
        '.env.production': 'A=1\n',
        'env.schema.yml': { prefix: 'variables: {}\n# ', repeat: 'y', bytes: 2 * MB }
      },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail',
    message: /limit for schema files/
  },
  {
    id: 'size-limits/max-file-size nonsense',
    class: 'size-limits',
    ...env({ '.env.production': 'A=1\n' }, { 'max-file-size': 'lots' }),
    expect: 'fail',
    message: /max-file-size/
  }
)

// Expansion: bombs, cycles, blind spots. Bounded in time and memory, and reported.
const doubling = (levels: number) => {
  const lines = ['A0=xxxxxxxx']
  for (let i = 1; i <= levels; i++) lines.push(`A${i}=\${A${i - 1}}\${A${i - 1}}`)
  return `${lines.join('\n')}\n`
}
for (const [what, text, message] of [
  ['three 8-byte lines (A=${A}x)', 'A=${A}x\nB=${A}x\nC=${B}x\n', /./],
  ['B=${A}x${A}x self-growth', 'A=${A}x\nB=${A}x${A}x\nC=${B}${B}${B}${B}\n', /expands past the limit/],
  ['doubling chain of 40', doubling(40), /expands past the limit/],
  ['doubling chain of 20', doubling(20), /expands past the limit/],
  [
    '4-way fan-out chain',
    [
      'A0=xxxxxxxxxxxxxxxx',
      ...Array.from({ length: 12 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}\${A${i}}\${A${i}}`)
    ].join('\n'),
    /expands past the limit/
  ],
  ['two-key cycle', 'A=$B\nB=$A\n', /refer to each other/],
  ['three-key cycle', 'A=${B}\nB=${C}\nC=${A}\n', /refer to each other/],
  ['cycle through defaults', 'A=${B:-x}\nB=${A:-y}\n', /./],
  ['self reference', 'A=${A}\n', /refers to itself/],
  ['${A:-$B} both unset', 'URL=${A:-$B}\n', /fallback B is not set either/],
  ['unclosed ${QUX', 'X=pre${QUX\n', /./],
  ['100,000 references on one line', `A=1\nB=${'${A}'.repeat(100_000)}\n`, /expands past the limit/],
  [
    '20,000 chained keys',
    Array.from({ length: 20_000 }, (_, i) => `K${i}=\${K${i + 1}}`).join('\n') + '\nK20000=end\n',
    /expands past the limit/
  ],
  [
    '20,000-key cycle',
    Array.from({ length: 20_000 }, (_, i) => `K${i}=\${K${(i + 1) % 20_000}}`).join('\n') + '\n',
    /refer to each other/
  ]
] as [string, string, RegExp][]) {
  const reported = /past|each other|itself|either/.test(message.source)
  cases.push({
    id: `expansion/${what}`,
    class: 'expansion',
    ...env({ '.env.production': text }, { 'fail-on': 'warning' }),
    expect: 'fail',
    ...(reported ? { message } : {}),
    deadlineMs: 15_000
  })
}

// Parser stress: quoted megabytes, escaped quotes by the hundred thousand, blank lines, odd line breaks.
for (const [what, file, inputs] of [
  ['900 KB quoted value', { prefix: 'CERT="', repeat: 'A', bytes: 900 * 1024, suffix: '"\nPORT=1\n' }, {}],
  [
    '7 MB quoted value (max-file-size 8MB)',
    { prefix: 'CERT="', repeat: 'A', bytes: 7 * MB, suffix: '"\nPORT=1\n' },
    { 'max-file-size': '8MB' }
  ],
  [
    '7 MB single-quoted multi-line value',
    { prefix: "CERT='", repeat: 'line\n', bytes: 7 * MB, suffix: "'\n" },
    { 'max-file-size': '8MB' }
  ],
  ['100,000 lines of escaped quotes', { repeat: 'A="\\"x\n', bytes: 700_000 }, {}],
  ['a million blank lines then garbage', { repeat: '\n', bytes: MB - 16, suffix: 'garbage\n' }, {}],
  ['unterminated quote over 900 KB', { prefix: 'A="', repeat: 'B=1\n', bytes: 900 * 1024 }, {}],
  ['900 KB of backslashes', { prefix: 'A="', repeat: '\\', bytes: 900 * 1024, suffix: '"\n' }, {}],
  ['U+2028 and U+2029 line breaks', 'A=1\u2028B=2\u2029C="x\u2028y"\n', {}],
  ['CRLF and lone CR', 'A=1\r\nB=2\rC=3\r\n', {}],
  ['BOM', '\ufeffA=1\n', {}],
  ['NUL-free control characters', 'A=\u0001\u0002\u001b[31m\n', {}],
  ['lone surrogate', 'A=\ud800x\n', {}]
] as [string, CaseFile, Record<string, string>][]) {
  cases.push({
    id: `parser/${what}`,
    class: 'size-limits',
    ...env({ '.env.production': file }, inputs),
    expect: 'pass',
    deadlineMs: 15_000
  })
}
for (const c of cases.filter(c => c.id.startsWith('parser/'))) {
  // Findings (warnings, malformed lines) are fine; a crash, a hang or a leak is not.
  c.inputs['fail-on'] = 'never'
}

// Schema fields that mean nothing are schema errors at their line.
for (const [field, message] of [
  ['required: yes', /'required' must be true, false or a list/],
  ['required: "no"', /'required' must be true, false or a list/],
  ['required: production', /write \[production\]/],
  ['required: 1', /'required' must be true, false or a list/],
  ['required: []', /'required' must be true, false or a list/],
  ['parity: on', /'parity' must be/],
  ['secret: "true"', /'secret' must be true or false/],
  ['secret: yes', /'secret' must be true or false/],
  ['allow-empty: 1', /'allow-empty' must be true or false/],
  ['type: integer', /unknown type "integer"/],
  ['type: [port]', /unknown type \["port"\]/],
  ['values: []', /'values' must be a non-empty list/],
  ['values: {a: 1}', /'values' must be a non-empty list/],
  ['min: "1"', /'min' must be a number/],
  ['max: [1]', /'max' must be a number/],
  ['default: [1]', /'default' must be a single value/],
  ['default: abc', /the default is not a port number/],
  ['dev-default: {a: 1}', /'dev-default' must be a single value/],
  ['required-when: 5', /'required-when' must be a variable name/],
  ['required-when: {MODE: {a: 1}}', /'required-when' MODE must be a value or a list/],
  ['description: [x]', /'description' must be text/],
  ['pattern: 5', /'pattern' must be a string/],
  ['pattern: "(unclosed"', /'pattern' is not a valid regular expression/],
  ['pattern: "^(?=a)"', /'pattern' uses a lookahead/],
  ['pattern: "(a)\\\\1"', /'pattern' uses a backreference/],
  ['requried: true', /unknown key 'requried' \(did you mean 'required'\?\)/]
] as [string, RegExp][]) {
  cases.push({
    id: `schema/${field}`,
    class: 'schema',
    ...env(
      {
        '.env.production': 'PORT=80\n',
        'env.schema.yml': `variables:\n  PORT:\n    type: port\n    ${field}\n`.replace(
          '    type: port\n    type:',
          '    type:'
        )
      },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail',
    message: new RegExp(
      `^env\\.schema\\.yml:${field.startsWith('type:') ? 3 : 4}:\\d+: variable PORT: .*${message.source}`
    )
  })
}
const aliasBomb = (levels: number) => {
  let text = 'b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for (let i = 1; i < levels; i++)
    text += `b${i}: &b${i} [${Array(9)
      .fill(`*b${i - 1}`)
      .join(', ')}]\n`
  return text
}
cases.push(
  {
    id: 'yaml-bomb/schema alias bomb (9 levels)',
    class: 'yaml-bomb',
    ...env(
      { '.env.production': 'A=1\n', 'env.schema.yml': `${aliasBomb(9)}variables: {}\n` },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail',
    message: /expands to more than/
  },
  {
    id: 'yaml-bomb/schema recursive alias',
    class: 'yaml-bomb',
    ...env(
      { '.env.production': 'A=1\n', 'env.schema.yml': 'x: &x [*x]\nvariables: {}\n' },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail'
  },
  {
    id: 'yaml-bomb/schema 10,000-deep nesting',
    class: 'yaml-bomb',
    ...env(
      {
        '.env.production': 'A=1\n',
        'env.schema.yml': `variables: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`
      },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail'
  },
  {
    id: 'yaml-bomb/schema JSON 100,000-deep',
    class: 'yaml-bomb',
    ...env(
      {
        '.env.production': 'A=1\n',
        'env.schema.json': `{"variables": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`
      },
      { schema: 'env.schema.json' }
    ),
    expect: 'fail'
  },
  {
    id: 'yaml-bomb/merge-key fan-out',
    class: 'yaml-bomb',
    ...env(
      {
        '.env.production': 'A=1\n',
        'env.schema.yml': `${aliasBomb(4)}m: &m {<<: [{a: *b3}, {b: *b3}, {c: *b3}]}\nvariables: {}\n`
      },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail'
  }
)
for (const [what, pattern, value] of [
  ['nested quantifier', '^(a+)+$', `${'a'.repeat(5000)}!`],
  ['overlapping alternation', '^(a|aa)+$', `${'a'.repeat(5000)}!`],
  [
    'classic email ReDoS',
    '^([a-zA-Z0-9_.+-])+@(([a-zA-Z0-9-])+.)+([a-zA-Z0-9]{2,4})+$',
    `${'a'.repeat(3000)}@${'a'.repeat(3000)}!!`
  ]
] as const) {
  cases.push({
    id: `regex/schema pattern ${what}`,
    class: 'regex',
    ...env(
      {
        '.env.production': `CODE=${value}\n`,
        'env.schema.yml': `variables:\n  CODE: { pattern: '${pattern}' }\n`
      },
      { schema: 'env.schema.yml' }
    ),
    expect: 'fail',
    message: /does not match the pattern/,
    deadlineMs: 10_000
  })
}

// Secrets: a secret value never appears in any output, in any encoding, whatever finding it causes.
for (const [what, line, schema] of [
  ['unsupported expression in a secret', `API_SECRET="pre\${UNSET:?${SECRET}}"`, ''],
  ['secret with a placeholder marker', `API_TOKEN=${SECRET}_TODO`, ''],
  ['secret of the wrong type', `API_KEY=${SECRET}`, 'variables:\n  API_KEY: { type: url, secret: true }\n'],
  [
    'secret not matching its pattern',
    `DB_PASSWORD=${SECRET}`,
    "variables:\n  DB_PASSWORD: { pattern: '^[0-9]+$' }\n"
  ],
  ['secret not among values', `SIGNING_KEY=${SECRET}`, 'variables:\n  SIGNING_KEY: { values: [a, b] }\n'],
  [
    'secret differing across environments',
    `SESSION_SECRET=${SECRET}`,
    'variables:\n  SESSION_SECRET: { parity: true }\n'
  ],
  ['password in a URL', `DATABASE_URL=postgres://app:${SECRET}@localhost/db`, ''],
  ['token in URL user-info', `API_URL=https://${SECRET}@api.example.com/`, ''],
  ['token in URL query', `WEBHOOK_URL=https://hooks.internal/x?token=${SECRET}`, ''],
  ['secret with quotes and backslashes', `JWT_SECRET="${SECRET}\\"quoted\\\\"`, ''],
  [
    'multi-line secret',
    `PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n${SECRET}\n${SECRET}\n-----END PRIVATE KEY-----"`,
    ''
  ],
  ['secret in a malformed line', `${SECRET} is not an assignment`, ''],
  ['secret after an invalid key character', `API$KEY=${SECRET}`, ''],
  ['secret with a hash', `API_TOKEN=${SECRET}#tail`, ''],
  ['secret in an unterminated quote', `API_TOKEN="${SECRET}`, ''],
  ['secret followed by text after the quote', `API_TOKEN="${SECRET}" trailing`, ''],
  ['secret set twice differently', `API_TOKEN=${SECRET}\nAPI_TOKEN=${SECRET}2`, ''],
  ['secret self-reference', `API_TOKEN=${SECRET}\${API_TOKEN}`, '']
] as const) {
  const files: Record<string, CaseFile> = {
    '.env.production': `${line}\n`,
    '.env.staging': what.includes('differing')
      ? 'SESSION_SECRET=other_value_here\n'
      : `${line.split('\n')[0]!.split('=')[0]}=staging_value\n`
  }
  if (schema) files['env.schema.yml'] = schema
  cases.push({
    id: `secrets/${what}`,
    class: 'secrets',
    inputs: {
      'env-files': '.env.staging,.env.production',
      comment: 'false',
      'fail-on': 'warning',
      ...(schema ? { schema: 'env.schema.yml' } : {})
    },
    files,
    // A well-formed secret breaks no rule: the run passes, and the secret still appears nowhere.
    expect: /quotes and backslashes|multi-line/.test(what) ? 'pass' : 'fail',
    secrets: [SECRET]
  })
}
cases.push({
  id: 'secrets/committed secret in git',
  class: 'secrets',
  ...env({ '.env.production': `GITHUB_TOKEN=ghp_${'A1b2C3d4'.repeat(5)}\n` }),
  git: true,
  expect: 'fail',
  message: /tracked by git/,
  secrets: [`ghp_${'A1b2C3d4'.repeat(5)}`]
})
cases.push({
  id: 'secrets/process env secret with check-process-env',
  class: 'secrets',
  inputs: {
    'check-process-env': 'true',
    schema: 'env.schema.yml',
    environment: 'production',
    comment: 'false'
  },
  files: { 'env.schema.yml': 'variables:\n  API_TOKEN: { type: url, secret: true }\n' },
  env: { API_TOKEN: SECRET },
  expect: 'fail',
  secrets: [SECRET]
})

// Event payloads that are not objects are "no event".
for (const [what, event] of [
  ['null', { name: 'pull_request', payload: null }],
  ['array', { name: 'pull_request', payload: [1] }],
  ['string', { name: 'push', payload: 'x' }],
  ['malformed JSON', { name: 'pull_request', raw: '{' }],
  ['pull_request without pull_request', { name: 'pull_request', payload: { action: 'opened' } }],
  ['pull_request: null', { name: 'pull_request', payload: { pull_request: null } }]
] as const) {
  cases.push({
    id: `event/${what}`,
    class: 'event',
    ...env({ '.env.production': 'A=1\n' }),
    event,
    expect: 'pass'
  })
}

// Long inputs are cut in errors; input values never reach git as options.
cases.push(
  {
    id: 'long-input/100 KB env-files name',
    class: 'long-input',
    ...env({}, { 'env-files': `${'x'.repeat(100_000)}.env` }),
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB environment',
    class: 'long-input',
    ...env({ '.env.production': 'A=1\n' }, { environment: `${'p'.repeat(100_000)}!` }),
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB fail-on',
    class: 'long-input',
    ...env({ '.env.production': 'A=1\n' }, { 'fail-on': 'e'.repeat(100_000) }),
    expect: 'fail'
  },
  {
    id: 'git-injection/env file named like an option',
    class: 'git-injection',
    ...env({ '--output=x': `TOKEN=ghp_${'Z9y8X7w6'.repeat(5)}\n` }, { 'env-files': '--output=x' }),
    git: true,
    expect: 'fail',
    mustNotExist: ['x']
  }
)

adversarialSuite('env', cases)
