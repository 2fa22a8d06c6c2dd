// The per-gate actions (actions/<gate>/action.yml), run as the runner runs them: their own defaults applied,
// `runs.main` resolved from the action's folder into the root bundle, and no `gate` input to get wrong.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { load } from 'js-yaml'
import { GATE_NAMES } from '../../src/types.js'
import { actionEntry, ensureBuilt, NODE24_PATH, REPO_ROOT, runAction } from '../helpers/runner.js'

beforeAll(() => ensureBuilt())

type ActionYml = { inputs: Record<string, { default?: string }>; runs: { using: string; main: string } }
const actionYml = (dir: string) =>
  load(readFileSync(path.join(REPO_ROOT, dir, 'action.yml'), 'utf8')) as ActionYml

describe('per-gate actions', () => {
  it.each(GATE_NAMES)(
    '%s: a node24 action whose main is that gate’s entry in dist/, without a gate input',
    gate => {
      const action = actionYml(`actions/${gate}`)
      expect(action.runs).toEqual({ using: 'node24', main: `../../dist/action-${gate}.js` })
      expect(existsSync(actionEntry(path.join(REPO_ROOT, 'actions', gate)))).toBe(true)
      expect(action.inputs.gate).toBeUndefined()
      expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['fail-on', 'rules', 'report']))
    }
  )

  it('runs the env gate from actions/env with its own defaults, and fails it like the root action would', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'dg-per-gate-'))
    writeFileSync(path.join(workspace, '.env.example'), 'API_KEY=\nPORT=\n')
    writeFileSync(path.join(workspace, '.env.production'), 'PORT=8080\n')
    const run = await runAction({
      action: 'actions/env',
      cwd: workspace,
      node: NODE24_PATH,
      inputs: { schema: '.env.example', 'env-files': '.env.production' }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.annotations.map(a => `${a.level} ${a.message.split('\n')[0]}`)).toContainEqual(
      expect.stringMatching(/^error API_KEY .*\.env\.production/)
    )
    expect(run.summary).toContain('Environment validation')
  })

  it('the root action with gate: env gives the same outputs, summary and annotations as actions/env', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'dg-per-gate-'))
    writeFileSync(path.join(workspace, '.env.example'), 'API_KEY=\nPORT=\nDEBUG=\n')
    writeFileSync(path.join(workspace, '.env.production'), 'PORT=8080\nDEBUG=true\nDEBUG=false\n')
    const inputs = { schema: '.env.example', 'env-files': '.env.production' }
    const perGate = await runAction({ action: 'actions/env', cwd: workspace, node: NODE24_PATH, inputs })
    // ` gate ` with spaces: the runner passes inputs untrimmed, and the pipeline trims them.
    const root = await runAction({ cwd: workspace, node: NODE24_PATH, inputs: { ...inputs, gate: ' env ' } })
    const same = (run: typeof root) =>
      JSON.parse(
        JSON.stringify({
          code: run.code,
          outputs: run.outputs,
          summary: run.summary,
          annotations: run.annotations
        })
          .split(run.runnerTemp)
          .join('<temp>')
      )
    expect(root.code).toBe(1)
    expect(root.annotations.length).toBeGreaterThanOrEqual(2) // API_KEY missing, DEBUG set twice
    expect(same(root)).toEqual(same(perGate))
  })

  it('the root action with a gate input that names no gate fails naming the input and the gates', async () => {
    const run = await runAction({ node: NODE24_PATH, inputs: { gate: 'Env' } })
    expect(run.code).toBe(1)
    expect(run.annotations[0]!.message).toBe(
      `input 'gate' must be one of ${GATE_NAMES.join(', ')} (got 'Env')`
    )
  })

  it('names the input in an error exactly as the root action does', async () => {
    const run = await runAction({ action: 'actions/metrics', node: NODE24_PATH, inputs: { window: 'soon' } })
    expect(run.code).toBe(1)
    expect(run.annotations[0]!.message).toMatch(/^input 'window' must be a duration/)
  })
})
