/** The contract gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  spec: {
    kind: 'path',
    default: '',
    description:
      'Path of the OpenAPI 3.0 or 3.1 document (YAML or JSON; `$ref`s to other files are followed).'
  },
  'base-spec': {
    kind: 'string',
    default: '',
    description:
      'The spec to diff against: a file, or `REF:path` read from git (e.g. `origin/main:openapi.yaml`). Empty: on a pull request, the same path at the base ref.'
  },
  'base-url': {
    kind: 'url',
    default: '',
    description: 'URL of the deployed service to verify against the spec. Empty: no live verification.'
  },
  headers: {
    kind: 'lines',
    default: '',
    description:
      'Newline-separated `Name: value` headers sent with every request (how to authenticate). Values are masked.'
  },
  operations: {
    kind: 'lines',
    default: '',
    description:
      'Which operations to verify: newline-separated operationIds, `tag:<name>`, or paths; prefix `!` to exclude. Empty: all.'
  },
  'unsafe-methods': {
    kind: 'boolean',
    default: 'false',
    description: 'Also send POST, PUT, PATCH and DELETE requests. Off: only GET, HEAD and OPTIONS are sent.'
  },
  concurrency: {
    kind: 'integer',
    default: '8',
    description: 'Requests in flight at once during live verification.'
  },
  'request-timeout': {
    kind: 'duration',
    default: '10s',
    description: 'Timeout of one HTTP request, with units (`500ms`, `10s`).'
  },
  auth: {
    kind: 'lines',
    default: '',
    description:
      'Credentials per security scheme for live verification, one `scheme-name: value` a line (names as in `components.securitySchemes`): API keys go where the scheme says (header, query or cookie), HTTP bearer/OAuth 2/OpenID Connect as `Authorization: Bearer`, HTTP basic as `user:password`. Values are masked. Empty: requests are sent without credentials.'
  },
  'negative-checks': {
    kind: 'boolean',
    default: 'false',
    description:
      'Also send, per operation, one request the spec forbids (a number parameter as text, a required parameter left out, a body without its required properties): it must be answered with a 4xx. Off: only valid requests are sent.'
  },
  'max-requests-per-operation': {
    kind: 'integer',
    default: '5',
    description:
      'Valid requests sent per operation during live verification (1–100): the first examples, then each other documented example (parameter, request body, schema), then values at the constraint boundaries (minimum/maximum, exclusive bounds, minLength/maxLength, minItems/maxItems, enum members). Each must be accepted; a 4xx is positive-data-rejected. 1: only the first examples.'
  },
  'max-response-time': {
    kind: 'duration',
    default: '',
    description:
      'A live response slower than this (`800ms`, `2s`) is a finding. Empty: no limit beyond request-timeout.'
  },
  'breaking-rules': {
    kind: 'path',
    default: '',
    description:
      'File overriding breaking-change rule severities, one `<rule-id> error|warning|off` a line. An alias kept for compatibility: the `rules` input says the same.'
  },
  'err-ignore': {
    kind: 'path',
    default: '',
    description:
      "oasdiff-style file of accepted breaking changes (errors): lines of `METHOD /path description`. oasdiff's own files work. Empty: none accepted."
  },
  'warn-ignore': {
    kind: 'path',
    default: '',
    description: 'The same for potentially breaking changes (warnings). Empty: none accepted.'
  },
  'consumer-contracts': {
    kind: 'list',
    default: '',
    description:
      "Consumers' contracts to check against the spec: Pact files (v2, v3, v4), WireMock mappings and HAR recordings, as paths or globs (`pacts/*.json`). With a base spec, a change that breaks a consumer names it. Empty: none."
  },
  'deprecation-days': {
    kind: 'integer',
    default: '0',
    description:
      'Deprecation policy: a newly deprecated operation or parameter needs an `x-sunset` date at least this many days ahead, and a sunset never moves closer than that. 0: no policy (removal before a declared sunset still fails).'
  }
})

export const outputs = defineOutputs({
  'breaking-changes': 'Number of breaking changes between base and head spec.',
  violations: 'Number of live responses that did not match the spec.',
  'operations-checked': 'Number of operations verified against the live service.',
  'consumer-interactions': 'Number of consumer-contract interactions checked against the spec.'
})
