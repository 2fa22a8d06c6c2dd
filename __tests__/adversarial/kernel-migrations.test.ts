// Kernel-level adversarial classes through the migrations gate: migration files and directories that are not
// files or leave the workspace, sizes, git option injection through base-ref, database URL secrets, events.
import { adversarialSuite, type AdversarialCase, type CaseFile } from './harness.js'

const MB = 1024 * 1024
const cases: AdversarialCase[] = []
const SAFE = 'CREATE TABLE items (id bigint PRIMARY KEY);\n'
const migrations = (files: Record<string, CaseFile>, inputs: Record<string, string> = {}) => ({
  inputs: {
    'migrations-dir': 'migrations',
    tool: 'golang-migrate',
    comment: 'false',
    shadow: 'false',
    ...inputs
  },
  files
})

cases.push({
  id: 'pass/one safe migration',
  class: 'files',
  ...migrations({ 'migrations/001_items.up.sql': SAFE }),
  expect: 'pass'
})

// Migration files that are not regular files, or too large.
for (const [what, file] of [
  ['FIFO', { fifo: true }],
  ['/dev/zero', { symlink: '/dev/zero' }],
  ['/dev/urandom', { symlink: '/dev/urandom' }],
  ['directory named .sql', { symlink: '..' }],
  ['binary', Buffer.from([0x43, 0x00, 0xff, 0xfe])],
  ['symlink outside', { symlink: '{{OUTSIDE}}/canary.sql' }],
  ['dangling symlink', { symlink: 'gone.sql' }],
  ['symlink loop', { symlink: '002_loop.up.sql' }],
  ['6 MB file', { prefix: '-- ', repeat: 'x', bytes: 6 * MB, suffix: `\n${SAFE}` }],
  ['60 MB file', { prefix: '-- ', repeat: 'x', bytes: 60 * MB, suffix: `\n${SAFE}` }]
] as [string, CaseFile][]) {
  cases.push({
    id: `files/migration is ${what}`,
    class: what.includes('symlink') ? 'symlinks' : what.includes('MB') ? 'size-limits' : 'files',
    ...migrations({
      'migrations/001_items.up.sql': SAFE,
      '002_loop.up.sql': '',
      'migrations/002_loop.up.sql': file
    }),
    expect: 'fail',
    message:
      /^migrations\/002_loop\.up\.sql: (is a named pipe|is outside the workspace|is a directory|is a binary file|file not found|symbolic link loop|file is \d+\.\d MB, larger than the 5 MB limit for migration files)/,
    deadlineMs: 15_000
  })
}

// The migrations directory itself leaving the workspace.
for (const [what, inputs, files] of [
  ['symlinked directory', {}, { migrations: { symlink: '{{OUTSIDE}}/dir' } }],
  ['../ path', { 'migrations-dir': '../outside/dir' }, {}],
  ['absolute path', { 'migrations-dir': '{{OUTSIDE}}/dir' }, {}],
  ['/etc', { 'migrations-dir': '/etc' }, {}],
  [
    'nested symlinked subdirectory',
    {},
    { 'migrations/001_items.up.sql': SAFE, 'migrations/more': { symlink: '{{OUTSIDE}}/dir' } }
  ],
  ['a FIFO as the directory', {}, { migrations: { fifo: true } }],
  ['a file as the directory', {}, { migrations: SAFE }]
] as [string, Record<string, string>, Record<string, CaseFile>][]) {
  cases.push({
    id: `confinement/migrations-dir ${what}`,
    class: what.includes('symlink') ? 'symlinks' : 'confinement',
    ...migrations(files, inputs),
    // A symlinked folder below the migrations folder is not one golang-migrate reads: nothing is read there.
    expect: what.startsWith('nested') ? 'pass' : 'fail',
    ...(what.startsWith('nested')
      ? {}
      : { message: /is outside the workspace|directory 'migrations' not found/ }),
    deadlineMs: 15_000
  })
}

// git option injection through base-ref: refused or a clear error, never a file written.
for (const [what, baseRef] of [
  ['--output=', '--output=../x'],
  ['--output= with a path', '--output=../x:migrations/001_items.up.sql'],
  ['-o short option', '-o../x'],
  ['--exec', '--exec=touch ../x'],
  ['--upload-pack', '--upload-pack=touch ../x'],
  ['-U0 looking harmless', '-U0'],
  ['ref with a newline', 'HEAD\n--output=../x'],
  ['unknown ref', 'no-such-branch'],
  ['range syntax', 'HEAD..--output=x'],
  ['100 KB ref', `${'r'.repeat(100_000)}`]
] as const) {
  // A ref that is not in the clone (a force-pushed base) falls back to the merge base with a notice: a pass.
  const unknown = what === 'unknown ref' || what === '100 KB ref'
  cases.push({
    id: `git-injection/base-ref ${what}`,
    class: 'git-injection',
    ...migrations({ 'migrations/001_items.up.sql': SAFE }, { 'base-ref': baseRef }),
    git: true,
    afterCommit: { 'migrations/002_more.up.sql': 'CREATE TABLE more (id bigint);\n' },
    expect: unknown ? 'pass' : 'fail',
    ...(unknown ? {} : { message: /input 'base-ref' is not a git ref or commit/ }),
    mustNotExist: ['../x', 'x']
  })
}

// Database URL secrets never appear, whatever fails.
for (const [what, url, secret] of [
  [
    'password, refused connection',
    'postgres://app:dbpw_SECRET_refused_111@127.0.0.1:9/app',
    'dbpw_SECRET_refused_111'
  ],
  [
    'password with unencoded characters',
    'postgres://app:dbpw/SECRET:odd_222@127.0.0.1:9/app',
    'dbpw/SECRET:odd_222'
  ],
  [
    'password in a query parameter',
    'postgres://127.0.0.1:9/app?user=app&password=dbpw_SECRET_query_333',
    'dbpw_SECRET_query_333'
  ],
  ['not a URL at all', 'dbpw_SECRET_garbage_444', 'dbpw_SECRET_garbage_444'],
  [
    'server that never answers',
    'postgres://app:dbpw_SECRET_silent_555@{{SILENT_HOSTPORT}}/app',
    'dbpw_SECRET_silent_555'
  ],
  [
    'sslrootcert outside the workspace',
    'postgres://app:dbpw_SECRET_cert_666@127.0.0.1:9/app?sslmode=verify-full&sslrootcert={{OUTSIDE}}/canary.txt',
    'dbpw_SECRET_cert_666'
  ],
  [
    'sslrootcert missing',
    'postgres://app:dbpw_SECRET_cert_777@127.0.0.1:9/app?sslmode=verify-full&sslrootcert=missing.pem',
    'dbpw_SECRET_cert_777'
  ]
] as const) {
  cases.push({
    id: `url-secrets/database-url ${what}`,
    class: 'url-secrets',
    ...migrations({ 'migrations/001_items.up.sql': SAFE }, { 'database-url': url }),
    expect: 'fail',
    secrets: [secret],
    deadlineMs: 25_000
  })
}

// Event payloads: not objects → no event; a pull request base that is an option never reaches git as one.
for (const [what, event, expected] of [
  ['null', { name: 'push', payload: null }, 'pass'],
  ['array', { name: 'pull_request', payload: [] }, 'pass'],
  ['malformed JSON', { name: 'push', raw: '{' }, 'pass'],
  [
    'pull_request base sha that is an option',
    { name: 'pull_request', payload: { pull_request: { base: { sha: '--output=../x' } } } },
    'pass'
  ],
  [
    'pull_request base sha that is unknown',
    { name: 'pull_request', payload: { pull_request: { base: { sha: 'f'.repeat(40) } } } },
    'pass'
  ]
] as const) {
  cases.push({
    id: `event/${what}`,
    class: 'event',
    ...migrations({ 'migrations/001_items.up.sql': SAFE }),
    git: true,
    event,
    expect: expected,
    mustNotExist: ['../x']
  })
}

// Long inputs are cut.
cases.push(
  {
    id: 'long-input/100 KB migrations-dir',
    class: 'long-input',
    ...migrations({}, { 'migrations-dir': 'd'.repeat(100_000) }),
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB tool',
    class: 'long-input',
    ...migrations({}, { tool: 't'.repeat(100_000) }),
    expect: 'fail'
  },
  {
    id: 'long-input/100 KB allow',
    class: 'long-input',
    ...migrations({ 'migrations/001_items.up.sql': SAFE }, { allow: 'a'.repeat(100_000) }),
    expect: 'fail'
  }
)

adversarialSuite('migrations', cases)
