// The rollout gate in-process, with the real command runner (src/kernel/commands.ts) and a canary on loopback:
// a cancellation that arrives before a step, an entry point that cannot run commands, and the summary's shape.
import { mkdtempSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parseRolloutInputs } from '../../src/gates/rollout/config.js'
import { runRollout } from '../../src/gates/rollout/index.js'
import { actionInputSource } from '../../src/inputs.js'
import { runCommand } from '../../src/kernel/commands.js'
import { testGateIO } from '../helpers/gate-io.js'
import { startCanaryRouter, type CanaryRouter } from './canary.js'

const TRAFFIC =
  'printf "%s\\n" "$ROLLOUT_WEIGHT" > weight && printf "%s:%s\\n" "$ROLLOUT_STEP" "$ROLLOUT_WEIGHT" >> traffic.log'

describe('gate: rollout in-process', () => {
  let router: CanaryRouter | undefined
  afterEach(async () => {
    await router?.close()
    router = undefined
  })
  const setUp = async (canaryFailsAt?: number) => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'rollout-gate-'))
    router = await startCanaryRouter({ weightFile: path.join(workspace, 'weight'), canaryFailsAt })
    const config = parseRolloutInputs(
      actionInputSource({
        'INPUT_TRAFFIC-COMMAND': TRAFFIC,
        INPUT_URL: router.url,
        'INPUT_STEP-PAUSE': '300ms',
        INPUT_INTERVAL: '100ms',
        'INPUT_READINESS-TIMEOUT': '5s'
      })
    )
    const log = () => readFileSync(path.join(workspace, 'traffic.log'), 'utf8').trim().split('\n')
    return { workspace, config, log }
  }

  it('moves no traffic when the job is cancelled before the first step, and still runs the abort', async () => {
    const { workspace, config, log } = await setUp()
    const cancel = new AbortController()
    cancel.abort('the job was cancelled (SIGINT)')
    const result = await runRollout(config, testGateIO(workspace, { runCommand }), cancel.signal)
    expect(log()).toEqual(['0:0'])
    expect(result.outputs).toEqual({ weight: '0', aborted: 'true', 'failed-step': '10' })
    expect(result.findings.map(f => [f.rule, f.message])).toEqual([
      [
        'cancelled',
        'the job was cancelled (SIGINT): the rollout stopped at 10% (step 1 of 3) before its traffic command'
      ]
    ])
  })

  it('still sends traffic back when the rollout breaks with an internal error mid-step', async () => {
    const { workspace, config, log } = await setUp()
    const io = testGateIO(workspace, {
      runCommand,
      log: {
        info: message => {
          if (message.includes('analysing')) throw new Error('internal: the logger broke')
        },
        warning: () => {},
        debug: () => {}
      }
    })
    await expect(runRollout(config, io)).rejects.toThrow('internal: the logger broke')
    expect(log()).toEqual(['1:10', '0:0'])
  })

  it('fails closed on an entry point without a command runner', async () => {
    const { workspace, config } = await setUp()
    await expect(runRollout(config, testGateIO(workspace))).rejects.toThrow(
      'the rollout gate needs GateIO.runCommand, which this entry point does not provide'
    )
  })

  it('shows every step in a table and the traffic shape, abort included, in a chart', async () => {
    const { workspace, config } = await setUp(50)
    const result = await runRollout(config, testGateIO(workspace, { runCommand }))
    const steps = result.sections.find(s => s.heading === 'Steps')!
    expect(steps.blocks[0]).toMatchObject({
      kind: 'table',
      columns: ['Step', 'Weight', 'Traffic command', 'Probes', 'Error rate', 'p95', 'Verdict'],
      rows: [
        expect.arrayContaining(['1', '10%', '0%', '✅ passed']),
        expect.arrayContaining(['2', '50%', '❌ failed: failure-limit']),
        ['3', '100%', '', '', '', '', '· not run']
      ]
    })
    expect(steps.blocks[1]).toMatchObject({
      kind: 'chart',
      x: ['1: 10%', '2: 50%', 'abort'],
      series: [
        { name: 'error rate (%)', values: [0, expect.any(Number), null], style: 'bar' },
        { name: 'traffic (%)', values: [10, 50, 0] }
      ]
    })
    expect(result.checks?.map(c => [c.name, c.findings.length, c.skipped ?? ''])).toEqual([
      ['10% of traffic (step 1)', 0, ''],
      ['50% of traffic (step 2)', 1, ''],
      ['100% of traffic (step 3)', 0, 'the rollout stopped before this step'],
      ['abort returns traffic to the stable version', 0, '']
    ])
  })
})
