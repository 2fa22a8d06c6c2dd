/**
 * The root action (action.yml, `gate:` an input). When `gate` names a gate, the run is that gate's own bundle,
 * dist/action-<gate>.js, the one the per-gate action runs: a module graph with that gate alone, a few files
 * to load instead of the common core's many chunks plus the gate's (bench/env.mjs, start-up). The per-gate
 * bundle ignores the `gate` input, so both paths run the same gate with the same inputs. Anything else
 * (no gate, a misspelt one) takes the generic path, whose pipeline reports the input as it always has.
 */
import { GATE_NAMES, type GateName } from './types.js'

const named = process.env['INPUT_GATE']?.trim()
const gate = GATE_NAMES.find((name: GateName) => name === named)
if (gate) {
  // A URL, not a literal: the per-gate bundles are built apart from this one (scripts/build.mjs).
  await import(new URL(`./action-${gate}.js`, import.meta.url).href)
} else {
  const [{ run }, { loadGateModules }] = await Promise.all([
    import('./main.js'),
    import('./gates/registry.js')
  ])
  await run({ load: loadGateModules })
}
