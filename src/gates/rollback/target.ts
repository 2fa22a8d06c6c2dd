import {
  isDrill,
  releaseOutcome,
  rollbackOf,
  type Deployment,
  type DeploymentsClient,
  type DeploymentStatus
} from '../../github/deployments.js'
import type { Finding } from '../../types.js'
import type { ArtifactCheck } from './artifact.js'
import { catalog } from './catalog.js'

/** How many earlier deployments may have their statuses read (one call each). */
export const MAX_CANDIDATES = 100
/** Pages of 100 deployments searched, newest first. */
export const MAX_PAGES = 10
/** Artifact checks before the search gives up (each a request to the artifact store). */
export const MAX_ARTIFACT_CHECKS = 10

export interface Candidate {
  /** Undefined for an entry the API sent that is not a usable deployment. */
  deployment?: Deployment
  id?: number
  /** The states it reached, oldest first (`success → inactive`). */
  reached?: string
  verdict: string
}

export interface Search {
  current?: Deployment
  target?: Deployment
  considered: Candidate[]
  findings: Finding[]
  inspected: number
  /** Why the search stopped before running out of history (a limit, an artifact store that did not answer). */
  stoppedBy?: string
}

export interface SearchOptions {
  environment: string
  ref?: string
  artifact?: ArtifactCheck
  /** Payload keys a target must carry (e.g. the artifact's identity); candidates without them are skipped. */
  requirePayload?: readonly string[]
}

/**
 * The newest deployment, other than the current one, that is safe to redeploy: it reached success and no
 * failure after it, it is not a rollback drill, it was never rolled back away from (directly, or its commit in a
 * later deployment; followed through `payload.rollback_of` chains), it is not the current commit, and its
 * artifact still exists. Newest first, so every rollback is seen before the deployment it reverted.
 */
export async function findTarget(client: DeploymentsClient, options: SearchOptions): Promise<Search> {
  const search: Search = { considered: [], findings: [], inspected: 0 }
  const pulledIds = new Map<number, number>()
  const pulledShas = new Map<string, number>()
  let artifactChecks = 0

  const skip = (deployment: Deployment | undefined, id: number | undefined, reason: string) => {
    search.considered.push({
      ...(deployment ? { deployment } : {}),
      ...(id !== undefined ? { id } : {}),
      verdict: `skipped: ${reason}`
    })
    search.findings.push(
      catalog.finding('deployment-skipped', {
        message: `deployment ${id ?? '(no id)'} of ${options.environment} was skipped: ${reason}`
      })
    )
  }

  for await (const page of client.listDeployments(options.environment, MAX_PAGES)) {
    for (const entry of page.skipped) skip(undefined, entry.id, entry.reason)
    for (const deployment of page.deployments) {
      const revertedBy = pulledIds.get(deployment.id)
      if (revertedBy !== undefined && !pulledShas.has(deployment.sha))
        pulledShas.set(deployment.sha, revertedBy)
      const reverts = rollbackOf(deployment)
      // A drill rolls back a healthy release on purpose: that release was not pulled.
      if (reverts !== undefined && !isDrill(deployment) && !pulledIds.has(reverts))
        pulledIds.set(reverts, deployment.id)

      const note = (verdict: string, extra: Partial<Candidate> = {}) =>
        search.considered.push({ deployment, id: deployment.id, verdict, ...extra })
      if (!search.current) {
        search.current = deployment
        note(reverts === undefined ? 'current deployment' : `current deployment (a rollback of ${reverts})`)
        continue
      }
      if (isDrill(deployment)) {
        note('rollback drill: never a target on its own account')
        continue
      }
      if (revertedBy !== undefined) {
        note(`rolled back by deployment ${revertedBy}`)
        continue
      }
      const shaPulledBy = pulledShas.get(deployment.sha)
      if (shaPulledBy !== undefined) {
        note(`its commit was rolled back later (deployment ${shaPulledBy})`)
        continue
      }
      if (options.ref !== undefined) {
        const ref = options.ref
        const matches =
          deployment.ref === ref || (ref.length >= 7 && deployment.sha.startsWith(ref.toLowerCase()))
        if (!matches) continue
      } else if (deployment.sha === search.current.sha) {
        note('same commit as the current deployment')
        continue
      }
      if (deployment.payloadProblem) {
        skip(deployment, deployment.id, deployment.payloadProblem)
        continue
      }
      const lacking = (options.requirePayload ?? []).filter(key => {
        const value = deployment.payload[key]
        return value === undefined || value === null || value === ''
      })
      if (lacking.length > 0) {
        skip(deployment, deployment.id, `its payload lacks ${lacking.join(', ')} (require-payload)`)
        continue
      }
      if (search.inspected >= MAX_CANDIDATES) {
        search.stoppedBy = `the limit of ${MAX_CANDIDATES} candidates whose statuses are read`
        return search
      }
      search.inspected++
      const statuses = await client.listStatuses(deployment.id)
      const reached = describeReached(statuses)
      const outcome = releaseOutcome(statuses)
      if (outcome !== 'good') {
        note(outcome === 'failed' ? 'failed' : 'never finished', { reached })
        continue
      }
      if (!options.artifact) {
        note('rollback target', { reached })
        search.target = deployment
        return search
      }
      if (artifactChecks >= MAX_ARTIFACT_CHECKS) {
        search.stoppedBy = `the limit of ${MAX_ARTIFACT_CHECKS} artifact checks`
        return search
      }
      artifactChecks++
      const artifact = await options.artifact.check(deployment)
      switch (artifact.kind) {
        case 'present':
          note(`rollback target (${artifact.detail})`, { reached })
          search.target = deployment
          return search
        case 'gone':
          note(`artifact gone: ${artifact.detail}`, { reached })
          search.findings.push(
            catalog.finding('artifact-gone', {
              message: `the artifact of deployment ${deployment.id} (${deployment.ref}) is gone (${artifact.detail}); trying the next good deployment`
            })
          )
          continue
        case 'unusable':
          skip(deployment, deployment.id, artifact.detail)
          continue
        case 'unknown':
          note(`artifact not confirmed: ${artifact.detail}`, { reached })
          search.findings.push(
            catalog.finding('artifact-check-failed', {
              message: `the artifact of deployment ${deployment.id} (${deployment.ref}) could not be confirmed: ${artifact.detail}`
            })
          )
          search.stoppedBy = `the artifact check of deployment ${deployment.id}`
          return search
      }
    }
  }
  return search
}

function describeReached(statuses: readonly DeploymentStatus[]): string {
  return [...statuses]
    .reverse()
    .map(s => s.state)
    .join(' → ')
}
