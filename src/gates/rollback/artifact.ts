import { httpRequest } from '../../http.js'
import { redactUrl } from '../../inputs.js'
import type { GitHubClient } from '../../github/client.js'
import type { Deployment } from '../../github/deployments.js'
import type { GateIO } from '../../types.js'
import { encodeUrlPart, expandTemplate } from './template.js'

/**
 * Whether a candidate's artifact still exists. `gone` moves the search to the next good deployment; `unknown`
 * (the store did not answer, or answered something other than yes or no) stops it: older candidates would be
 * checked against the same broken store, and guessing is how a rollback fails half-way.
 */
export type ArtifactVerdict =
  | { kind: 'present'; detail: string }
  | { kind: 'gone'; detail: string }
  | { kind: 'unknown'; detail: string }
  | { kind: 'unusable'; detail: string }

export interface ArtifactCheck {
  describe: string
  check(deployment: Deployment): Promise<ArtifactVerdict>
}

/** `artifact-check`: a URL that answers 2xx while the artifact exists, 404 or 410 once it is gone. */
export function urlArtifactCheck(template: string, io: GateIO, timeoutMs: number): ArtifactCheck {
  return {
    describe: `artifact-check ${redactUrl(template)}`,
    async check(deployment) {
      const url = expandTemplate(template, deployment, encodeUrlPart)
      if (!url.ok) return { kind: 'unusable', detail: `artifact-check cannot be filled in: ${url.problem}` }
      const shown = redactUrl(url.value)
      const response = await httpRequest(io, url.value, { timeoutMs })
      if (!response.ok) return { kind: 'unknown', detail: `${shown} gave no answer: ${response.message}` }
      if (response.status >= 200 && response.status < 300)
        return { kind: 'present', detail: `${shown} answered ${response.status}` }
      if (response.status === 404 || response.status === 410)
        return { kind: 'gone', detail: `${shown} answered ${response.status}` }
      return {
        kind: 'unknown',
        detail: `${shown} answered ${response.status}, expected 2xx (present) or 404/410 (gone)`
      }
    }
  }
}

interface ArtifactList {
  total_count?: number
  artifacts?: { id?: number; name?: string; expired?: boolean; expires_at?: string | null }[]
}

/**
 * `artifact-name`: a workflow artifact of this repository (GitHub's artifacts API, with the job's
 * `actions: read`), present while an artifact of exactly that name has not expired.
 */
export function githubArtifactCheck(
  template: string,
  github: GitHubClient,
  repository: string
): ArtifactCheck {
  const [owner, repo] = repository.split('/') as [string, string]
  return {
    describe: `workflow artifact ${template}`,
    async check(deployment) {
      const name = expandTemplate(template, deployment)
      if (!name.ok) return { kind: 'unusable', detail: `artifact-name cannot be filled in: ${name.problem}` }
      const list = await github.json<ArtifactList>(
        `listing workflow artifacts named ${name.value}`,
        'GET /repos/{owner}/{repo}/actions/artifacts',
        { owner, repo, name: name.value, per_page: 100 }
      )
      if (!Array.isArray(list.artifacts))
        return { kind: 'unknown', detail: `the artifacts API answered without an artifacts list` }
      const live = list.artifacts.filter(a => a.name === name.value && a.expired === false)
      if (live.length > 0)
        return {
          kind: 'present',
          detail: `workflow artifact ${name.value} (id ${live[0]!.id}) has not expired`
        }
      const expired = list.artifacts.some(a => a.name === name.value)
      return {
        kind: 'gone',
        detail: expired
          ? `workflow artifact ${name.value} has expired`
          : `no workflow artifact is named ${name.value}`
      }
    }
  }
}
