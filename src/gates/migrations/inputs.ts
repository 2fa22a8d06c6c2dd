/** The migrations gate's inputs and outputs (see src/inputs/declare.ts; `npm run generate` after a change). */
import { defineInputs, defineOutputs } from '../../inputs/declare.js'
import { TOOL_NAMES } from './tools/types.js'

export const inputs = defineInputs({
  'migrations-dir': {
    kind: 'path',
    default: '',
    description: "Directory holding the migrations. Empty: detected from the tool's usual layout."
  },
  tool: {
    kind: 'choice',
    choices: ['auto', ...TOOL_NAMES],
    default: 'auto',
    description: `Migration tool: ${['auto', ...TOOL_NAMES].map(name => `\`${name}\``).join(', ')}.`
  },
  'database-url': {
    kind: 'url',
    default: '',
    description:
      '`postgres://` URL of the target database, read only (a read-only role is enough). Empty: only the offline lint runs. The password is masked.'
  },
  'base-ref': {
    kind: 'string',
    default: '',
    description:
      "Lint only migrations added or changed since this git ref. Empty: the pull request's base, else all migrations."
  },
  dialect: {
    kind: 'choice',
    choices: ['postgres'],
    default: 'postgres',
    description: 'SQL dialect of the migrations. Only `postgres` is supported.'
  },
  allow: {
    kind: 'list',
    default: '',
    description:
      'Rule ids to downgrade one severity step (newline- or comma-separated). An alias kept for compatibility: `rules` with `rule-id: warning` says the same.'
  },
  'lock-timeout-rules': {
    kind: 'boolean',
    default: 'false',
    description:
      'Also flag lock-taking statements that run without a `lock_timeout` (noisy, so off by default).'
  },
  'history-table': {
    kind: 'string',
    default: '',
    description:
      "The tool's history table as `name` or `schema.name` when the project renamed it (Flyway `table`, knex `tableName`, Alembic `version_table`). Empty: the tool's default (Prisma: the `?schema=` of `database-url`)."
  },
  shadow: {
    kind: 'choice',
    choices: ['auto', 'true', 'false'],
    default: 'auto',
    description:
      "Shadow replay of code migrations (Rails, Django, Alembic, knex, Sequelize, TypeORM): run the project's migrate command against a scratch PostgreSQL and lint the SQL it sends. `auto`: when the tool's runtime is installed (else a warning); `true`: required; `false`: static reading only."
  },
  'shadow-command': {
    kind: 'string',
    default: '',
    description:
      "The migrate command the shadow replay runs, split into words and run without a shell (like a `run:` step of yours; no pipes or `$VAR`). Empty: the tool's usual command (`bin/rails db:migrate`, `python manage.py migrate`, `alembic upgrade head`, `npx knex migrate:latest`, …; see docs/gates/migrations.md)."
  },
  'shadow-database-url': {
    kind: 'url',
    default: '',
    description:
      'An **empty** PostgreSQL the shadow replay may write to (e.g. a `services: postgres` container). Empty: an embedded PGlite on loopback. Never your real database. The password is masked.'
  },
  'shadow-timeout': {
    kind: 'duration',
    default: '5m',
    description: 'Longest the shadow replay (all its migrate runs together) may take before the gate fails.'
  },
  drift: {
    kind: 'boolean',
    default: 'true',
    description:
      "With `database-url`: compare the database's schema (read only) with a shadow replay of its applied migrations and report each difference as `schema-drift`."
  }
})

export const outputs = defineOutputs({
  pending: 'Number of migrations this deploy will apply.',
  'pending-migrations': 'JSON list of the pending migrations, in order.',
  destructive: '`true` when a migration in scope drops or deletes data.',
  'rollback-safe': '`false` when the previous application version cannot run against the migrated schema.'
})
