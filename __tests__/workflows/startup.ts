/**
 * A static model of what GitHub checks when it starts a run of a workflow that calls reusable workflows, before
 * any job's `if:` is evaluated (a failure here is a run with no jobs and "startup_failure"), from GitHub's docs
 * ("Reusing workflow configurations", "Controlling permissions for GITHUB_TOKEN"):
 *
 * - The token a called workflow gets is the calling job's: that job's `permissions`, else its workflow's
 *   top-level `permissions`, else the repository default. A called workflow "can only downgrade" it: every job
 *   of the called workflow asks for its own `permissions`, else the called workflow's top-level ones, else it
 *   simply inherits the grant; each scope asked for must be granted at that level or higher, whatever the job's
 *   `if`. A job of the called workflow that calls another one passes on what it asks for (or, asking nothing, the
 *   grant), and the same rule applies one level down.
 * - Declaring any scope sets every other scope to `none`; `read-all` / `write-all` set all of them; `{}` none.
 * - The repository default may be the restricted one (contents and packages read), so this model assumes it
 *   when a caller says nothing: a caller that relies on the default is only safe if it asks for nothing more.
 * - A call passes only declared inputs (and every required one) and only declared secrets, unless
 *   `secrets: inherit`.
 */
import {
  calledFile,
  gateOf,
  reusableWorkflows,
  workflowCallOf,
  type Job,
  type Permissions,
  type Workflow
} from './workflow-files.js'

export type Level = 'none' | 'read' | 'write'
export type Grant = Record<string, Level>

/** Every scope GitHub documents for GITHUB_TOKEN. */
export const SCOPES = [
  'actions',
  'artifact-metadata',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'security-events',
  'statuses'
] as const

const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 }

/** A `permissions:` value as a full grant: declared scopes as written, every other one `none`. */
export function grantOf(permissions: Permissions): Grant {
  const grant: Grant = Object.fromEntries(SCOPES.map(scope => [scope, 'none' as Level]))
  if (permissions === 'read-all' || permissions === 'write-all') {
    const level: Level = permissions === 'read-all' ? 'read' : 'write'
    for (const scope of SCOPES) grant[scope] = scope === 'id-token' && level === 'read' ? 'none' : level
    return grant
  }
  if (typeof permissions === 'string') throw new Error(`unknown permissions value '${permissions}'`)
  for (const [scope, level] of Object.entries(permissions ?? {})) {
    if (!(level in RANK)) throw new Error(`permissions: '${scope}: ${level}' is not none, read or write`)
    grant[scope] = level as Level
  }
  return grant
}

/** The restricted repository default ("Read repository contents and packages permissions"). */
export const RESTRICTED_DEFAULT: Grant = grantOf({ contents: 'read', packages: 'read' })

export interface StartupProblem {
  /** `<file> jobs.<id>` (the calling job) → `<called file> jobs.<id>`. */
  where: string
  message: string
}

/** The grant a job runs with, from its own `permissions`, else its workflow's, else what it inherits. */
function effective(job: Job, workflow: Workflow, inherited: Grant): Grant {
  if (job.permissions !== undefined) return grantOf(job.permissions)
  if (workflow.permissions !== undefined) return grantOf(workflow.permissions)
  return inherited
}

function exceeding(asked: Grant, granted: Grant): string[] {
  return Object.entries(asked)
    .filter(([scope, level]) => RANK[level] > RANK[granted[scope] ?? 'none'])
    .map(([scope, level]) => `${scope}: ${level} (granted ${granted[scope] ?? 'none'})`)
}

/**
 * Checks every job of `workflow` (the file `file`) that calls one of this project's reusable workflows, and,
 * through them, every job below. `inherited` is what the workflow itself runs with (for a caller in a
 * repository, the repository default).
 */
export function startupProblems(
  file: string,
  workflow: Workflow,
  inherited: Grant = RESTRICTED_DEFAULT,
  called: Map<string, Workflow> = reusableWorkflows(),
  depth = 0
): StartupProblem[] {
  if (depth > 9) return [{ where: file, message: 'reusable workflows nested more than 10 levels deep' }]
  const problems: StartupProblem[] = []
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const target = calledFile(job.uses)
    if (!target) continue
    const where = `${file} jobs.${id}`
    const callee = called.get(target)
    if (!callee) {
      problems.push({ where, message: `calls ${target}, which is not a reusable workflow of this project` })
      continue
    }
    const grant = effective(job, workflow, inherited)
    if (depth > 0 && job.permissions !== undefined) {
      // A nested calling job asks for its permissions like any job of its workflow.
      const over = exceeding(grantOf(job.permissions), inherited)
      if (over.length)
        problems.push({ where, message: `asks for more than its caller grants: ${over.join(', ')}` })
    }
    problems.push(...callProblems(where, job, target, callee))
    for (const [calleeId, calleeJob] of Object.entries(callee.jobs)) {
      const asked = effective(calleeJob, callee, grant)
      const over = exceeding(asked, grant)
      if (over.length)
        problems.push({
          where: `${where} → ${target} jobs.${calleeId}`,
          message: `asks for more than the caller grants: ${over.join(', ')}`
        })
      // Not a startup check, but the same arithmetic: a step that needs a scope the job lacks fails with a 403.
      const short = exceeding(runtimeNeeds(calleeJob, callee), asked)
      if (short.length && !over.length)
        problems.push({
          where: `${where} → ${target} jobs.${calleeId}`,
          message: `runs steps that need ${short.join(', ')}`
        })
    }
    problems.push(...startupProblems(target, callee, effectiveCeiling(callee, grant), called, depth + 1))
  }
  return problems
}

/** What the jobs of a called workflow inherit: its top-level permissions (capped by the grant), else the grant. */
function effectiveCeiling(callee: Workflow, grant: Grant): Grant {
  return callee.permissions === undefined ? grant : grantOf(callee.permissions)
}

/** Inputs and secrets of one call against the called workflow's declaration. */
function callProblems(where: string, job: Job, target: string, callee: Workflow): StartupProblem[] {
  const call = workflowCallOf(callee) ?? {}
  const problems: StartupProblem[] = []
  const declared = call.inputs ?? {}
  for (const name of Object.keys(job.with ?? {}))
    if (!(name in declared))
      problems.push({ where, message: `passes input '${name}', which ${target} does not declare` })
  for (const [name, input] of Object.entries(declared))
    if (input.required && !(name in (job.with ?? {})))
      problems.push({ where, message: `does not pass the required input '${name}' of ${target}` })
  for (const [name, value] of Object.entries(job.with ?? {})) {
    const type = declared[name]?.type
    const literal = typeof value !== 'string' || !value.includes('${{')
    if (literal && type === 'boolean' && typeof value !== 'boolean')
      problems.push({
        where,
        message: `input '${name}' of ${target} is a boolean; got ${JSON.stringify(value)}`
      })
    if (literal && type === 'number' && typeof value !== 'number')
      problems.push({
        where,
        message: `input '${name}' of ${target} is a number; got ${JSON.stringify(value)}`
      })
  }
  if (job.secrets !== undefined && job.secrets !== 'inherit') {
    for (const name of Object.keys(job.secrets))
      if (!(name in (call.secrets ?? {})))
        problems.push({ where, message: `passes secret '${name}', which ${target} does not declare` })
  }
  for (const [name, secret] of Object.entries(call.secrets ?? {}))
    if (secret.required && job.secrets !== 'inherit' && !(name in (job.secrets ?? {})))
      problems.push({ where, message: `does not pass the required secret '${name}' of ${target}` })
  return problems
}

/**
 * What a job's steps use the token for, read from the steps themselves: checkout reads contents; the deployment
 * gate writes deployments and the rollback gate reads them; a download from another run, or a script calling the
 * Actions artifacts API, reads actions; a gate posting a comment writes pull requests; a SARIF upload writes
 * security events.
 */
export function runtimeNeeds(job: Job, workflow?: Workflow): Grant {
  const needs = grantOf({})
  const need = (scope: string, level: Level) => {
    if (RANK[level] > RANK[needs[scope] ?? 'none']) needs[scope] = level
  }
  for (const step of job.steps ?? []) {
    const uses = step.uses ?? ''
    if (uses.startsWith('actions/checkout@')) need('contents', 'read')
    if (uses.startsWith('actions/download-artifact@') && step.with?.['run-id'] !== undefined)
      need('actions', 'read')
    if (uses.startsWith('github/codeql-action/upload-sarif@')) {
      need('security-events', 'write')
      need('actions', 'read')
    }
    const gate = gateOf(step)
    if (gate !== undefined) {
      if (gate === 'deployment') need('deployments', 'write')
      if (gate === 'rollback' || gate === 'metrics') need('deployments', 'read')
      if (String(step.with?.comment ?? 'true') !== 'false') need('pull-requests', 'write')
    }
    const script = `${step.run ?? ''}\n${Object.values(step.env ?? {}).join('\n')}`
    const scripts = [...script.matchAll(/\$(DEPLOY_GATES_[A-Z_]+)/g)].map(m => m[1]!)
    const text = [
      script,
      ...scripts.map(name => String(job.env?.[name] ?? workflow?.env?.[name] ?? ''))
    ].join('\n')
    if (/\$api\/actions\//.test(text)) need('actions', 'read')
    if (/\$api\/deployments/.test(text)) need('deployments', 'read')
  }
  return needs
}

/** The grant each job of a called workflow ends up with for a given calling job's grant (for the docs table). */
export function jobGrants(callee: Workflow, grant: Grant): Record<string, Grant> {
  return Object.fromEntries(
    Object.entries(callee.jobs).map(([id, job]) => [id, effective(job, callee, grant)])
  )
}

/** The scopes a called workflow's jobs ask for, merged (the least a caller must grant), as `scope: level`. */
export function requiredGrant(file: string, called: Map<string, Workflow> = reusableWorkflows()): Grant {
  const callee = called.get(file)
  if (!callee) throw new Error(`no reusable workflow ${file}`)
  const needed = grantOf({})
  const merge = (grant: Grant) => {
    for (const [scope, level] of Object.entries(grant))
      if (RANK[level] > RANK[needed[scope] ?? 'none']) needed[scope] = level
  }
  for (const job of Object.values(callee.jobs)) {
    if (job.permissions !== undefined) merge(grantOf(job.permissions))
    else if (callee.permissions !== undefined) merge(grantOf(callee.permissions))
    else merge(runtimeNeeds(job, callee))
    const nested = calledFile(job.uses)
    if (nested) merge(requiredGrant(nested, called))
  }
  return needed
}

export function describeGrant(grant: Grant): string[] {
  return Object.entries(grant)
    .filter(([, level]) => level !== 'none')
    .map(([scope, level]) => `${scope}: ${level}`)
    .sort()
}
