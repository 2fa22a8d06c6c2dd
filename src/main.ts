import * as core from '@actions/core'
import { actionInputSource } from './inputs.js'
import { runGate } from './pipeline.js'
import { markActionFailed, reportToAction } from './report/action.js'
import { failureMessage } from './report/failure.js'
import { defaultReportPath, workflowFile } from './report/files.js'
import { actionLogger } from './runtime.js'
import type { LoadGateModules } from './gates/modules.js'
import type { GateName } from './types.js'

export interface ActionEntry {
  /** Where the gate's modules come from: the registry (any gate) or one gate's static imports. */
  load: LoadGateModules
  /** Set by the per-gate actions (actions/<gate>/action.yml → dist/action-<gate>.js): no `gate` input there. */
  presetGate?: GateName
}

/**
 * The action's entry: run the pipeline with the runner's inputs, then show the run on the runner.
 * This is the only try/catch: any error, expected or not, fails the step with one line and no stack trace.
 */
export async function run({ load, presetGate }: ActionEntry): Promise<void> {
  try {
    const env = process.env
    const gateRun = await runGate({
      source: actionInputSource(env),
      cwd: process.cwd(),
      ...(presetGate ? { presetGate } : {}),
      load,
      env,
      log: actionLogger,
      mask: core.setSecret,
      defaultReportPath: gate => defaultReportPath(gate, env),
      ...(workflowFile(env) ? { fallbackFile: workflowFile(env) } : {})
    })
    await reportToAction(gateRun)
  } catch (error) {
    markActionFailed(error)
    core.setFailed(failureMessage(error))
  }
}
