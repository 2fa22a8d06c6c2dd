/** The env gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'

export const inputs = defineInputs({
  schema: {
    kind: 'path',
    default: '',
    description:
      'What must be set: a `.env.example`-style file (every key required) or a YAML schema with per-variable `required`, `type`, `pattern`, `values`, `secret`, `parity`.'
  },
  'env-files': {
    kind: 'list',
    default: '',
    description:
      'Newline- or comma-separated `.env` files to check, e.g. `.env.staging` and `.env.production`.'
  },
  environment: {
    kind: 'list',
    default: '',
    description:
      'Environment whose rules apply: one name, or one per env file. Empty: derived from each file name (`.env.production` → `production`).'
  },
  'check-process-env': {
    kind: 'boolean',
    default: 'false',
    description:
      "Also validate the job's own environment, where CI secrets are injected (values are never printed)."
  }
})

export const outputs = defineOutputs({})
