// Writes README.md's inputs/outputs tables (between <!-- inputs:start --> and <!-- inputs:end -->) from
// action.yml, so the documentation cannot drift from the interface.
//   node scripts/readme-inputs.mjs --write   update README.md
//   node scripts/readme-inputs.mjs --check   exit 1 when README.md is stale (CI)
import { readFileSync, writeFileSync } from 'node:fs'
import { load } from 'js-yaml'
import * as prettier from 'prettier'

const START = '<!-- inputs:start -->'
const END = '<!-- inputs:end -->'
const README = 'README.md'

const mode = process.argv[2]
if (mode !== '--write' && mode !== '--check') {
  console.error('usage: node scripts/readme-inputs.mjs --write | --check')
  process.exit(2)
}

/** One table cell: one line, pipes escaped (descriptions already use markdown, so it is kept). */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

function code(text) {
  return text === '' ? '' : `\`${text.replace(/`/g, '')}\``
}

const action = load(readFileSync('action.yml', 'utf8'))
const inputs = Object.entries(action.inputs ?? {}).map(
  ([name, spec]) =>
    `| ${code(name)} | ${cell(spec.description ?? '')} | ${code(spec.default === undefined ? '' : String(spec.default))} | ${spec.required ? 'yes' : 'no'} |`
)
const outputs = Object.entries(action.outputs ?? {}).map(
  ([name, spec]) => `| ${code(name)} | ${cell(spec.description ?? '')} |`
)
const table = [
  '### Inputs',
  '',
  'A `[gate]` tag says which gates read an input; untagged inputs are shared by every gate.',
  '',
  '| Input | Description | Default | Required |',
  '| --- | --- | --- | --- |',
  ...inputs,
  '',
  '### Outputs',
  '',
  '| Output | Description |',
  '| --- | --- |',
  ...outputs,
  ''
].join('\n')

// Formatted as `prettier --check .` expects, so the lint step and this check agree.
const options = { ...(await prettier.resolveConfig(README)), parser: 'markdown' }
const generated = (await prettier.format(table, options)).trim()

const readme = readFileSync(README, 'utf8')
const start = readme.indexOf(START)
const end = readme.indexOf(END)
if (start < 0 || end < start) {
  console.error(`${README}: markers ${START} … ${END} not found`)
  process.exit(1)
}
const current = readme.slice(start + START.length, end).trim()
if (current === generated) {
  if (mode === '--check') console.log(`${README}: inputs table matches action.yml`)
  process.exit(0)
}
if (mode === '--check') {
  const have = current.split('\n')
  const want = generated.split('\n')
  const line = want.findIndex((text, i) => text !== have[i])
  console.error(
    `${README}: the inputs table does not match action.yml (first difference at table line ${line + 1}):`
  )
  console.error(`  README:     ${have[line] ?? '(missing)'}`)
  console.error(`  action.yml: ${want[line] ?? '(nothing)'}`)
  console.error("Run 'npm run docs' and commit README.md.")
  process.exit(1)
}
writeFileSync(README, `${readme.slice(0, start + START.length)}\n\n${generated}\n\n${readme.slice(end)}`)
console.log(`${README}: inputs table updated from action.yml`)
