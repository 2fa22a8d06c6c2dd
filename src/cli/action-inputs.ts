/**
 * The inputs declared in action.yml, as the CLI needs them: names, defaults, which gates use them, and the
 * description for one gate (descriptions tag their gates: `[env] … [deployment, rollback] …`).
 */
import { load } from 'js-yaml'
import { GATE_NAMES, type GateName } from '../types.js'

export interface ActionInput {
  name: string
  description: string
  default: string
  /** Inputs every gate shares carry no tag. */
  common: boolean
  /** Gate → the part of the description that concerns it. */
  perGate: Partial<Record<GateName, string>>
  boolean: boolean
}

const TAG = /\[([a-z, -]+)\]\s*/g

function splitDescription(description: string): {
  untagged: string
  perGate: Partial<Record<GateName, string>>
} {
  const perGate: Partial<Record<GateName, string>> = {}
  const tags = [...description.matchAll(TAG)].filter(match =>
    match[1]!.split(',').every(name => (GATE_NAMES as readonly string[]).includes(name.trim()))
  )
  if (tags.length === 0) return { untagged: description.trim(), perGate }
  tags.forEach((match, i) => {
    const start = match.index! + match[0].length
    const end = i + 1 < tags.length ? tags[i + 1]!.index! : description.length
    const text = description.slice(start, end).trim()
    for (const name of match[1]!.split(',')) perGate[name.trim() as GateName] = text
  })
  return { untagged: description.slice(0, tags[0]!.index!).trim(), perGate }
}

export function parseActionInputs(actionYml: string): ActionInput[] {
  const action = load(actionYml) as { inputs?: Record<string, { description?: string; default?: unknown }> }
  return Object.entries(action.inputs ?? {}).map(([name, spec]) => {
    const description = String(spec.description ?? '')
    const { untagged, perGate } = splitDescription(description)
    const fallback = spec.default === undefined || spec.default === null ? '' : String(spec.default)
    return {
      name,
      description: untagged || description,
      default: fallback,
      common: Object.keys(perGate).length === 0,
      perGate,
      boolean: fallback === 'true' || fallback === 'false'
    }
  })
}

/** The inputs that apply to one gate: the common ones, then the gate's own. */
export function inputsForGate(inputs: readonly ActionInput[], gate: GateName): ActionInput[] {
  return [
    ...inputs.filter(input => input.common),
    ...inputs.filter(input => input.perGate[gate] !== undefined)
  ]
}

export function describeFor(input: ActionInput, gate: GateName | undefined): string {
  return (gate && input.perGate[gate]) || input.description
}
