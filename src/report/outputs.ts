/**
 * Step outputs, through @actions/core's setOutput: the runner's file protocol with a random delimiter per
 * value, so no value can close its block early and forge another output.
 */
import * as core from '@actions/core'

/** Sets every output; throws (as core does) when GITHUB_OUTPUT names a missing file. */
export function setOutputs(outputs: Record<string, string>, env: Record<string, string | undefined>): void {
  // Outside a runner there is nowhere to put outputs (core would print a deprecated ::set-output command);
  // the verdict and report do not depend on them.
  if (!env.GITHUB_OUTPUT) return
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}
