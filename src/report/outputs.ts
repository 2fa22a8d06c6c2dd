/**
 * Step outputs, written to the runner's GITHUB_OUTPUT file in the `name<<delimiter` blocks @actions/core's
 * setOutput writes, but without its random delimiter: core draws that from node:crypto, whose loading costs
 * more start-up time (6–12 ms) than the rest of the reporter. The random delimiter only keeps a value from
 * closing its block early and forging other outputs; a delimiter that occurs in no name and no value does the same.
 */
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

/** `ghadelimiter_deploy_gates`, numbered until it appears in none of `texts`. */
export function outputDelimiter(texts: string[]): string {
  let delimiter = 'ghadelimiter_deploy_gates'
  for (let n = 1; texts.some(text => text.includes(delimiter)); n++)
    delimiter = `ghadelimiter_deploy_gates_${n}`
  return delimiter
}

/** Appends every output in one write; throws (like core) when GITHUB_OUTPUT names a missing file. */
export function setOutputs(outputs: Record<string, string>, env: Record<string, string | undefined>): void {
  const file = env.GITHUB_OUTPUT
  // Outside a runner there is nowhere to put outputs; the verdict and report do not depend on them.
  if (!file) return
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  const entries = Object.entries(outputs)
  const delimiter = outputDelimiter(entries.flat())
  const text = entries
    .map(([name, value]) => `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`)
    .join('')
  appendFileSync(file, text, { encoding: 'utf8' })
}
