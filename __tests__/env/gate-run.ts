/** Runs the env gate in-process, the way main.ts does (parse inputs, then run), with real files and real git. */
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { envGate } from '../../src/gates/env/index.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import type { Finding, GateIO, GateResult } from '../../src/types.js'
import { testGateIO } from '../helpers/gate-io.js'

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '__fixtures__',
  'env'
)

/** The env gate works offline and never waits: sleep returns at once. */
export function testIO(cwd: string, env: Record<string, string | undefined> = {}): GateIO {
  return testGateIO(cwd, {
    env,
    sleep: async () => {}
  })
}

export async function runEnv(
  cwd: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Promise<GateResult> {
  const source = mapInputSource({ ...inputs, gate: 'env' })
  const common = parseCommonInputs(source, cwd)
  const io = testIO(cwd, env)
  const config = await envGate.parseInputs(source, common, io)
  return envGate.run(config, io)
}

/** `rule file:line:column` for compact, exact assertions. */
export function located(findings: Finding[], rule?: string): string[] {
  return findings
    .filter(finding => rule === undefined || finding.rule === rule)
    .map(f => `${f.rule} ${f.file ?? '-'}${f.line ? `:${f.line}` : ''}${f.column ? `:${f.column}` : ''}`)
}
