import { InputError } from '../../errors.js'
import { getDuration, getList, getString, parseHttpUrl } from '../../inputs.js'
import type { Gate, GateIO, GateResult, ResultBlock } from '../../types.js'
import {
  deploymentsClient,
  getEnvironment,
  requireToken,
  type GitHubAccess
} from '../../github/deployments.js'
import { githubArtifactCheck, urlArtifactCheck, type ArtifactCheck } from './artifact.js'
import { catalog } from './catalog.js'
import { checkMigrations } from './migrations.js'
import { findTarget, MAX_CANDIDATES, type Candidate } from './target.js'
import { validateTemplate } from './template.js'

export { expandTemplate } from './template.js'
export { MAX_CANDIDATES } from './target.js'

/**
 * What to roll back to: the newest earlier deployment of the environment that is safe to redeploy (see
 * target.ts), optionally with its artifact confirmed, and whether the migrations applied since allow it.
 */
export interface RollbackConfig {
  access: GitHubAccess
  environment: string
  /** Roll back to this ref or SHA instead of the last good deployment. */
  ref?: string
  /** URL template; `{sha}`, `{ref}`, `{payload.<key>}` are substituted. */
  artifactCheck?: string
  /** Workflow artifact name template, checked through GitHub's artifacts API (`actions: read`). */
  artifactName?: string
  migrationsReport?: string
  requestTimeoutMs: number
  requirePayload: string[]
}

const TITLE = 'Rollback target'

export const rollbackGate: Gate<RollbackConfig> = {
  name: 'rollback',
  title: TITLE,
  parseInputs(source, common, io) {
    const access = requireToken(source, common, io, 'to read deployments')
    const artifactCheck = source.get('artifact-check')
    const artifactName = source.get('artifact-name')
    if (artifactCheck && artifactName) {
      throw new InputError(
        `${source.describe('artifact-check')} and ${source.describe('artifact-name')} are two ways to check the same artifact: give one`
      )
    }
    if (artifactCheck) {
      validateTemplate(artifactCheck, source.describe('artifact-check'))
      // The template's shape, with placeholders filled by something URL-safe.
      parseHttpUrl(artifactCheck.replace(/\{[^}]*\}/g, 'x'), source.describe('artifact-check'))
    }
    if (artifactName) validateTemplate(artifactName, source.describe('artifact-name'))
    const ref = source.get('ref')
    return {
      access,
      environment: getEnvironment(source),
      ...(ref ? { ref } : {}),
      ...(artifactCheck ? { artifactCheck } : {}),
      ...(artifactName ? { artifactName } : {}),
      ...(source.get('migrations-report')
        ? { migrationsReport: getString(source, 'migrations-report') }
        : {}),
      requestTimeoutMs: getDuration(source, 'request-timeout', '10s'),
      requirePayload: getList(source, 'require-payload')
    }
  },
  run: runRollback
}

async function runRollback(config: RollbackConfig, io: GateIO): Promise<GateResult> {
  const client = deploymentsClient(io, config.access)
  let artifact: ArtifactCheck | undefined
  if (config.artifactCheck) artifact = urlArtifactCheck(config.artifactCheck, io, config.requestTimeoutMs)
  else if (config.artifactName)
    artifact = githubArtifactCheck(config.artifactName, client.github, client.repository)
  const search = await findTarget(client, {
    environment: config.environment,
    ...(config.ref !== undefined ? { ref: config.ref } : {}),
    ...(artifact ? { artifact } : {}),
    requirePayload: config.requirePayload
  })
  const { current, target, considered } = search
  const findings = [...search.findings]
  const outputs: Record<string, string> = {}

  if (!target && !findings.some(f => f.rule === 'artifact-check-failed')) {
    const searched = search.stoppedBy
      ? `stopped by ${search.stoppedBy}`
      : `searched ${considered.length - (current ? 1 : 0)} earlier deployment(s), ${search.inspected} with statuses`
    findings.push(
      catalog.finding('nothing-to-roll-back-to', {
        message: config.ref
          ? `no good deployment of '${config.ref}' to ${config.environment} was found (${searched})`
          : current
            ? `no earlier good deployment of ${config.environment} to roll back to (${searched})`
            : `no deployment of ${config.environment} was ever recorded, so there is nothing to roll back to`
      })
    )
  }
  if (target) {
    Object.assign(outputs, {
      ref: target.ref,
      sha: target.sha,
      payload: JSON.stringify(target.payload),
      'deployment-id': String(target.id)
    })
    io.log.info(`rollback target: deployment ${target.id} of ${target.ref} (${target.sha.slice(0, 12)})`)
  }
  if (config.migrationsReport) findings.push(...(await checkMigrations(config.migrationsReport, io)))

  return {
    gate: 'rollback',
    title: TITLE,
    findings,
    outputs,
    sections: [{ heading: 'Deployments considered', blocks: candidateTable(considered) }],
    scope: `${config.environment}: ${considered.length} deployment(s) considered${search.stoppedBy ? ` (stopped by ${search.stoppedBy})` : ''}`,
    secrets: [],
    data: { target, current, limits: { candidates: MAX_CANDIDATES } }
  }
}

function candidateTable(considered: Candidate[]): ResultBlock[] {
  if (considered.length === 0) return [{ kind: 'text', text: 'No deployments recorded.' }]
  return [
    {
      kind: 'table',
      columns: ['Deployment', 'Ref', 'Commit', 'Created', 'States reached', 'Verdict'],
      align: ['right'],
      code: [1, 2],
      rows: considered.map(({ deployment: d, id, reached, verdict }) => [
        String(d?.id ?? id ?? ''),
        d?.ref ?? '',
        d?.sha.slice(0, 12) ?? '',
        d?.created_at ?? '',
        reached ?? '',
        verdict
      ])
    }
  ]
}
