/** Changes that break no client: they go to the changelog (oasdiff's "info" level), never to findings. */
export const CHANGELOG_KINDS = {
  'operation-added': 'Operation added',
  'operation-deprecated': 'Operation deprecated',
  'operation-reactivated': 'Operation no longer deprecated',
  'deprecated-operation-retired': 'Deprecated operation removed after its sunset date',
  'webhook-added': 'Webhook added',
  'optional-parameter-added': 'Optional parameter added',
  'parameter-became-optional': 'Parameter became optional',
  'parameter-deprecated': 'Parameter deprecated',
  'deprecated-parameter-retired': 'Deprecated parameter removed after its sunset date',
  'request-body-added': 'Optional request body added',
  'request-body-became-optional': 'Request body became optional',
  'request-media-type-added': 'Request media type added',
  'request-property-added': 'Optional request property added',
  'request-loosened': 'Request accepts more',
  'response-property-added': 'Response property added',
  'response-tightened': 'Response promises more',
  'response-status-added': 'Response status added',
  'response-status-removed': 'Non-success response status removed',
  'response-media-type-added': 'Response media type added',
  'response-header-added': 'Response header added',
  'security-alternative-added': 'Way to authenticate added',
  'operation-id-added': 'operationId added'
} as const

export type ChangelogKind = keyof typeof CHANGELOG_KINDS
