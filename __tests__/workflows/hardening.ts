/**
 * The workflow hardening rules, as one function over a workflow's text, so the tests can run them on the real
 * workflows (expecting nothing) and on deliberately bad ones (expecting each rule to fire).
 */
import {
  gateOf,
  parseWorkflow,
  type Job,
  type Permissions,
  type Step,
  type Workflow
} from './workflow-files.js'

export interface Problem {
  rule:
    | 'expression-in-run'
    | 'missing-permissions'
    | 'broad-permissions'
    | 'unjustified-write'
    | 'checkout-credentials'
    | 'missing-timeout'
    | 'missing-concurrency'
    | 'unqueued-concurrency'
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

/**
 * A reusable workflow may leave a job's permissions to its caller only for a job that deploys (it targets an
 * environment) or calls another reusable workflow: those take exactly what the caller's job grants, so that
 * `id-token: write` reaches a deploy only when the caller gives it. Such a workflow then has no top-level
 * permissions (they would apply to those jobs instead), and every other job narrows to its own.
 */
function inheritsByDesign(workflow: Workflow, job: Job): boolean {
  return (
    isReusable(workflow) &&
    workflow.permissions === undefined &&
    (job.environment !== undefined || !!job.uses)
  )
}

function isReusable(workflow: Workflow): boolean {
  return !!workflow.on && typeof workflow.on === 'object' && 'workflow_call' in workflow.on
}

function permissionProblems(workflow: Workflow): Problem[] {
  const problems: Problem[] = []
  const inheriting = Object.values(workflow.jobs).filter(job => inheritsByDesign(workflow, job))
  if (!(isReusable(workflow) && workflow.permissions === undefined && inheriting.length > 0))
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
    if (!inheritsByDesign(workflow, job)) checkPermissionsDeclared(job.permissions, `jobs.${id}`, problems)
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
      return steps.some(step => gateOf(step) === 'deployment')
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

/** Every env value (workflow, job or step level) that a step runs with `eval "$NAME"`: it is code, not data. */
function evaluatedScripts(workflow: Workflow): [string, string, unknown][] {
  const evaluated = new Set<string>()
  const levels: [string, Record<string, unknown> | undefined][] = [['env', workflow.env]]
  for (const [id, job] of Object.entries(workflow.jobs)) {
    levels.push([`jobs.${id}.env`, job.env])
    for (const [index, step] of (job.steps ?? []).entries()) {
      levels.push([`jobs.${id}.steps[${index}].env`, step.env])
      for (const name of [...String(step.run ?? '').matchAll(/eval "\$(\w+)"/g)].map(m => m[1]!))
        evaluated.add(name)
    }
  }
  for (const [, env] of levels)
    for (const [name, value] of Object.entries(env ?? {}))
      for (const inner of [...String(value).matchAll(/eval "\$(\w+)"/g)].map(m => m[1]!)) {
        if (evaluated.has(name)) evaluated.add(inner)
      }
  return levels.flatMap(([where, env]) =>
    Object.entries(env ?? {})
      .filter(([name]) => evaluated.has(name))
      .map(([name, value]) => [`${where}.${name}`, name, value] as [string, string, unknown])
  )
}

function jobProblems(workflow: Workflow): Problem[] {
  const problems: Problem[] = []
  // A script kept in an env value and eval'd is as much a script as `run:` itself.
  for (const [where, , value] of evaluatedScripts(workflow))
    for (const expression of String(value).match(/\$\{\{[^}]*\}\}/g) ?? [])
      problems.push({
        rule: 'expression-in-run',
        where,
        message: `${expression} is expanded into the script ${where}, which a step evals; pass it through env:`
      })
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

const queues = (concurrency: Job['concurrency']): boolean =>
  typeof concurrency === 'object' &&
  String(concurrency['cancel-in-progress'] ?? 'false') === 'false' &&
  concurrency.queue === 'max'

/**
 * Every job that targets an environment runs under a concurrency group, its own or the workflow's, that queues:
 * `cancel-in-progress: false` alone still lets the next run cancel the one pending (GitHub keeps one), so it
 * needs `queue: max` (up to 100 waiting). And any group that does not cancel in progress must queue, or it
 * silently drops the runs in between.
 */
function concurrencyProblems(workflow: Workflow): Problem[] {
  const problems: Problem[] = []
  const groups: [string, Job['concurrency']][] = [
    ['workflow', workflow.concurrency],
    ...Object.entries(workflow.jobs).map(
      ([id, job]) => [`jobs.${id}`, job.concurrency] as [string, Job['concurrency']]
    )
  ]
  for (const [where, concurrency] of groups) {
    if (concurrency === undefined) continue
    // `true`, or an expression (CI cancels superseded pull request runs): a group meant to cancel.
    const setting =
      typeof concurrency === 'object' ? String(concurrency['cancel-in-progress'] ?? 'false') : 'false'
    const cancels = setting !== 'false'
    if (!cancels && !queues(concurrency))
      problems.push({
        rule: 'unqueued-concurrency',
        where,
        message: `${where}: a group that does not cancel must queue (queue: max), or each new run cancels the pending one`
      })
  }
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (job.environment === undefined) continue
    if (!queues(job.concurrency) && !queues(workflow.concurrency))
      problems.push({
        rule: 'missing-concurrency',
        where: `jobs.${id}`,
        message: `job '${id}' deploys without a queued concurrency group (cancel-in-progress: false, queue: max): two deploys, or a deploy and a rollback, can race`
      })
  }
  return problems
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
