/** The metrics gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { apiTimeoutInput } from '../../github/api-timeout-input.js'
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
    description: 'History window (longer than 0), e.g. `90d`.'
  },
  'max-deployments': {
    kind: 'integer',
    default: '400',
    description:
      "Deployments read at most (one API call each, plus one per distinct commit: the default keeps a run within the job token's 1,000 requests an hour). When the window holds more, the figures cover the newest ones and the summary and outputs say from when."
  },
  ...apiTimeoutInput
})

export const outputs = defineOutputs({
  'deployment-frequency': 'Successful deployments (not counting rollbacks) per day over the window.',
  'lead-time-hours': 'Median hours from the deployed commit to its successful deployment. Empty: no data.',
  'change-failure-rate':
    'Share of changes, 0 to 1, that got a failure status or were rolled back. Empty: no data.',
  'time-to-restore-hours':
    'Median hours from a failed change to the next successful deployment. Empty: no data.',
  'deployments-analysed':
    'Number of deployments the figures are computed from (rollback drills included, reported apart).',
  'analysed-since':
    'Start of the span the figures cover (ISO 8601): the window start, or the oldest deployment read when sampled.',
  sampled:
    '`true` when the window held more than `max-deployments` deployments and only the newest were analysed.',
  'drill-time-to-restore-hours':
    'Hours from the last rollback drill (`payload.drill: true`) to its successful deployment. Empty: no drill.',
  'days-since-drill': 'Days since the last rollback drill. Empty: no drill in the window.'
})
