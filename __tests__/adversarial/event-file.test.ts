// An event file (GITHUB_EVENT_PATH) that is not a JSON object, through every gate as the runner runs it:
// malformed, empty, truncated, binary, past the 25 MB cap, a directory, missing. The gate never dies on it
// (it used to: @actions/github JSON.parsed the file at import, an internal error in deployment, rollback and
// metrics). It runs as a run without an event payload and says so in one warning line naming the file; a
// gate that needs the payload (the contract gate's pull-request base) fails closed with its own reason.
import { adversarialSuite, type AdversarialCase } from './harness.js'
import { respondPath } from './peers.js'

const TOKEN = 'ghs_Qz7EvtFile0K3mW9pL4xB8nT2'
const api = (body: unknown, status = 200) =>
  `{{HTTP}}${respondPath({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })}`
const NO_EVENT =
  /GITHUB_EVENT_PATH \(.+\) could not be read \((not valid JSON|larger than 25 MB|EISDIR|ENOENT)\): running without an event payload/

type EventFile = Pick<AdversarialCase, 'event' | 'env'>
/** The bad event files, each as a pull_request run (the event the gates read most from). */
const EVENT_FILES: [string, EventFile][] = [
  ['malformed', { event: { name: 'pull_request', raw: '{"pull_request": {"number": 7,, }' } }],
  ['empty', { event: { name: 'pull_request', raw: '' } }],
  [
    'truncated',
    { event: { name: 'pull_request', raw: '{"pull_request": {"number": 7, "base": {"sha": "ab' } }
  ],
  [
    'binary',
    {
      event: {
        name: 'pull_request',
        raw: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x00, 0xc3, 0x28])
      }
    }
  ],
  [
    'huge (30 MB, past the cap)',
    { event: { name: 'pull_request', raw: `{"pull_request": {"body": "${'x'.repeat(30 * 1024 * 1024)}"}}` } }
  ],
  ['a directory', { event: { name: 'pull_request' }, env: { GITHUB_EVENT_PATH: '{{WORKSPACE}}' } }],
  [
    'missing',
    {
      event: { name: 'pull_request' },
      env: { GITHUB_EVENT_PATH: '{{WORKSPACE}}/no-such-event.json' }
    }
  ]
]

function eventCases(base: Omit<AdversarialCase, 'id' | 'class' | 'event' | 'env'>): AdversarialCase[] {
  return EVENT_FILES.map(([what, file]) => ({
    ...base,
    ...file,
    id: `event/${what} event file`,
    class: 'event',
    message: base.expect === 'pass' ? NO_EVENT : base.message
  }))
}

const sha = (n: number) => String(n).repeat(40)
const deployment = (id: number) => ({
  id,
  sha: sha(id),
  ref: `v${id}`,
  environment: 'production',
  created_at: `2026-11-2${id}T00:00:00Z`,
  payload: {},
  state: 'success'
})

// The GitHub gates do not need the event: each runs against a working API stand-in and passes.
adversarialSuite(
  'deployment',
  eventCases({
    inputs: { 'github-token': TOKEN, ref: 'main', environment: 'production' },
    apiUrl: api({ ...deployment(4), state: 'in_progress' }),
    expect: 'pass',
    secrets: [TOKEN]
  }),
  { concurrency: 4 }
)

adversarialSuite(
  'rollback',
  eventCases({
    inputs: { 'github-token': TOKEN, environment: 'production' },
    apiUrl: api([deployment(2), deployment(1)]),
    expect: 'pass',
    secrets: [TOKEN]
  }),
  { concurrency: 4 }
)

adversarialSuite(
  'metrics',
  eventCases({
    inputs: { 'github-token': TOKEN, environment: 'production', window: '30d' },
    apiUrl: api([]),
    expect: 'pass',
    secrets: [TOKEN]
  }),
  { concurrency: 4 }
)

// One each for the file gates. env and migrations do not need the event (migrations lints every file when
// it has no pull-request base: more, never less); the contract gate needs the base of a pull request and
// fails closed, naming base-spec.
adversarialSuite('env', [
  {
    id: 'event/malformed event file',
    class: 'event',
    inputs: { 'env-files': '.env.production', comment: 'false' },
    files: { '.env.production': 'A=1\n' },
    event: { name: 'pull_request', raw: '{"pull_request": ' },
    expect: 'pass',
    message: NO_EVENT
  }
])

adversarialSuite('migrations', [
  {
    id: 'event/malformed event file',
    class: 'event',
    inputs: { 'migrations-dir': 'migrations', tool: 'golang-migrate', comment: 'false', shadow: 'false' },
    files: { 'migrations/001_items.up.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n' },
    git: true,
    event: { name: 'pull_request', raw: '{"pull_request": {"base": {"sha": ' },
    expect: 'pass',
    message: NO_EVENT
  }
])

adversarialSuite('contract', [
  {
    id: 'event/malformed event file on a pull request',
    class: 'event',
    inputs: { spec: 'openapi.yaml', comment: 'false' },
    files: {
      'openapi.yaml':
        "openapi: 3.0.3\ninfo: { title: items, version: '1' }\npaths:\n  /items:\n    get:\n      operationId: listItems\n      responses:\n        '200': { description: ok }\n"
    },
    git: true,
    event: { name: 'pull_request', raw: '{"pull_request": {"base": {"sha": ' },
    expect: 'fail',
    message: /no pull_request\.base\.sha .*base-spec/
  }
])
