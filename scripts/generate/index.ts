/**
 * Every generated file, by path: what `npm run generate` writes and `npm run generate:check` compares.
 * Files that live inside a hand-written one (the README's inputs block) are spliced between markers.
 */
import { loadCatalog } from '../../src/rules/registry.js'
import { GATE_NAMES } from '../../src/types.js'
import { gateActionYml, rootActionYml } from './action-files.js'
import { inputsReference, readmeInputsBlock } from './reference.js'
import { rulesPage } from './rules.js'

export interface GeneratedFile {
  path: string
  content: string
  /** Replace only the text between these markers of the existing file. */
  between?: [string, string]
}

export async function generatedFiles(): Promise<GeneratedFile[]> {
  return [
    { path: 'action.yml', content: rootActionYml() },
    ...GATE_NAMES.map(gate => ({ path: `actions/${gate}/action.yml`, content: gateActionYml(gate) })),
    { path: 'docs/reference/inputs.md', content: inputsReference() },
    ...(await Promise.all(
      GATE_NAMES.map(async gate => ({
        path: `docs/rules/${gate}.md`,
        content: rulesPage(gate, await loadCatalog(gate))
      }))
    )),
    {
      path: 'README.md',
      content: readmeInputsBlock(),
      between: ['<!-- inputs:start -->', '<!-- inputs:end -->']
    }
  ]
}
