import { loadCatalog } from '../rules/registry.js'
import type { InputDeclaration } from '../inputs/declare.js'
import type { Gate, GateName } from '../types.js'
import type { GateModules } from './modules.js'

/**
 * Each gate is loaded on demand, so a run pays start-up cost only for the gate it uses
 * (esbuild keeps these lazy inside the single bundle).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loaders: Record<GateName, () => Promise<Gate<any>>> = {
  env: async () => (await import('./env/index.js')).envGate,
  migrations: async () => (await import('./migrations/index.js')).migrationsGate,
  contract: async () => (await import('./contract/index.js')).contractGate,
  health: async () => (await import('./health/index.js')).healthGate,
  deployment: async () => (await import('./deployment/index.js')).deploymentGate,
  rollback: async () => (await import('./rollback/index.js')).rollbackGate,
  metrics: async () => (await import('./metrics/index.js')).metricsGate,
  rollout: async () => (await import('./rollout/index.js')).rolloutGate,
  freeze: async () => (await import('./freeze/index.js')).freezeGate
}

/** Each gate's declared inputs (its inputs.ts), for the defaults the pipeline fills in. */
const inputLoaders: Record<GateName, () => Promise<readonly InputDeclaration[]>> = {
  env: async () => (await import('./env/inputs.js')).inputs,
  migrations: async () => (await import('./migrations/inputs.js')).inputs,
  contract: async () => (await import('./contract/inputs.js')).inputs,
  health: async () => (await import('./health/inputs.js')).inputs,
  deployment: async () => (await import('./deployment/inputs.js')).inputs,
  rollback: async () => (await import('./rollback/inputs.js')).inputs,
  metrics: async () => (await import('./metrics/inputs.js')).inputs,
  rollout: async () => (await import('./rollout/inputs.js')).inputs,
  freeze: async () => (await import('./freeze/inputs.js')).inputs
}

/** Any gate's modules, each a lazy chunk of the bundle, loaded in parallel. */
export async function loadGateModules(name: GateName): Promise<GateModules> {
  const [gate, inputs, catalog] = await Promise.all([
    loaders[name](),
    inputLoaders[name](),
    loadCatalog(name)
  ])
  return { gate, inputs, catalog }
}
