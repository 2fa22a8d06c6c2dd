/** The workflow files the hardening tests read, and a typed view of the parts of a workflow they look at. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Every workflow in `.github/workflows/` (the reusable ones and CI) and `workflows/` (the callers to copy). */
export function workflowFiles(): string[] {
  return ['.github/workflows', 'workflows'].flatMap(dir =>
    readdirSync(join(ROOT, dir))
      .filter(name => /\.ya?ml$/.test(name))
      .sort()
      .map(name => relative(ROOT, join(ROOT, dir, name)))
  )
}

export function readWorkflowText(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
}

export type Permissions = string | Record<string, string>

export interface Step {
  name?: string
  id?: string
  if?: string | boolean
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  'working-directory'?: string
}

export interface Concurrency {
  group?: string
  'cancel-in-progress'?: boolean | string
  queue?: string
}

export interface Job {
  name?: string
  needs?: string | string[]
  if?: string | boolean
  uses?: string
  with?: Record<string, unknown>
  secrets?: 'inherit' | Record<string, string>
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean }
  'runs-on'?: unknown
  env?: Record<string, unknown>
  permissions?: Permissions
  environment?: string | { name?: string; url?: string; deployment?: boolean | string }
  concurrency?: string | Concurrency
  'timeout-minutes'?: number | string
  outputs?: Record<string, string>
  steps?: Step[]
}

export interface Workflow {
  name?: string
  on?: unknown
  permissions?: Permissions
  concurrency?: string | Concurrency
  env?: Record<string, string>
  jobs: Record<string, Job>
}

/** The `workflow_call` trigger of a reusable workflow, or undefined. */
export interface WorkflowCall {
  inputs?: Record<string, { type?: string; required?: boolean; default?: unknown; description?: string }>
  secrets?: Record<string, { required?: boolean; description?: string }>
  outputs?: Record<string, { value?: string; description?: string }>
}

export function workflowCallOf(workflow: Workflow): WorkflowCall | undefined {
  const on = workflow.on
  if (on && typeof on === 'object' && 'workflow_call' in on)
    return ((on as Record<string, unknown>).workflow_call ?? {}) as WorkflowCall
  return undefined
}

/** Reusable workflows by file name (`pipeline.yml`), as a call `deploy-gates/deploy-gates/.github/workflows/<file>@ref` names them. */
export function reusableWorkflows(): Map<string, Workflow> {
  const found = new Map<string, Workflow>()
  for (const file of workflowFiles().filter(f => f.startsWith('.github/workflows/'))) {
    const workflow = parseWorkflow(readWorkflowText(file))
    if (workflowCallOf(workflow)) found.set(file.slice('.github/workflows/'.length), workflow)
  }
  return found
}

/** The file a job's `uses:` calls when it is one of this project's reusable workflows. */
export function calledFile(uses: string | undefined): string | undefined {
  const match = /^deploy-gates\/deploy-gates\/\.github\/workflows\/([\w.-]+\.ya?ml)@/.exec(uses ?? '')
  return match?.[1]
}

/** Parses a workflow; throws with js-yaml's line and column on a syntax error. */
export function parseWorkflow(text: string): Workflow {
  const parsed = yaml.load(text) as Workflow | undefined
  if (!parsed || typeof parsed !== 'object' || !parsed.jobs) throw new Error('not a workflow: no jobs')
  return parsed
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return []
  return Array.isArray(job.needs) ? job.needs : [job.needs]
}

/** The gate a step runs: a per-gate action's name (`…/actions/<gate>@`), or the root action's `gate:` input. */
export function gateOf(step: Step): string | undefined {
  const perGate = /^deploy-gates\/deploy-gates\/actions\/([\w-]+)@/.exec(step.uses ?? '')
  if (perGate) return perGate[1]
  if (step.uses === './' || /^deploy-gates\/deploy-gates@/.test(step.uses ?? ''))
    return String(step.with?.gate ?? '')
  return undefined
}
