// Adversarial cases of the rollout gate (issue 10): a canary that cannot be reached, never answers or answers
// garbage fails the step and the abort runs; a hung traffic command ends at the deadline; the action's own inputs
// (the job token) never reach the user's commands; hostile inputs fail before any traffic moves.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'
import { respondPath } from './peers.js'

const TOKEN = 'ghp_R0ll0utCanaryTok3nQwErTyUiOpAsDfGhJk'
const RUNTIME_TOKEN = 'eyRuntimeCanaryZxCvBnMaSdFgHjKlQwErTy'
/** Records each weight in the workspace, so an abort that did not run would show. */
const TRAFFIC = 'printf "%s\\n" "$ROLLOUT_WEIGHT" >> weights.log'
const base = {
  'traffic-command': TRAFFIC,
  'step-pause': '300ms',
  interval: '100ms',
  'readiness-timeout': '1s',
  'request-timeout': '500ms'
}

const cases: AdversarialCase[] = [
  {
    id: 'fail-open/canary-unreachable',
    class: 'fail-open',
    inputs: { ...base, url: '{{CLOSED}}/healthz' },
    expect: 'fail',
    message:
      /^at 10% \(step 1 of 3\): http:\/\/127\.0\.0\.1:\d+\/healthz did not answer healthy within the readiness timeout/
  },
  {
    id: 'timeout/canary-silent',
    class: 'timeout',
    inputs: { ...base, url: '{{SILENT}}/healthz' },
    expect: 'fail',
    message: /^at 10% \(step 1 of 3\): .*did not answer healthy within the readiness timeout/,
    deadlineMs: 15_000
  },
  {
    id: 'fail-open/canary-answers-html',
    class: 'fail-open',
    inputs: {
      ...base,
      url: `{{HTTP}}${respondPath({ status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>maintenance</h1>' })}`,
      'expect-body': '$.status == "ok"'
    },
    expect: 'fail',
    message: /^at 10% \(step 1 of 3\): /
  },
  {
    id: 'timeout/traffic-command-hangs',
    class: 'timeout',
    inputs: {
      ...base,
      url: '{{HTTP}}/respond/e30',
      // The abort (weight 0) does not hang: it has its own, longer limit.
      'traffic-command': `${TRAFFIC}; [ "$ROLLOUT_WEIGHT" = 0 ] || sleep 120`,
      deadline: '2s'
    },
    expect: 'fail',
    message: /^the rollout deadline of 2s passed: the rollout stopped at 10% \(step 1 of 3\) during its step/,
    deadlineMs: 15_000
  },
  {
    id: 'secrets/job-token-not-in-command-env',
    class: 'secrets',
    // The command prints its whole environment to the log: the token input must not be in it.
    inputs: {
      ...base,
      url: '{{HTTP}}/respond/e30',
      'github-token': TOKEN,
      'traffic-command': `${TRAFFIC}; env; exit 3`
    },
    expect: 'fail',
    message: /^traffic-command exited with code 3; last output: .* at 10% \(step 1 of 3\)/,
    secrets: [TOKEN]
  },
  {
    id: 'secrets/runtime-token-not-in-command-env',
    class: 'secrets',
    inputs: { ...base, url: '{{HTTP}}/respond/e30', 'traffic-command': `${TRAFFIC}; env; exit 3` },
    env: { ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
    expect: 'fail',
    message: /^traffic-command exited with code 3; last output: .* at 10% \(step 1 of 3\)/,
    secrets: [RUNTIME_TOKEN]
  },
  {
    id: 'url-secrets/password-in-url',
    class: 'url-secrets',
    inputs: {
      ...base,
      url: 'http://probe:Sup3rS3cretPassw0rd@127.0.0.1:9/healthz',
      'readiness-timeout': '300ms'
    },
    expect: 'fail',
    secrets: ['Sup3rS3cretPassw0rd']
  },
  {
    id: 'long-input/ten-thousand-steps',
    class: 'long-input',
    inputs: {
      ...base,
      url: '{{HTTP}}/respond/e30',
      steps: Array.from({ length: 10_000 }, (_, i) => i + 1).join(',')
    },
    expect: 'fail',
    message: /^input 'steps' must be traffic percentages from 1 to 100/
  },
  {
    id: 'fail-open/steps-without-100',
    class: 'fail-open',
    inputs: { ...base, url: '{{HTTP}}/respond/e30', steps: '10,50' },
    expect: 'fail',
    message: /^input 'steps' .*the last step is 50, not 100\)$/
  }
]

adversarialSuite('rollout', cases)
