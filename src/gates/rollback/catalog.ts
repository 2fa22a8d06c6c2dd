/** The rollback gate's rules: what to roll back to, and whether rolling back is safe. */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('rollback', {
  'nothing-to-roll-back-to': {
    severity: 'error',
    category: 'target',
    title: 'No deployment to roll back to',
    help: 'Record deployments with `gate: deployment` (state success after a healthy release) so rollbacks have a target.'
  },
  'deployment-skipped': {
    severity: 'notice',
    category: 'target',
    title: 'A deployment record could not be used as a target',
    help: 'The record lacks what a rollback needs (a commit SHA, an object payload, or the value an artifact-check placeholder names); record deployments with `gate: deployment`.'
  },
  'artifact-gone': {
    severity: 'notice',
    category: 'artifact',
    title: "A candidate's artifact no longer exists",
    help: 'The next good deployment was considered instead. Keep release artifacts at least as long as you may roll back to them.'
  },
  'artifact-check-failed': {
    severity: 'error',
    category: 'artifact',
    title: "The target's artifact could not be confirmed",
    help: 'Redeploying a deleted artifact fails mid-rollback; check the artifact store (or the artifact-check URL), pick another target with `ref`, or restore the artifact.',
    aliases: ['artifact-missing']
  },
  'migrations-not-rollback-safe': {
    severity: 'warning',
    category: 'schema',
    title: 'Migrations applied since the target are not rollback-safe',
    help: 'Check the schema the rollback target expects, or roll forward with a fix instead.'
  }
})
