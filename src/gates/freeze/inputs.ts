/** The freeze gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  'freeze-windows': {
    kind: 'string',
    default: '',
    description:
      'YAML list of freeze windows. Each has a `name` and either `from`/`to` (ISO 8601 date-times; without an offset, wall-clock times in `timezone`) or `start`/`end` (five-field cron expressions: the window opens at `start` and closes at the next `end`, as GitLab deploy freezes).'
  },
  timezone: {
    kind: 'string',
    default: 'UTC',
    description:
      'IANA time zone of the cron expressions and of date-times written without an offset, e.g. `Europe/Berlin`.'
  },
  override: {
    kind: 'string',
    default: '',
    description:
      'A reason (a hotfix) that lets this deploy through a freeze: reported as a warning, in the summary and in the `overridden` output. Empty: a freeze fails the step.'
  }
})

export const outputs = defineOutputs({
  frozen: '`true` when a freeze window is in force now.',
  window: 'Name of the window in force (the one that closes last). Empty when none.',
  until: 'When that window closes, ISO 8601 in UTC (e.g. `2026-11-30T05:00:00Z`). Empty when none.',
  overridden: '`true` when a freeze was in force and `override` let the deploy through.'
})
