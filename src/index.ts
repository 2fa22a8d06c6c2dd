import { loadGateModules } from './gates/registry.js'
import { run } from './main.js'

// The root action (action.yml): the gate is an input, each gate's modules a lazy chunk.
await run({ load: loadGateModules })
