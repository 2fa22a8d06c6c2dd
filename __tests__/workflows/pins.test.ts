import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import yaml from 'js-yaml'
import { parseWorkflow, readWorkflowText, ROOT, workflowFiles } from './workflow-files.js'

interface Pin {
  action: string
  tag: string
  sha: string
  'runs.using': string
  inputs: string[]
}

/** Read from each action's repository at its release tag (see the file's $comment): data, not code. */
const pins = (
  JSON.parse(readFileSync(join(ROOT, '__tests__/workflows/pins.json'), 'utf8')) as { pins: Pin[] }
).pins

/** Every third-party `uses:` line: action, SHA, version comment. */
function pinnedUses(file: string): { action: string; sha: string; tag: string; line: number }[] {
  return readWorkflowText(file)
    .split('\n')
    .flatMap((text, index) => {
      const match = /^\s*(?:-\s+)?uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s*#\s*(\S+)/.exec(text)
      return match ? [{ action: match[1]!, sha: match[2]!, tag: match[3]!, line: index + 1 }] : []
    })
}

const uses = workflowFiles().flatMap(file => pinnedUses(file).map(use => ({ file, ...use })))

// Defect 6: the pinned releases ran on Node 20, which GitHub removed from its runners on 2026-09-16.
describe('pinned actions', () => {
  it('every pin in pins.json is a full SHA of a release tag that runs on node24', () => {
    for (const pin of pins) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/)
      expect(pin.tag).toMatch(/^v\d+\.\d+\.\d+$/)
      expect([pin.action, pin['runs.using']]).toEqual([pin.action, 'node24'])
    }
  })

  it('finds the pins in the workflows (every action the library uses)', () => {
    expect([...new Set(uses.map(use => use.action))].sort()).toEqual(pins.map(pin => pin.action).sort())
  })

  it.each(uses.map(use => [`${use.file}:${use.line} ${use.action}`, use] as const))(
    '%s is pinned to the recorded SHA of a node24 release, with its version',
    (_, use) => {
      const pin = pins.find(candidate => candidate.action === use.action)
      expect(pin).toBeDefined()
      expect({ sha: use.sha, tag: use.tag, using: pin!['runs.using'] }).toEqual({
        sha: pin!.sha,
        tag: pin!.tag,
        using: 'node24'
      })
    }
  )

  it('every with: key is an input of the pinned release', () => {
    for (const file of workflowFiles()) {
      const workflow = parseWorkflow(readWorkflowText(file))
      for (const [id, job] of Object.entries(workflow.jobs))
        for (const step of job.steps ?? []) {
          const pin = pins.find(candidate => step.uses?.startsWith(`${candidate.action}@`))
          if (!pin) continue
          for (const key of Object.keys(step.with ?? {}))
            expect([file, id, pin.action, key, pin.inputs.includes(key)]).toEqual([
              file,
              id,
              pin.action,
              key,
              true
            ])
        }
    }
  })

  // The per-gate actions (actions/<gate>/action.yml) declare each gate's inputs, so a user's actionlint checks them;
  // so do we, on our own workflows.
  it("every with: key of a gate step is an input of that gate's action", () => {
    const declared = new Map<string, string[]>()
    for (const file of workflowFiles()) {
      const workflow = parseWorkflow(readWorkflowText(file))
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps ?? []) {
          const gate = /^deploy-gates\/deploy-gates\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1]
          if (!gate) continue
          if (!declared.has(gate)) {
            const action = yaml.load(readFileSync(join(ROOT, 'actions', gate, 'action.yml'), 'utf8')) as {
              inputs: Record<string, unknown>
            }
            declared.set(gate, Object.keys(action.inputs))
          }
          const unknown = Object.keys(step.with ?? {}).filter(key => !declared.get(gate)!.includes(key))
          expect([file, step.name, gate, unknown]).toEqual([file, step.name, gate, []])
        }
    }
    expect([...declared.keys()].sort()).toEqual(
      [
        'contract',
        'deployment',
        'env',
        'freeze',
        'health',
        'metrics',
        'migrations',
        'rollback',
        'rollout'
      ].sort()
    )
  })

  it('ships a Dependabot config that keeps the github-actions pins current', () => {
    const config = yaml.load(readFileSync(join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number
      updates: {
        'package-ecosystem': string
        directories?: string[]
        directory?: string
        schedule: { interval: string }
      }[]
    }
    expect(config.version).toBe(2)
    const actions = config.updates.find(update => update['package-ecosystem'] === 'github-actions')
    expect(actions?.directories ?? [actions?.directory]).toContain('/')
    expect(actions?.schedule.interval).toMatch(/^(daily|weekly|monthly)$/)
  })
})
