/** The freeze gate's rules (see src/rules/catalog.ts). */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('freeze', {
  frozen: {
    severity: 'error',
    category: 'freeze',
    title: 'Deploy freeze in force',
    help: 'Wait until the window closes, or give `override` a reason (a hotfix) to deploy through the freeze.',
    docs: 'A window of `freeze-windows` is in force now: from/to dates, or a cron window between a `start` and the next `end` occurrence in `timezone`. The message names the window and when it closes (ISO 8601, UTC).'
  },
  'freeze-overridden': {
    severity: 'warning',
    category: 'freeze',
    title: 'Deploy freeze overridden',
    help: 'The deploy went through a freeze with the reason given in `override`; make sure the people on call know.',
    docs: 'Reported when a window is in force and `override` gives a reason: the step passes (with `fail-on: error`), and the reason is in the annotation, the summary and the `overridden` output.'
  }
})
