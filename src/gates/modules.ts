import type { InputDeclaration } from '../inputs/declare.js'
import type { RuleCatalog } from '../rules/catalog.js'
import type { Gate, GateName } from '../types.js'

/** What the pipeline needs of one gate: its code, its declared inputs and its rule catalog. */
export interface GateModules {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  gate: Gate<any>
  inputs: readonly InputDeclaration[]
  catalog: RuleCatalog
}

/**
 * How an entry point gets a gate's modules. The CLI and the root action load any gate on demand
 * (src/gates/registry.ts); a per-gate action's entry (dist/action-<gate>.js) imports its one gate statically,
 * so what it loads holds that gate and nothing of the others.
 */
export type LoadGateModules = (name: GateName) => Promise<GateModules>
