// Adversarial cases of the migration gate's shadow replay (issue 11): the user's migrate command never reaches
// a shell, never runs past its timeout, never leaks the runner's secrets into the report, and a replay that
// cannot run is never a pass when the user asked for it.
import type { AdversarialCase } from './harness.js'
import { adversarialSuite } from './harness.js'

const knexProject = {
  'knexfile.cjs':
    "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './migrations' } }\n",
  'migrations/20240101000000_users.js':
    "exports.up = knex => knex.schema.createTable('users', t => { t.bigIncrements('id') })\nexports.down = knex => knex.schema.dropTable('users')\n"
}

const cases: AdversarialCase[] = [
  {
    id: 'git-injection/shadow-command-shell-metacharacters',
    class: 'git-injection',
    inputs: { gate: 'migrations', 'shadow-command': 'npx knex migrate:latest; touch pwned' },
    files: knexProject,
    expect: 'fail',
    message: /input 'shadow-command' is run without a shell: ';' would not mean what it does in one/,
    mustNotExist: ['pwned']
  },
  {
    id: 'git-injection/shadow-command-substitution',
    class: 'git-injection',
    inputs: { gate: 'migrations', 'shadow-command': 'node $(touch pwned)' },
    files: knexProject,
    expect: 'fail',
    message: /input 'shadow-command' is run without a shell: '\$'/,
    mustNotExist: ['pwned']
  },
  {
    id: 'timeout/shadow-command-never-finishes',
    class: 'timeout',
    inputs: {
      gate: 'migrations',
      'shadow-command': 'node -e "setTimeout(() => {}, 600000)"',
      'shadow-timeout': '2s'
    },
    files: knexProject,
    expect: 'fail',
    message: /did not finish within 2s \(shadow-timeout\)/,
    deadlineMs: 40_000
  },
  {
    id: 'secrets/shadow-command-prints-a-runner-secret',
    class: 'secrets',
    inputs: {
      gate: 'migrations',
      'shadow-command': 'node -e "console.error(process.env.DEPLOY_TOKEN); process.exit(2)"'
    },
    env: { DEPLOY_TOKEN: 'canary-deploy-token-4711' },
    files: knexProject,
    expect: 'fail',
    secrets: ['canary-deploy-token-4711'],
    deadlineMs: 40_000
  },
  {
    id: 'fail-open/shadow-required-but-runtime-missing',
    class: 'fail-open',
    inputs: { gate: 'migrations', shadow: 'true' },
    files: knexProject,
    expect: 'fail',
    message: /needs knex in node_modules \(npm ci\)/
  }
]

adversarialSuite('migrations', cases)
