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
}

export interface Job {
  name?: string
  needs?: string | string[]
  if?: string | boolean
  uses?: string
  with?: Record<string, unknown>
  permissions?: Permissions
  environment?: string | { name?: string; url?: string; deployment?: boolean }
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string }
  'timeout-minutes'?: number | string
  outputs?: Record<string, string>
  steps?: Step[]
}

export interface Workflow {
  name?: string
  on?: unknown
  permissions?: Permissions
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string }
  jobs: Record<string, Job>
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
