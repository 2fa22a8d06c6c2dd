/** The metrics gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  environment: {
    kind: 'string',
    default: 'production',
    description: 'The GitHub environment whose deployments are measured.'
  },
  window: {
    kind: 'duration',
    default: '90d',
    description: 'History window.'
  }
})

export const outputs = defineOutputs({
  'deployment-frequency': 'Successful deployments (not counting rollbacks) per day over the window.',
  'lead-time-hours': 'Median hours from the deployed commit to its successful deployment. Empty: no data.',
  'change-failure-rate':
    'Share of changes, 0 to 1, that got a failure status or were rolled back. Empty: no data.',
  'time-to-restore-hours':
    'Median hours from a failed change to the next successful deployment. Empty: no data.'
})
