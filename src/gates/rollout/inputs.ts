/**
 * The rollout gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change): its own,
 * then the health gate's analysis inputs, which each step runs unchanged (`step-pause` stands in for `window`).
 */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'
import { inputs as healthInputs } from '../health/inputs.js'

const own = defineInputs({
  steps: {
    kind: 'list',
    default: '10,50,100',
    description:
      'Traffic percentages for the new version, comma- or newline-separated, strictly increasing, each from 1 to 100, the last 100.'
  },
  'traffic-command': {
    kind: 'string',
    default: '',
    description:
      'Required. Bash command that gives the new version `$ROLLOUT_WEIGHT` percent of the traffic (0–100; `$ROLLOUT_STEP` is the 1-based step, 0 for the abort). Runs in the working directory; a non-zero exit fails the rollout.'
  },
  'abort-command': {
    kind: 'string',
    default: '',
    description:
      'Bash command that sends all traffic back to the stable version when the rollout stops early (a failed analysis or command, the deadline, a cancelled job). Empty: `traffic-command` with `ROLLOUT_WEIGHT=0`.'
  },
  'step-pause': {
    kind: 'duration',
    default: '2m',
    description:
      "How long each step is analysed before the next (the health gate's verification window, with all its inputs)."
  },
  deadline: {
    kind: 'duration',
    default: '',
    description:
      'Time limit for the whole rollout; when it passes, the running command is stopped and the abort runs. Empty: `readiness-timeout` plus `step-pause` and 5 minutes per step.'
  }
})

export const inputs = [
  ...own,
  ...healthInputs
    .filter(input => input.name !== 'window')
    .map(input =>
      input.name === 'readiness-timeout'
        ? {
            ...input,
            description:
              'How long to wait, with backoff, for the first healthy answer: before the first step only.'
          }
        : input
    )
]

export const outputs = defineOutputs({
  weight: 'The last traffic weight whose analysis passed (`100` when the rollout completed; `0` if none).',
  aborted: '`true` when the rollout stopped early and the abort ran.',
  'failed-step':
    'The weight whose analysis or traffic command failed (or that the deadline or a cancellation stopped). Empty if none.'
})
