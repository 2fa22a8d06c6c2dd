/** The rollback gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { apiTimeoutInput } from '../../github/api-timeout-input.js'
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  environment: {
    kind: 'string',
    default: 'production',
    description: 'The GitHub environment whose deployments are searched.'
  },
  ref: {
    kind: 'string',
    default: '',
    description: 'Roll back to this ref instead of the last good deployment.'
  },
  'artifact-check': {
    kind: 'url',
    default: '',
    description:
      "URL that answers 2xx while a candidate's artifact exists and 404/410 once it is gone (then the next good deployment is tried); `{sha}`, `{ref}` and `{payload.<key>}` are substituted. Any other answer fails the gate."
  },
  'artifact-name': {
    kind: 'string',
    default: '',
    description:
      "Name of the workflow artifact that holds a candidate's build, checked with GitHub's artifacts API (needs `actions: read`); `{sha}`, `{ref}`, `{payload.<key>}` are substituted. An expired or missing artifact moves on to the next good deployment. Use instead of `artifact-check`."
  },
  'require-payload': {
    kind: 'list',
    default: '',
    description:
      'Payload keys a rollback target must carry (e.g. `artifact`); older deployments without them are skipped with a notice. Empty: no key required.'
  },
  'migrations-report': {
    kind: 'path',
    default: '',
    description:
      'JSON report of the migration gate; warns when migrations applied since the target are not rollback-safe.'
  },
  'request-timeout': {
    kind: 'duration',
    default: '10s',
    description: 'Timeout of the artifact check request, with units (`500ms`, `10s`).'
  },
  ...apiTimeoutInput
})

export const outputs = defineOutputs({
  'deployment-id': 'Id of the rollback target.',
  ref: 'Ref of the last good deployment.',
  sha: 'Commit SHA of the last good deployment.',
  payload: 'JSON payload of the last good deployment (the artifact to redeploy).'
})
