/**
 * Every gate's declared inputs and outputs, in one table: what the CLI parses, what `npm run generate` writes
 * into action.yml, actions/<gate>/action.yml and docs/reference/. Static imports of small data modules only
 * (no gate code), so the CLI's start-up stays light.
 */
import * as contract from '../gates/contract/inputs.js'
import * as deployment from '../gates/deployment/inputs.js'
import * as env from '../gates/env/inputs.js'
import * as health from '../gates/health/inputs.js'
import * as metrics from '../gates/metrics/inputs.js'
import * as migrations from '../gates/migrations/inputs.js'
import * as rollback from '../gates/rollback/inputs.js'
import * as freeze from '../gates/freeze/inputs.js'
import * as rollout from '../gates/rollout/inputs.js'
import type { GateName } from '../types.js'
import { commonInputs, commonOutputs, gateInput } from './common.js'
import type { InputDeclaration, OutputDeclaration } from './declare.js'

export { commonInputs, commonOutputs, gateInput }

export interface GateInterface {
  /** One sentence: what the gate stops. */
  description: string
  /** The gate's own inputs (the common ones are not repeated). */
  inputs: readonly InputDeclaration[]
  outputs: readonly OutputDeclaration[]
}

export const GATE_INTERFACES: Record<GateName, GateInterface> = {
  env: {
    description:
      'Checks .env files and the job environment against a schema: missing keys, drift between environments, invalid values, leaked secrets.',
    ...env
  },
  migrations: {
    description:
      'Lints pending database migrations for locking and data-loss hazards, and compares them with the target database.',
    ...migrations
  },
  contract: {
    description:
      'Validates an OpenAPI document, diffs it against the base for breaking changes, and verifies a live service against it.',
    ...contract
  },
  health: {
    description:
      'Probes a release until it is ready, then verifies it over a window (status, body, headers, latency, TLS, Prometheus).',
    ...health
  },
  deployment: {
    description: 'Records a deployment and its status in the GitHub Deployments API.',
    ...deployment
  },
  rollback: {
    description: 'Finds the last good deployment to roll back to, and checks its artifact still exists.',
    ...rollback
  },
  metrics: {
    description: 'Computes the four DORA metrics from the GitHub deployment history of an environment.',
    ...metrics
  },
  rollout: {
    description:
      "Shifts traffic to a new version step by step (a command sets the split), runs the health gate's analysis at each step, and sends traffic back to the stable version when a step fails.",
    ...rollout
  },
  freeze: {
    description:
      'Stops deploys during freeze windows (dates, or cron schedules as GitLab deploy freezes), unless an override gives a reason.',
    ...freeze
  }
}

/** The inputs one gate reads: the common ones, then its own. */
export function inputsForGate(gate: GateName): readonly InputDeclaration[] {
  return [...commonInputs, ...GATE_INTERFACES[gate].inputs]
}

export function outputsForGate(gate: GateName): readonly OutputDeclaration[] {
  return [...commonOutputs, ...GATE_INTERFACES[gate].outputs]
}
