/** The rollback gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
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
      "URL expected to answer 2xx when the rollback target's artifact still exists; `{sha}`, `{ref}` and `{payload.<key>}` are substituted."
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
  }
})

export const outputs = defineOutputs({
  'deployment-id': 'Id of the rollback target.',
  ref: 'Ref of the last good deployment.',
  sha: 'Commit SHA of the last good deployment.',
  payload: 'JSON payload of the last good deployment (the artifact to redeploy).'
})
