import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import { readdirSync } from 'node:fs'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', '**/__fixtures__/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  // Layering: gates are pure (config + GateIO in, GateResult out). A gate imports src/kernel, src/rules,
  // src/inputs and the shared clients, never another gate (the rollout gate's use of the health gate's
  // analysis is the one declared seam), never the reporter, never @actions/* (the entry points own the runner).
  ...gateLayering(),
  {
    files: ['src/**/*.ts'],
    rules: { complexity: ['warn', 25] }
  }
)

function gateLayering() {
  const gates = readdirSync('src/gates', { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
  const seams = { rollout: ['health'] }
  return gates.map(gate => {
    const others = gates.filter(other => other !== gate && !(seams[gate] ?? []).includes(other))
    return {
      files: [`src/gates/${gate}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(gates/)?(${others.join('|')})(/|$)`,
                message: `A gate does not import another gate: move what ${gate} shares to src/kernel/.`
              },
              {
                regex: '^(\\.\\./)+report(/|$)',
                message: 'Gates return typed blocks; only src/report renders them.'
              },
              {
                group: ['@actions/*'],
                message: 'Gates reach the runner only through GateIO; the entry points own @actions/*.'
              }
            ]
          }
        ]
      }
    }
  })
}
