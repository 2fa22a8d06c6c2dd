/** `deploy-gates --help` and `deploy-gates <gate> --help`, written from the input declarations (src/inputs/). */
import { commonInputs, GATE_INTERFACES } from '../inputs/catalog.js'
import type { InputDeclaration } from '../inputs/declare.js'
import { GATE_NAMES, type GateName } from '../types.js'

const WIDTH = 100
const NAME_COLUMN = 30

/** Markdown in descriptions reads badly in a terminal: drop the backticks. */
function plain(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim()
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

function option(label: string, description: string): string {
  const lines = wrap(description, WIDTH - NAME_COLUMN)
  const first = `  ${label}`.padEnd(NAME_COLUMN)
  const head = first.length > NAME_COLUMN ? `${first}\n${' '.repeat(NAME_COLUMN)}` : first
  return head + lines.join(`\n${' '.repeat(NAME_COLUMN)}`)
}

function inputOption(input: InputDeclaration): string {
  const label = input.kind === 'boolean' ? `--${input.name}` : `--${input.name} <value>`
  let description = plain(input.description)
  if (input.default && !input.default.includes('${{')) description += ` (default: ${input.default})`
  if (input.name === 'github-token') description += ' (default: $GITHUB_TOKEN)'
  if (input.actionOnly) description += ' (action only: the CLI accepts it and ignores it)'
  return option(label, description)
}

const TRAILER = [
  'Output options:',
  option(
    '--json',
    'Print the JSON report (the same as the action writes) instead of the human-readable report.'
  ),
  option('-h, --help', 'Show this help.'),
  option('-V, --version', 'Show the version.'),
  '',
  'Exit codes: 0 passed, 1 the gate failed or could not run, 2 usage error.',
  'Colour is used on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 forces it.'
]

export function renderHelp(gate?: GateName): string {
  const lines: string[] = []
  if (!gate) {
    lines.push(
      'usage: deploy-gates <gate> [--<input> <value>]... [--json]',
      '',
      ...wrap(
        `Runs one deploy gate locally, exactly as the GitHub Action does. Gates: ${GATE_NAMES.join(', ')}.`,
        WIDTH
      ),
      "Options are the action's inputs; `deploy-gates <gate> --help` lists a gate's own.",
      '',
      'example:',
      '  deploy-gates env --schema .env.example --env-files .env.staging,.env.production',
      '',
      'Common options:'
    )
    for (const input of commonInputs) lines.push(inputOption(input))
  } else {
    lines.push(
      `usage: deploy-gates ${gate} [--<input> <value>]... [--json]`,
      '',
      ...wrap(GATE_INTERFACES[gate].description, WIDTH),
      '',
      `Options of the ${gate} gate:`
    )
    for (const input of GATE_INTERFACES[gate].inputs) lines.push(inputOption(input))
    lines.push('', 'Common options:')
    for (const input of commonInputs) lines.push(inputOption(input))
  }
  lines.push('', ...TRAILER)
  return lines.join('\n') + '\n'
}
