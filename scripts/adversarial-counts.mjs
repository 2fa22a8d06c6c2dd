// Prints the adversarial suite's case counts per class and per gate, from the files each suite writes
// (os.tmpdir()/deploy-gates-adversarial-counts) after `jest __tests__/adversarial`: the closing note's table.
import { readdirSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const dir = path.join(os.tmpdir(), 'deploy-gates-adversarial-counts')
const suites = readdirSync(dir)
  .filter(name => name.endsWith('.json'))
  .map(name => JSON.parse(readFileSync(path.join(dir, name), 'utf8')))
const gates = [...new Set(suites.map(suite => suite.gate))].sort()
const classes = [...new Set(suites.flatMap(suite => Object.keys(suite.perClass)))].sort()
const count = (gate, kind) =>
  suites.filter(suite => suite.gate === gate).reduce((sum, suite) => sum + (suite.perClass[kind] ?? 0), 0)
const rows = classes.map(kind => [
  kind,
  ...gates.map(gate => count(gate, kind)),
  gates.reduce((s, g) => s + count(g, kind), 0)
])
const totals = ['total', ...gates.map(gate => classes.reduce((s, k) => s + count(gate, k), 0))]
totals.push(totals.slice(1).reduce((a, b) => a + b, 0))
const table = [['class', ...gates, 'all'], ...rows, totals]
console.log(table.map(row => `| ${row.join(' | ')} |`).join('\n'))
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0)
const peak = Math.max(...suites.map(suite => suite.peak))
console.log(`\n${totals.at(-1)} cases in ${suites.length} suites; ${failed} failing; peak RSS ${peak} MB`)
