// The action's interface is generated from the input declarations (npm run generate; CI checks it is fresh).
// These tests pin what the generator must do with them, on the committed files.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { load } from 'js-yaml'
import { commonInputs, GATE_INTERFACES, inputsForGate, outputsForGate } from '../../src/inputs/catalog.js'
import { GATE_NAMES } from '../../src/types.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
type Input = { description: string; required: boolean; default?: string }
type Action = { inputs: Record<string, Input>; outputs: Record<string, { description: string }> }
const read = (file: string) => load(readFileSync(path.join(ROOT, file), 'utf8')) as Action
const root = read('action.yml')

describe('generated action.yml files', () => {
  it('the root action has the required gate input, then every input of every gate, no [gate] tags', () => {
    expect(root.inputs.gate).toMatchObject({ required: true })
    const declared = new Set(GATE_NAMES.flatMap(gate => inputsForGate(gate).map(input => input.name)))
    expect(new Set(Object.keys(root.inputs))).toEqual(new Set(['gate', ...declared]))
    for (const [name, input] of Object.entries(root.inputs))
      expect({ name, tagged: /^\[[a-z, ]+\]/.test(input.description) }).toEqual({ name, tagged: false })
  })

  it('gives a shared input the default the gates agree on, or none with each gate’s named', () => {
    const window = root.inputs.window!
    expect(window.default).toBe('')
    expect(window.description).toContain('`60s` (health')
    expect(window.description).toContain('`90d` (metrics')
    const timeout = GATE_NAMES.filter(gate =>
      GATE_INTERFACES[gate].inputs.some(i => i.name === 'request-timeout')
    )
    expect(timeout.length).toBeGreaterThan(1)
    expect(root.inputs['request-timeout']!.default).toBe('10s')
  })

  it.each(GATE_NAMES)(
    'actions/%s/action.yml has exactly that gate’s inputs and outputs, its own defaults',
    gate => {
      const action = read(`actions/${gate}/action.yml`)
      expect(Object.keys(action.inputs)).toEqual(inputsForGate(gate).map(input => input.name))
      expect(Object.keys(action.outputs)).toEqual(outputsForGate(gate).map(output => output.name))
      for (const input of GATE_INTERFACES[gate].inputs)
        expect({ input: input.name, default: action.inputs[input.name]!.default ?? '' }).toEqual({
          input: input.name,
          default: input.default ?? ''
        })
    }
  )

  it('common inputs come first in every per-gate action, in declaration order', () => {
    const names = Object.keys(read('actions/env/action.yml').inputs)
    expect(names.slice(0, commonInputs.length)).toEqual(commonInputs.map(input => input.name))
  })
})
