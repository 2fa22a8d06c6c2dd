/** The inputs and outputs every gate shares (each gate's own are in src/gates/<gate>/inputs.ts). */
import { GATE_NAMES } from '../types.js'
import { defineInputs, defineOutputs } from './declare.js'

/** Only the root action has it: `actions/<gate>/action.yml` presets the gate. */
export const gateInput = defineInputs({
  gate: {
    kind: 'choice',
    choices: GATE_NAMES,
    required: true,
    description: `Which gate to run: ${GATE_NAMES.map(name => `\`${name}\``).join(', ')}.`
  }
})[0]!

export const commonInputs = defineInputs({
  'fail-on': {
    kind: 'choice',
    choices: ['error', 'warning', 'never'],
    default: 'error',
    description: 'Lowest finding severity that fails the step: `error`, `warning` or `never` (report only).'
  },
  rules: {
    kind: 'lines',
    description:
      "Change a rule's severity or turn it off: one `rule-id: error|warning|notice|off` a line, or the path of a file holding such lines. Rule ids are listed in docs/rules/."
  },
  'github-token': {
    kind: 'string',
    default: '${{ github.token }}',
    description:
      'Token for PR comments and the Deployments API. The default job token is enough; give `pull-requests: write` for comments and `deployments: write` for records.'
  },
  comment: {
    kind: 'boolean',
    default: 'true',
    actionOnly: true,
    description: 'Post one sticky comment per gate on `pull_request` events, updated in place on re-runs.'
  },
  'comment-key': {
    kind: 'string',
    default: '',
    actionOnly: true,
    description:
      'Keeps one sticky comment per gate and key (e.g. a service name: letters, digits, `.`, `_`, `-`, `/`, up to 64), so several calls of a gate on one pull request do not overwrite each other. Empty: one comment per gate.'
  },
  'working-directory': {
    kind: 'path',
    default: '.',
    description: 'Directory that relative paths are resolved against (and annotation paths are relative to).'
  },
  report: {
    kind: 'path',
    default: '',
    description:
      'Path of the JSON report of every finding. Empty: a file in `RUNNER_TEMP`. Its path is the `report` output.'
  },
  sarif: {
    kind: 'path',
    default: '',
    description:
      'Also write findings as SARIF 2.1.0 to this path, for `github/codeql-action/upload-sarif`. Empty: none.'
  },
  junit: {
    kind: 'path',
    default: '',
    description: 'Also write a JUnit XML report to this path (one test case per check). Empty: none.'
  },
  'allow-paths': {
    kind: 'list',
    default: '',
    description:
      'Directories outside the workspace whose files the gate may read (input files, `$ref` targets), one a line or comma-separated. Empty: only files whose real path (symbolic links resolved) is inside the workspace are read.'
  },
  'max-file-size': {
    kind: 'string',
    default: '',
    description:
      'Size limit of every input file, e.g. `80MB` or `512KB`. Empty: the default per kind of file (1 MB for env files, schemas and configs, 5 MB for migrations, 50 MB for API descriptions, 20 MB otherwise).'
  }
})

export const commonOutputs = defineOutputs({
  status: '`passed` or `failed`.',
  errors: 'Number of error findings.',
  warnings: 'Number of warning findings.',
  report: 'Path of the JSON report of every finding.'
})
