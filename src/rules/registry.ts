/**
 * Each gate's rule catalog (src/gates/<gate>/catalog.ts), loaded on demand so a run pays only for its gate's.
 * The record is complete by type: a new gate does not compile until its catalog is registered here.
 */
import type { GateName } from '../types.js'
import type { RuleCatalog } from './catalog.js'

const loaders: Record<GateName, () => Promise<RuleCatalog>> = {
  env: async () => (await import('../gates/env/catalog.js')).catalog,
  migrations: async () => (await import('../gates/migrations/catalog.js')).catalog,
  contract: async () => (await import('../gates/contract/catalog.js')).catalog,
  health: async () => (await import('../gates/health/catalog.js')).catalog,
  deployment: async () => (await import('../gates/deployment/catalog.js')).catalog,
  rollback: async () => (await import('../gates/rollback/catalog.js')).catalog,
  metrics: async () => (await import('../gates/metrics/catalog.js')).catalog,
  rollout: async () => (await import('../gates/rollout/catalog.js')).catalog,
  freeze: async () => (await import('../gates/freeze/catalog.js')).catalog
}

export async function loadCatalog(gate: GateName): Promise<RuleCatalog> {
  return loaders[gate]()
}
