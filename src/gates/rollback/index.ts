import { FileError, InputError } from '../../errors.js'
import { readTextFile } from '../../files.js'
import { httpRequest } from '../../http.js'
import { getDuration, getString, parseHttpUrl, redactUrl } from '../../inputs.js'
import type { Finding, Gate, GateIO, GateResult, ResultBlock } from '../../types.js'
import {
  deploymentsClient,
  requireToken,
  type Deployment,
  type DeploymentsClient,
  type DeploymentStatus
} from '../../github/deployments.js'
import { getEnvironment } from '../deployment/index.js'

/**
 * What to roll back to: the newest deployment of the environment, other than the current one, whose latest
 * status says it succeeded. Deployments have no state filter, so each candidate's statuses are read, newest
 * deployment first, with a hard cap on how far back the search goes.
 */
export interface RollbackConfig {
  token: string
  environment: string
  /** Roll back to this ref or SHA instead of the last good deployment. */
  ref?: string
  /** URL template; `{sha}`, `{ref}`, `{payload.<key>}` are substituted. */
  artifactCheck?: string
  migrationsReport?: string
  requestTimeoutMs: number
}

const TITLE = 'Rollback target'
/** How many earlier deployments may be inspected (one statuses call each). */
export const MAX_CANDIDATES = 100
const MAX_PAGES = 10

export const rollbackGate: Gate<RollbackConfig> = {
  name: 'rollback',
  title: TITLE,
  parseInputs(source, common, io) {
    const token = requireToken(source, common, io, 'to read deployments')
    const artifactCheck = source.get('artifact-check')
    // Validate the template's shape now, with placeholders filled by something URL-safe.
    if (artifactCheck)
      parseHttpUrl(artifactCheck.replace(/\{[^}]*\}/g, 'x'), source.describe('artifact-check'))
    const ref = source.get('ref')
    return {
      token,
      environment: getEnvironment(source),
      ...(ref ? { ref } : {}),
      ...(artifactCheck ? { artifactCheck } : {}),
      ...(source.get('migrations-report')
        ? { migrationsReport: getString(source, 'migrations-report') }
        : {}),
      requestTimeoutMs: getDuration(source, 'request-timeout', '10s')
    }
  },
  run: runRollback
}

interface Candidate {
  deployment: Deployment
  latest?: DeploymentStatus
  verdict: string
}

/** A deployment counts as good when its latest status is `success`, or `inactive` after a `success` (superseded). */
function isGood(statuses: DeploymentStatus[]): boolean {
  const latest = statuses[0]?.state
  return latest === 'success' || (latest === 'inactive' && statuses.some(s => s.state === 'success'))
}

async function findTarget(client: DeploymentsClient, config: RollbackConfig) {
  const considered: Candidate[] = []
  let current: Deployment | undefined
  let inspected = 0
  for await (const page of client.listDeployments(config.environment, MAX_PAGES)) {
    for (const deployment of page) {
      if (!current) {
        current = deployment
        considered.push({ deployment, verdict: 'current deployment' })
        continue
      }
      if (config.ref !== undefined) {
        const matches =
          deployment.ref === config.ref || (config.ref.length >= 7 && deployment.sha.startsWith(config.ref))
        if (!matches) continue
      } else if (deployment.sha === current.sha) {
        considered.push({ deployment, verdict: 'same commit as the current deployment' })
        continue
      }
      if (inspected++ >= MAX_CANDIDATES)
        return { current, considered, target: undefined, inspected, truncated: true }
      const statuses = await client.listStatuses(deployment.id)
      const good = isGood(statuses)
      const candidate = {
        deployment,
        latest: statuses[0],
        verdict: good ? 'rollback target' : 'not successful'
      }
      considered.push(candidate)
      if (good) return { current, considered, target: candidate, inspected, truncated: false }
    }
  }
  return { current, considered, target: undefined, inspected, truncated: false }
}

async function runRollback(config: RollbackConfig, io: GateIO): Promise<GateResult> {
  const client = deploymentsClient(io, config.token)
  const { current, considered, target, inspected, truncated } = await findTarget(client, config)
  const findings: Finding[] = []
  const outputs: Record<string, string> = {}

  if (!target) {
    const searched = truncated
      ? `the ${MAX_CANDIDATES} deployments before the current one`
      : `${inspected} earlier deployment(s)`
    findings.push({
      rule: 'nothing-to-roll-back-to',
      severity: 'error',
      message: config.ref
        ? `no successful deployment of '${config.ref}' to ${config.environment} was found (searched ${searched})`
        : current
          ? `no earlier successful deployment of ${config.environment} to roll back to (searched ${searched})`
          : `no deployment of ${config.environment} was ever recorded, so there is nothing to roll back to`,
      help: 'Record deployments with `gate: deployment` (state success after a healthy release) so rollbacks have a target.'
    })
  } else {
    const { deployment } = target
    Object.assign(outputs, {
      ref: deployment.ref,
      sha: deployment.sha,
      payload: JSON.stringify(deployment.payload ?? {}),
      'deployment-id': String(deployment.id)
    })
    io.log.info(
      `rollback target: deployment ${deployment.id} of ${deployment.ref} (${deployment.sha.slice(0, 12)})`
    )
    if (config.artifactCheck) findings.push(...(await checkArtifact(config, deployment, io)))
  }
  if (config.migrationsReport) findings.push(...(await checkMigrations(config.migrationsReport, io)))

  return {
    gate: 'rollback',
    title: TITLE,
    findings,
    outputs,
    sections: [{ heading: 'Deployments considered', blocks: candidateTable(considered) }],
    scope: `${config.environment}: ${considered.length} deployment(s) considered`,
    secrets: [],
    data: { target: target?.deployment, current }
  }
}

function candidateTable(considered: Candidate[]): ResultBlock[] {
  if (considered.length === 0) return [{ kind: 'text', text: 'No deployments recorded.' }]
  return [
    {
      kind: 'table',
      columns: ['Deployment', 'Ref', 'Commit', 'Created', 'Latest status', 'Verdict'],
      align: ['right'],
      code: [1, 2],
      rows: considered.map(({ deployment: d, latest, verdict }) => [
        String(d.id),
        d.ref,
        d.sha.slice(0, 12),
        d.created_at,
        latest?.state ?? '',
        verdict
      ])
    }
  ]
}

/** Fills `{sha}`, `{ref}` and `{payload.a.b}` from the target deployment; an unknown placeholder is an input error. */
export function expandTemplate(template: string, deployment: Deployment): string {
  return template.replace(/\{([^}]*)\}/g, (_match, name: string) => {
    let value: unknown
    if (name === 'sha') value = deployment.sha
    else if (name === 'ref') value = deployment.ref
    else if (name.startsWith('payload.')) {
      value = name
        .slice('payload.'.length)
        .split('.')
        .reduce<unknown>(
          (node, key) =>
            node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
          deployment.payload
        )
    } else {
      throw new InputError(
        `input 'artifact-check': unknown placeholder {${name}}; use {sha}, {ref} or {payload.<key>}`
      )
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new InputError(`input 'artifact-check': {${name}} is not set on deployment ${deployment.id}`)
    }
    // Keep `:`, `/` and `@` (image digests, paths) but never let a value add a query or fragment.
    return encodeURI(String(value)).replace(/[?#]/g, c => encodeURIComponent(c))
  })
}

async function checkArtifact(config: RollbackConfig, deployment: Deployment, io: GateIO): Promise<Finding[]> {
  const url = expandTemplate(config.artifactCheck!, deployment)
  const shown = redactUrl(url)
  const response = await httpRequest(io, url, { timeoutMs: config.requestTimeoutMs })
  if (response.ok && response.status >= 200 && response.status < 300) {
    io.log.info(`artifact check: ${shown} answered ${response.status}`)
    return []
  }
  const answer = response.ok ? `answered ${response.status}` : `gave no answer: ${response.message}`
  return [
    {
      rule: 'artifact-missing',
      severity: 'error',
      message: `the artifact of deployment ${deployment.id} (${deployment.ref}) may be gone: ${shown} ${answer}, expected 2xx`,
      help: 'Redeploying a deleted artifact fails mid-rollback; pick another target with `ref`, or restore the artifact.'
    }
  ]
}

interface MigrationsReport {
  outputs?: Record<string, string>
  findings?: { rule?: string; severity?: string; file?: string; line?: number }[]
}

/** Reads the migration gate's JSON report (its GateResult, at the top level or under `result`). */
async function checkMigrations(file: string, io: GateIO): Promise<Finding[]> {
  const { text, display } = await readTextFile(io.cwd, file)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new FileError(`not a JSON report: ${(error as Error).message}`, display)
  }
  const report = ((parsed as { result?: MigrationsReport })?.result ?? parsed) as MigrationsReport
  const safe = report?.outputs?.['rollback-safe']
  if (safe === undefined) {
    throw new FileError(`has no outputs['rollback-safe']: is it the report of the migrations gate?`, display)
  }
  if (safe !== 'false') return []
  const causes = (report.findings ?? [])
    .filter(f => f.severity === 'error' || f.severity === 'warning')
    .slice(0, 5)
    .map(f => `${f.rule}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`)
  return [
    {
      rule: 'migrations-not-rollback-safe',
      severity: 'warning',
      message: `the migrations applied with this release are not rollback-safe${causes.length ? `: ${causes.join(', ')}` : ''}; the previous version may not run against the migrated schema`,
      file: display,
      help: 'Check the schema the rollback target expects, or roll forward with a fix instead.'
    }
  ]
}
