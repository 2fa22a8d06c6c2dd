/** The GateIO of in-process gate tests: one definition, each suite's differences passed as overrides. */
import { gitRunner } from '../../src/runtime.js'
import type { GateIO, GitHubContext } from '../../src/types.js'

export type GateIOOverrides = Partial<Omit<GateIO, 'github'>> & { github?: Partial<GitHubContext> }

/**
 * Real clock, real git in `cwd`, a silent log, no environment and an empty GitHub context
 * (not in a workflow). `github` is merged field by field; every other override replaces its field.
 */
export function testGateIO(cwd: string, { github, ...overrides }: GateIOOverrides = {}): GateIO {
  return {
    cwd,
    env: {},
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    git: gitRunner(cwd),
    ...overrides,
    github: {
      token: '',
      apiUrl: '',
      serverUrl: '',
      repository: '',
      eventName: '',
      event: {},
      sha: '',
      ref: '',
      runId: '',
      ...github
    }
  }
}
