import * as core from '@actions/core'
import { loadGate } from './gates/registry.js'
import { configureFileAccess, fileAccessFromInputs } from './kernel/files.js'
import { actionInputSource, parseCommonInputs } from './inputs.js'
import { markActionFailed, reportToAction } from './report/action.js'
import { failureMessage } from './report/failure.js'
import { actionLogger, createRuntimeIO } from './runtime.js'
import type { GateName } from './types.js'

/**
 * The action's entry: parse inputs once, run one gate, hand the result to the reporter.
 * This is the only try/catch: any error, expected or not, fails the step with one line and no stack trace.
 */
export async function run(presetGate?: GateName): Promise<void> {
  try {
    const source = actionInputSource()
    const common = parseCommonInputs(source, process.cwd(), presetGate)
    if (common.githubToken) core.setSecret(common.githubToken)
    const io = createRuntimeIO(common.workingDirectory, common.githubToken, actionLogger)
    const gate = await loadGate(common.gate)
    const config = await gate.parseInputs(source, common, io)
    const result = await gate.run(config, io)
    await reportToAction(result, common, io)
  } catch (error) {
    markActionFailed(error)
    core.setFailed(failureMessage(error))
  }
}
