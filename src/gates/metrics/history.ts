import {
  isDrill,
  rollbackOf,
  type Deployment,
  type DeploymentsClient,
  type SkippedDeployment
} from '../../github/deployments.js'
import type { History } from './dora.js'
import { mapLimit } from '../../kernel/pool.js'

/**
 * Reads every deployment of the window (newest first, page after page, until one is older than the window or
 * the list ends), their statuses and the commit time of each successful change. When `maxDeployments` stops
 * the reading first, the history says exactly how far back it reaches, and the metrics are computed over that
 * span, never over a window the data does not cover.
 */
export interface ReadHistory {
  histories: History[]
  skipped: SkippedDeployment[]
  /** Commits GitHub no longer has (422/404 on GET /commits): sha → why. */
  missingCommits: Map<string, string>
  /** Set when `maxDeployments` was reached before the window's start: the creation time of the oldest read. */
  sampledSince?: number
  /** API calls made, for the scope line. */
  calls: { pages: number; statuses: number; commits: number }
}

export const CONCURRENCY = 8

export async function readHistory(
  client: DeploymentsClient,
  environment: string,
  since: number,
  maxDeployments: number
): Promise<ReadHistory> {
  const deployments: Deployment[] = []
  const skipped: SkippedDeployment[] = []
  let sampledSince: number | undefined
  let pages = 0
  // One page more than the cap needs, to learn whether the window goes on past it.
  const maxPages = Math.ceil(maxDeployments / 100) + 1
  reading: for await (const page of client.listDeployments(environment, maxPages)) {
    pages++
    skipped.push(...page.skipped)
    for (const deployment of page.deployments) {
      const created = Date.parse(deployment.created_at)
      if (created < since) break reading
      if (deployments.length >= maxDeployments) {
        sampledSince = Date.parse(deployments[deployments.length - 1]!.created_at)
        break reading
      }
      deployments.push(deployment)
    }
  }
  const statuses = await mapLimit(deployments, CONCURRENCY, d => client.listStatuses(d.id))

  // Lead time needs the commit of every successful change (drills and rollbacks are not changes).
  const shas = [
    ...new Set(
      deployments
        .filter(
          (d, i) =>
            rollbackOf(d) === undefined && !isDrill(d) && statuses[i]!.some(s => s.state === 'success')
        )
        .map(d => d.sha)
    )
  ]
  const commitTimes = new Map<string, number>()
  const missingCommits = new Map<string, string>()
  await mapLimit(shas, CONCURRENCY, async sha => {
    const commit = await client.commitTime(sha)
    if ('time' in commit) commitTimes.set(sha, Date.parse(commit.time))
    else missingCommits.set(sha, commit.missing)
  })

  return {
    histories: deployments.map((deployment, i) => ({
      deployment,
      statuses: statuses[i]!,
      ...(commitTimes.has(deployment.sha) ? { commitTime: commitTimes.get(deployment.sha)! } : {})
    })),
    skipped,
    missingCommits,
    ...(sampledSince !== undefined ? { sampledSince } : {}),
    calls: { pages, statuses: deployments.length, commits: shas.length }
  }
}
