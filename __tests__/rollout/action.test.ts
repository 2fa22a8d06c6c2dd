// gate: rollout through the bundled dist/index.js, as the runner runs it: the traffic command (real bash) sets
// the split of a weighted router on loopback, and each step's analysis probes through that router.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'
import { startCanaryRouter, type CanaryRouter } from './canary.js'

/** Sets the weight the router reads and records every call as `step:weight`. */
const TRAFFIC =
  'printf "%s\\n" "$ROLLOUT_WEIGHT" > weight && printf "%s:%s\\n" "$ROLLOUT_STEP" "$ROLLOUT_WEIGHT" >> traffic.log'

const FAST = {
  gate: 'rollout',
  'step-pause': '300ms',
  interval: '100ms',
  // Generous for a loaded machine: a loopback answer takes milliseconds when the machine is idle.
  'readiness-timeout': '5s',
  'request-timeout': '3s',
  comment: 'false'
}

describe.each(NODE_BINARIES)('gate: rollout on $label', ({ path: node }) => {
  let workspace: string
  let router: CanaryRouter | undefined
  beforeAll(() => ensureBuilt())
  const setUp = async (canaryFailsAt?: number) => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rollout-ws-'))
    router = await startCanaryRouter({ weightFile: path.join(workspace, 'weight'), canaryFailsAt })
    return router
  }
  afterEach(async () => {
    await router?.close()
    router = undefined
  })
  const trafficLog = () =>
    existsSync(path.join(workspace, 'traffic.log'))
      ? readFileSync(path.join(workspace, 'traffic.log'), 'utf8').trim().split('\n')
      : []
  /** The error annotations' first lines, without the step's closing `… failed: 1 error` line. */
  const errors = (run: { annotations: { level: string; message: string }[] }) =>
    run.annotations
      .filter(a => a.level === 'error' && !a.message.startsWith('Progressive rollout failed:'))
      .map(a => a.message.split('\n')[0])

  it('moves traffic step by step to 100% while the analysis holds', async () => {
    const { url, served } = await setUp()
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': TRAFFIC, 'expect-body': '$.status == ok' }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '3:100'])
    expect(run.outputs).toMatchObject({
      weight: '100',
      aborted: 'false',
      'failed-step': '',
      status: 'passed'
    })
    expect(run.code).toBe(0)
    // The canary really answered some of the probes (at 50% and 100%).
    expect(served.canary).toBeGreaterThan(0)
    // Readiness (one probe here) before the first step only; then every step's window: 300 ms / 100 ms = 3 probes.
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      data: { steps: { weight: number; probes: number; verdict: string }[] }
    }
    expect(report.data.steps.map(s => [s.weight, s.probes, s.verdict])).toEqual([
      [10, 4, 'passed'],
      [50, 3, 'passed'],
      [100, 3, 'passed']
    ])
    expect(run.summary).toContain('| 2 | 50% |')
    expect(run.summary).toContain('✅ passed')
    expect(run.summary).toContain('```mermaid\nxychart-beta')
  })

  it('catches a release that fails at 50%: 10, 50, then 0; the step fails naming 50', async () => {
    const { url } = await setUp(50)
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': TRAFFIC }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '0:0'])
    expect(run.outputs).toMatchObject({
      weight: '10',
      aborted: 'true',
      'failed-step': '50',
      status: 'failed'
    })
    expect(run.code).toBe(1)
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^at 50% \(step 2 of 3\): http:\/\/127\.0\.0\.1:\d+\/healthz failed 1 probe\(s\) in the verification window, more than failure-limit 0; last: status 500, expected 2xx$/
      )
    ])
    expect(readFileSync(path.join(workspace, 'weight'), 'utf8').trim()).toBe('0')
    expect(run.summary).toMatch(/aborted at 50% \(step 2\); traffic returned to the stable version/)
    expect(run.summary).toContain('❌ failed: failure-limit')
  })

  it("runs the health gate's analysis with its own inputs: an error rate over max-error-rate fails the step", async () => {
    const { url } = await setUp(50)
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': TRAFFIC, 'failure-limit': '10', 'max-error-rate': '0.3' }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '0:0'])
    expect(run.outputs).toMatchObject({ weight: '10', aborted: 'true', 'failed-step': '50' })
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^at 50% \(step 2 of 3\): \d+ of \d+ probes in the window did not pass \(error rate 0\.[3-9]\d*\), above max-error-rate 0\.3$/
      )
    ])
  })

  it('reports a dry run (health dry-run) as warnings and rolls out to 100%', async () => {
    const { url } = await setUp(50)
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': TRAFFIC, 'dry-run': 'true' }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '3:100'])
    expect(run.outputs).toMatchObject({
      weight: '100',
      aborted: 'false',
      'failed-step': '',
      status: 'passed'
    })
    expect(
      run.annotations.filter(a => a.level === 'warning').map(a => a.message.split('\n')[0])
    ).toContainEqual(expect.stringMatching(/^at 50% \(step 2 of 3\): dry-run: .*failed \d+ probe\(s\)/))
  })

  it('fails when the traffic command exits non-zero, names its exit code, and still aborts', async () => {
    const { url } = await setUp()
    const command = `${TRAFFIC} && if [ "$ROLLOUT_WEIGHT" = 50 ]; then echo "lb: weight rejected" >&2; exit 3; fi`
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': command }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '0:0'])
    expect(run.outputs).toMatchObject({ weight: '10', aborted: 'true', 'failed-step': '50' })
    expect(errors(run)).toEqual([
      'traffic-command exited with code 3; last output: lb: weight rejected at 50% (step 2 of 3)'
    ])
    expect(run.code).toBe(1)
  })

  it('runs abort-command instead when given, and fails loudly when the abort itself fails', async () => {
    const { url } = await setUp(50)
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: {
        ...FAST,
        url,
        'traffic-command': TRAFFIC,
        'abort-command': 'printf "abort:%s:%s\\n" "$ROLLOUT_STEP" "$ROLLOUT_WEIGHT" >> traffic.log; exit 7'
      }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', 'abort:0:0'])
    expect(run.outputs).toMatchObject({ weight: '10', aborted: 'true', 'failed-step': '50' })
    expect(errors(run)).toContainEqual(
      'abort-command exited with code 7: traffic may still reach the new version (last set to 50%)'
    )
    expect(run.summary).toContain('the abort FAILED')
  })

  it('stops a hung traffic command at the deadline and aborts', async () => {
    const { url } = await setUp()
    // The first traffic command hangs (a load balancer API that never answers): only the deadline ends it.
    const command = `${TRAFFIC} && if [ "$ROLLOUT_WEIGHT" = 10 ]; then sleep 60; fi`
    const started = Date.now()
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'traffic-command': command, deadline: '5s' },
      timeoutMs: 45_000
    })
    // The deadline, the kill and the abort take seconds, not the minute of the hung command.
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(trafficLog()).toEqual(['1:10', '0:0'])
    expect(run.outputs).toMatchObject({ weight: '0', aborted: 'true', 'failed-step': '10' })
    expect(errors(run)).toEqual([
      'the rollout deadline of 5s passed: the rollout stopped at 10% (step 1 of 3) during its step'
    ])
  })

  it('aborts when the job is cancelled (SIGTERM from the runner) during a step', async () => {
    const { url } = await setUp()
    // At 50%, the command asks the runner to cancel: it signals the action's process (its grandparent).
    const cancel = `${TRAFFIC} && if [ "$ROLLOUT_WEIGHT" = 50 ]; then kill -TERM "$(awk '{print $4}' /proc/$PPID/stat)"; fi`
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, 'step-pause': '2s', 'traffic-command': cancel }
    })
    expect(trafficLog()).toEqual(['1:10', '2:50', '0:0'])
    expect(run.outputs).toMatchObject({ weight: '10', aborted: 'true', 'failed-step': '50' })
    expect(errors(run)).toEqual([
      expect.stringMatching(/^the job was cancelled \(SIGTERM\): the rollout stopped at 50% \(step 2 of 3\)/)
    ])
  })

  it.each([
    [
      '10,5,100',
      "input 'steps' must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. 10,50,100 (got '10,5,100': 5 does not come after 10)"
    ],
    [
      '10,50',
      "input 'steps' must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. 10,50,100 (got '10,50': the last step is 50, not 100)"
    ],
    [
      '0,100',
      "input 'steps' must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. 10,50,100 (got '0,100': 0 is not from 1 to 100)"
    ],
    [
      'ten,100',
      "input 'steps' must be traffic percentages from 1 to 100, strictly increasing and ending at 100, e.g. 10,50,100 (got 'ten,100': 'ten' is not a whole percentage)"
    ]
  ])('rejects steps %s before any traffic moves', async (steps, message) => {
    const { url } = await setUp()
    const run = await runAction({
      node,
      cwd: workspace,
      inputs: { ...FAST, url, steps, 'traffic-command': TRAFFIC }
    })
    expect(run.code).toBe(1)
    expect(errors(run)).toEqual([message])
    expect(trafficLog()).toEqual([])
  })

  it('requires a traffic command', async () => {
    const { url } = await setUp()
    const run = await runAction({ node, cwd: workspace, inputs: { ...FAST, url } })
    expect(run.code).toBe(1)
    expect(errors(run)).toEqual([
      "input 'traffic-command' is required: a bash command that gives the new version $ROLLOUT_WEIGHT percent of the traffic"
    ])
  })
})
