/**
 * Command-line parsing: `deploy-gates <gate> --<input> value …`. Option names are the action's input names;
 * anything else is a usage error that names the flag and suggests the closest input.
 */
import { UserError } from '../errors.js'
import { GATE_NAMES, type GateName } from '../types.js'
import { GATE_INTERFACES, inputsForGate } from '../inputs/catalog.js'
import { closest } from '../kernel/closest.js'

/** Wrong invocation: exit code 2. */
export class UsageError extends UserError {
  override name = 'UsageError'
}

/** Options of the CLI itself, not inputs of the action. */
export const CLI_FLAGS = ['json', 'help', 'version'] as const

export type CliCommand =
  | { kind: 'help'; gate?: GateName }
  | { kind: 'version' }
  | { kind: 'run'; gate: GateName; values: Record<string, string>; json: boolean }

function parseGate(word: string): GateName {
  if ((GATE_NAMES as readonly string[]).includes(word)) return word as GateName
  const guess = closest(word, GATE_NAMES)
  throw new UsageError(
    `unknown gate '${word}'${guess ? `; did you mean '${guess}'?` : ''} (gates: ${GATE_NAMES.join(', ')})`
  )
}

function unknownFlag(flag: string, gate: GateName, allowed: readonly string[]): UsageError {
  const owners = GATE_NAMES.filter(other => GATE_INTERFACES[other].inputs.some(input => input.name === flag))
  if (owners.length) {
    const gates = owners.join(', ')
    return new UsageError(
      `--${flag} is an input of the ${gates} gate${gates.includes(',') ? 's' : ''}, not of ${gate}`
    )
  }
  const guess = closest(flag, allowed)
  return new UsageError(`unknown option --${flag}${guess ? `; did you mean --${guess}?` : ''}`)
}

/** `--no-<boolean input>` with no value: the input set to false. */
function isNegatedBoolean(
  name: string,
  inline: string | undefined,
  byName: ReadonlyMap<string, { kind: string }>
): boolean {
  return (
    inline === undefined &&
    !byName.has(name) &&
    name.startsWith('no-') &&
    byName.get(name.slice(3))?.kind === 'boolean'
  )
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const words = [...argv]
  const wantsHelp = words.some(word => word === '--help' || word === '-h')
  if (words.some(word => word === '--version' || word === '-V')) return { kind: 'version' }
  const first = words[0]
  if (first === undefined || first.startsWith('-')) {
    if (wantsHelp) return { kind: 'help' }
    throw new UsageError(
      first === undefined
        ? 'name a gate: deploy-gates <gate> [options]'
        : `the gate comes first: deploy-gates <gate> ${first}`
    )
  }
  const gate = parseGate(first)
  if (wantsHelp) return { kind: 'help', gate }

  const inputs = inputsForGate(gate)
  const byName = new Map(inputs.map(input => [input.name, input]))
  const allowed = [...inputs.map(input => input.name), ...CLI_FLAGS]
  const values: Record<string, string> = {}
  let json = false
  const set = (name: string, value: string) => {
    // A repeated option adds a line, as a multi-line input would in YAML.
    values[name] = values[name] === undefined ? value : `${values[name]}\n${value}`
  }

  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    if (!word.startsWith('--') || word === '--') throw new UsageError(`unexpected argument '${word}'`)
    const eq = word.indexOf('=')
    let name = eq > 0 ? word.slice(2, eq) : word.slice(2)
    let inline = eq > 0 ? word.slice(eq + 1) : undefined
    if (name === 'json') {
      if (inline !== undefined) throw new UsageError('--json takes no value')
      json = true
      continue
    }
    if (isNegatedBoolean(name, inline, byName)) {
      name = name.slice(3)
      inline = 'false'
    }
    const input = byName.get(name)
    if (!input) throw unknownFlag(name, gate, allowed)
    if (inline !== undefined) {
      set(name, inline)
      continue
    }
    const next = words[i + 1]
    if (input.kind === 'boolean') {
      // A bare boolean flag means true; it takes the next word only when that is a boolean.
      if (next !== undefined && /^(true|false|yes|no|on|off|1|0)$/i.test(next)) set(name, words[++i]!)
      else set(name, 'true')
      continue
    }
    if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`)
    set(name, words[++i]!)
  }
  return { kind: 'run', gate, values, json }
}
