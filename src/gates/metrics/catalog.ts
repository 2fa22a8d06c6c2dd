/** The metrics gate's rules: notes on what the DORA figures could and could not be computed from. */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('metrics', {
  'no-deployments': {
    severity: 'notice',
    category: 'history',
    title: 'No deployments in the window',
    help: 'Record deployments with `gate: deployment` in the deploy workflow.'
  },
  'history-sampled': {
    severity: 'notice',
    category: 'history',
    title: 'Only part of the window was analysed',
    help: 'Raise `max-deployments` to analyse the whole window (each deployment costs one API call, each distinct commit one more).',
    aliases: ['history-truncated']
  },
  'deployment-skipped': {
    severity: 'notice',
    category: 'history',
    title: 'A deployment record could not be read',
    help: 'The record lacks a commit SHA or a creation time; it is left out of the four keys.'
  },
  'commit-missing': {
    severity: 'notice',
    category: 'history',
    title: 'A deployed commit is no longer in the repository',
    help: 'Force-pushed or deleted commits have no time, so their deployments count for frequency and failure rate but not for lead time.'
  }
})
