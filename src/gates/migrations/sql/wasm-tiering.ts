import { setFlagsFromString } from 'node:v8'

// libpg_query's WebAssembly parser is large and a gate run parses each migration once: V8's optimising tier
// spends longer compiling the parser than it saves (on 5,000 migrations: ~1.4 s with tier-up, ~0.5 s with the
// baseline compiler alone). Set before the module is instantiated; it only changes how WebAssembly is compiled.
setFlagsFromString('--liftoff-only')
