/** The deployment gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { apiTimeoutInput } from '../../github/api-timeout-input.js'
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  environment: {
    kind: 'string',
    default: 'production',
    description: 'The GitHub environment name.'
  },
  ref: {
    kind: 'string',
    default: '',
    description: "Git ref or SHA being deployed. Empty: the workflow's SHA."
  },
  payload: {
    kind: 'json',
    default: '',
    description:
      'JSON object stored with the deployment: the immutable artifact\'s identity, e.g. `{"artifact":"registry/app@sha256:…"}`.'
  },
  'deployment-id': {
    kind: 'integer',
    default: '',
    description: 'Existing deployment to move to `state`. Empty: create a new deployment.'
  },
  state: {
    kind: 'choice',
    choices: ['in_progress', 'success', 'failure', 'error', 'inactive', 'queued', 'pending'],
    default: 'in_progress',
    description:
      'Status to set: `in_progress`, `success`, `failure`, `error`, `inactive`, `queued` or `pending`.'
  },
  'environment-url': {
    kind: 'url',
    default: '',
    description: 'URL of the deployed environment, shown on the deployment (sent exactly as written).'
  },
  'log-url': {
    kind: 'url',
    default: '',
    description: "URL of the deployment's logs. Empty: this workflow run."
  },
  'production-environment': {
    kind: 'boolean',
    default: '',
    description:
      'Mark the environment as production (`true`/`false`). Empty: true when the environment is one of `production-environments`.'
  },
  'production-environments': {
    kind: 'list',
    default: 'production, prod',
    description:
      'Environment names that are production (exact, case-insensitive; `preprod` is not `prod`), when `production-environment` is empty.'
  },
  'rollback-of': {
    kind: 'integer',
    default: '',
    description: 'Id of the deployment this one rolls back; recorded as `payload.rollback_of`.'
  },
  ...apiTimeoutInput
})

export const outputs = defineOutputs({
  'deployment-id': 'Id of the deployment created or updated.'
})
