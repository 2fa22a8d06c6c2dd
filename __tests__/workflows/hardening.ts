/**
 * The workflow hardening rules, as one function over a workflow's text, so the tests can run them on the real
 * workflows (expecting nothing) and on deliberately bad ones (expecting each rule to fire).
 */
import { parseWorkflow, type Job, type Permissions, type Step, type Workflow } from './workflow-files.js'

export interface Problem {
  rule:
    | 'expression-in-run'
    | 'missing-permissions'
    | 'broad-permissions'
    | 'unjustified-write'
    | 'checkout-credentials'
    | 'missing-timeout'
    | 'missing-concurrency'
    | 'unpinned-action'
  /** Where: `jobs.<id>`, `jobs.<id>.steps[<n>]`, or `line <n>`. */
  where: string
  message: string
}

/** The project's own action and workflows: referenced by release tag, see pipeline.yml's header. */
const FIRST_PARTY = /^deploy-gates\/deploy-gates(\/|@)/
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/
const VERSION_COMMENT = /^v\d+(\.\d+){0,2}$/
const WRITE_SCOPES_NEEDING_A_REASON = ['deployments', 'pull-requests', 'security-events'] as const

export function hardeningProblems(text: string): Problem[] {
  const workflow = parseWorkflow(text)
  return [
    ...permissionProblems(workflow),
    ...jobProblems(workflow),
    ...concurrencyProblems(workflow),
    ...pinningProblems(text)
  ]
}

function permissionProblems(workflow: Workflow): Problem[] {
  const problems: Problem[] = []
  checkPermissionsDeclared(workflow.permissions, 'workflow', problems)
  // Writes are granted per job, where they are used: the workflow level stays read-only.
  for (const [scope, access] of Object.entries(asMap(workflow.permissions))) {
    if (access === 'write')
      problems.push({
        rule: 'broad-permissions',
        where: 'workflow',
        message: `workflow-level permissions grant '${scope}: write' to every job; grant it on the job that needs it`
      })
  }
  for (const [id, job] of Object.entries(workflow.jobs)) {
    checkPermissionsDeclared(job.permissions, `jobs.${id}`, problems)
    // A job calling a reusable workflow grants the ceiling for the jobs inside it; those are checked there.
    if (job.uses) continue
    for (const scope of WRITE_SCOPES_NEEDING_A_REASON) {
      if (asMap(job.permissions)[scope] === 'write' && !needsWrite(scope, job.steps ?? []))
        problems.push({
          rule: 'unjustified-write',
          where: `jobs.${id}`,
          message: `job '${id}' has '${scope}: write' but no step that ${WRITE_REASONS[scope]}`
        })
    }
  }
  return problems
}

const WRITE_REASONS = {
  deployments: 'records a deployment (`gate: deployment`)',
  'pull-requests': 'posts a comment (a deploy-gates step with `comment` not false)',
  'security-events': 'uploads SARIF (github/codeql-action/upload-sarif)'
} as const

function needsWrite(scope: (typeof WRITE_SCOPES_NEEDING_A_REASON)[number], steps: Step[]): boolean {
  switch (scope) {
    case 'deployments':
      return steps.some(step => isDeployGates(step) && step.with?.gate === 'deployment')
    case 'pull-requests':
      return steps.some(step => isDeployGates(step) && String(step.with?.comment ?? 'true') !== 'false')
    case 'security-events':
      return steps.some(step => step.uses?.startsWith('github/codeql-action/upload-sarif@'))
  }
}

function isDeployGates(step: Step): boolean {
  return step.uses !== undefined && (step.uses === './' || FIRST_PARTY.test(step.uses))
}

function checkPermissionsDeclared(
  permissions: Permissions | undefined,
  where: string,
  problems: Problem[]
): void {
  if (permissions === undefined)
    problems.push({ rule: 'missing-permissions', where, message: `${where} declares no permissions` })
  else if (typeof permissions === 'string')
    problems.push({
      rule: 'broad-permissions',
      where,
      message: `${where} grants '${permissions}'; list each scope it needs instead`
    })
}

function asMap(permissions: Permissions | undefined): Record<string, string> {
  return permissions && typeof permissions === 'object' ? permissions : {}
}

function jobProblems(workflow: Workflow): Problem[] {
  const problems: Problem[] = []
  for (const [id, job] of Object.entries(workflow.jobs)) {
    // `timeout-minutes` is not allowed on a job that calls a reusable workflow: its jobs carry their own.
    if (!job.uses && job['timeout-minutes'] === undefined)
      problems.push({
        rule: 'missing-timeout',
        where: `jobs.${id}`,
        message: `job '${id}' has no timeout-minutes`
      })
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `jobs.${id}.steps[${index}]`
      const expressions = typeof step.run === 'string' ? (step.run.match(/\$\{\{[^}]*\}\}/g) ?? []) : []
      for (const expression of expressions)
        problems.push({
          rule: 'expression-in-run',
          where,
          message: `${expression} is expanded into the script of ${describeStep(step, where)}; pass it through env:`
        })
      if (
        step.uses?.startsWith('actions/checkout@') &&
        String(step.with?.['persist-credentials']) !== 'false'
      )
        problems.push({
          rule: 'checkout-credentials',
          where,
          message: `checkout in job '${id}' leaves the token in .git/config; set persist-credentials: false`
        })
    }
  }
  return problems
}

function describeStep(step: Step, where: string): string {
  return step.name ? `step '${step.name}'` : where
}

/** A workflow deploys when one of its jobs targets an environment or it calls a deploying reusable workflow. */
function isDeployWorkflow(workflow: Workflow): boolean {
  return Object.values(workflow.jobs).some(
    (job: Job) => job.environment !== undefined || /\/(pipeline|rollback)\.yml@/.test(job.uses ?? '')
  )
}

function concurrencyProblems(workflow: Workflow): Problem[] {
  if (!isDeployWorkflow(workflow)) return []
  const concurrency = workflow.concurrency
  if (concurrency === undefined)
    return [
      {
        rule: 'missing-concurrency',
        where: 'workflow',
        message:
          'a deploying workflow has no concurrency group: two deploys, or a deploy and a rollback, can race'
      }
    ]
  if (typeof concurrency === 'object' && String(concurrency['cancel-in-progress']) !== 'false')
    return [
      {
        rule: 'missing-concurrency',
        where: 'workflow',
        message: 'a deploying workflow must queue (cancel-in-progress: false), never cancel a deploy half-way'
      }
    ]
  return []
}

/** Line based, because the version lives in the comment after the SHA, which a YAML parser drops. */
function pinningProblems(text: string): Problem[] {
  const problems: Problem[] = []
  for (const [index, line] of text.split('\n').entries()) {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)['"]?\s*(?:#\s*(\S+))?/.exec(line)
    if (!match) continue
    const [, reference = '', comment] = match
    if (reference.startsWith('./') || reference.startsWith('docker://') || FIRST_PARTY.test(reference))
      continue
    const where = `line ${index + 1}`
    if (!PINNED.test(reference))
      problems.push({
        rule: 'unpinned-action',
        where,
        message: `${reference} is not pinned to a full 40-hex commit SHA`
      })
    else if (!comment || !VERSION_COMMENT.test(comment))
      problems.push({
        rule: 'unpinned-action',
        where,
        message: `${reference} has no '# vX.Y.Z' comment saying which release the SHA is`
      })
  }
  return problems
}
