// Runner-protocol tests of what every gate shares: dist/index.js run as the runner runs it, on each Node.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { ensureBuilt, NODE_BINARIES, runAction, type ActionRun } from '../helpers/runner.js'
import { GATE_NAMES } from '../../src/types.js'

const GATES = GATE_NAMES.join(', ')

beforeAll(() => ensureBuilt())

function expectOneLineFailure(run: ActionRun, message: string): void {
  expect(run.code).toBe(1)
  expect(run.outputs.status).toBe('failed')
  expect(run.annotations).toEqual([{ level: 'error', message }])
  // one line, no stack trace anywhere
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m)
  expect(run.stderr).toBe('')
}

describe.each(NODE_BINARIES)('bad common inputs ($label)', ({ path: node }) => {
  it('rejects an unknown gate, naming the accepted ones', async () => {
    const run = await runAction({ node, inputs: { gate: 'deploy' } })
    expectOneLineFailure(run, `input 'gate' must be one of ${GATES} (got 'deploy')`)
  })

  it('rejects an invalid fail-on', async () => {
    const run = await runAction({ node, inputs: { gate: 'env', 'fail-on': 'fatal' } })
    expectOneLineFailure(run, "input 'fail-on' must be one of error, warning, never (got 'fatal')")
  })

  it('requires a gate', async () => {
    const run = await runAction({ node, inputs: {} })
    expectOneLineFailure(run, `input 'gate' is required: one of ${GATES}`)
  })

  it('rejects a non-boolean comment input', async () => {
    const run = await runAction({ node, inputs: { gate: 'env', comment: 'maybe' } })
    expectOneLineFailure(run, "input 'comment' must be true or false (got 'maybe')")
  })
})
