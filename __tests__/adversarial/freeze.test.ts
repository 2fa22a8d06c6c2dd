// Adversarial cases of the freeze gate (issue 10): hostile freeze-windows (YAML bombs, huge lists, deep nesting,
// values of the wrong type) fail with one line, fast; a freeze is never passed by an input it cannot read.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'

const bomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]'
].join('\n')

const cases: AdversarialCase[] = [
  {
    id: 'yaml-bomb/billion-laughs-mapping',
    class: 'yaml-bomb',
    inputs: { 'freeze-windows': bomb },
    expect: 'fail',
    message: /^input 'freeze-windows' must be a YAML list of windows/
  },
  {
    id: 'yaml-bomb/aliases-as-window-values',
    class: 'yaml-bomb',
    inputs: { 'freeze-windows': `${bomb.replace(/^a:/, '- name: &a').split('\n')[0]}\n` },
    expect: 'fail'
  },
  {
    id: 'long-input/too-many-windows',
    class: 'long-input',
    inputs: {
      'freeze-windows': Array.from(
        { length: 2_000 },
        (_, i) => `- name: w${i}\n  start: 0 1 * * *\n  end: 0 2 * * *`
      ).join('\n')
    },
    expect: 'fail',
    message: /^input 'freeze-windows' has 2000 windows, more than the limit of 500$/
  },
  {
    id: 'crash/deep-nesting',
    class: 'crash',
    inputs: { 'freeze-windows': `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    expect: 'fail',
    message: /^input 'freeze-windows'/
  },
  {
    id: 'fail-open/window-values-not-scalars',
    class: 'fail-open',
    inputs: { 'freeze-windows': '- name: Sale\n  from: [2026-11-27T00:00]\n  to: {at: 2026-11-30T00:00}' },
    expect: 'fail',
    message: /^input 'freeze-windows' line 1 \(window 'Sale'\): 'from' is missing$/
  },
  {
    id: 'fail-open/cron-with-seconds-field',
    class: 'fail-open',
    inputs: { 'freeze-windows': '- name: Nightly\n  start: 0 0 22 * * *\n  end: 0 0 6 * * *' },
    expect: 'fail',
    message: /five-field cron expression/
  },
  {
    id: 'long-input/huge-override',
    class: 'long-input',
    inputs: { 'freeze-windows': '[]', override: 'x'.repeat(50_000) },
    expect: 'fail',
    message: /^input 'override' is 50000 characters long; a reason of at most 1000 is enough$/
  }
]

adversarialSuite('freeze', cases)
