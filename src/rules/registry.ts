/**
 * Each gate's rule catalog (src/gates/<gate>/catalog.ts), loaded on demand so a run pays only for its gate's.
 * A gate without a catalog yet has none here: its findings pass the policy unchanged, and a `rules` entry
 * for it is an input error (nothing could be checked against it). The catalog test lists such gates.
 */
import type { GateName } from '../types.js'
import type { RuleCatalog } from './catalog.js'

type CatalogLoader = () => Promise<RuleCatalog>

const loaders: Partial<Record<GateName, CatalogLoader>> = {
  migrations: async () => (await import('../gates/migrations/catalog.js')).catalog,
  contract: async () => (await import('../gates/contract/catalog.js')).catalog,
  deployment: async () => (await import('../gates/deployment/catalog.js')).catalog,
  rollback: async () => (await import('../gates/rollback/catalog.js')).catalog,
  rollout: async () => (await import('../gates/rollout/catalog.js')).catalog,
  freeze: async () => (await import('../gates/freeze/catalog.js')).catalog
}

export async function loadCatalog(gate: GateName): Promise<RuleCatalog | undefined> {
  return loaders[gate]?.()
}

/** Gates whose catalog does not exist yet (for the catalog test and docs generation). */
export function gatesWithoutCatalog(gates: readonly GateName[]): GateName[] {
  return gates.filter(gate => !loaders[gate])
}
