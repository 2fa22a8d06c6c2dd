/**
 * Runs a workflow's job graph the way GitHub schedules it, without running any step: a job starts when its
 * `needs` are done and its `if:` holds (a condition without a status function is `success() && (…)`; the
 * default is `success()`); a job whose needs failed or were skipped is skipped. Which jobs fail, and the
 * outputs of those that run, come from the scenario.
 */
import { evaluate, isTruthy, type Context, type Value } from './expressions.js'
import { needsOf, type Workflow } from './workflow-files.js'

export type Result = 'success' | 'failure' | 'skipped'

export interface Scenario {
  inputs?: Record<string, Value>
  /** Jobs that fail when they run. */
  failing?: string[]
  /** Outputs of each job that runs. */
  outputs?: Record<string, Record<string, string>>
}

export interface Run {
  results: Record<string, Result>
  /** Evaluates an expression as the given job sees it (its `needs`, the inputs). */
  evaluateIn(job: string, expression: string): Value
}

const STATUS_FUNCTION = /\b(always|success|failure|cancelled)\(\s*\)/

export function workflowInputs(
  workflow: Workflow,
  overrides: Record<string, Value> = {}
): Record<string, Value> {
  const call = (workflow.on as { workflow_call?: { inputs?: Record<string, { default?: Value }> } })
    ?.workflow_call
  const defaults = Object.fromEntries(
    Object.entries(call?.inputs ?? {}).map(([name, input]) => [name, input.default ?? ''])
  )
  return { ...defaults, ...overrides }
}

export function simulate(workflow: Workflow, scenario: Scenario): Run {
  const results: Record<string, Result> = {}
  const outputs: Record<string, Record<string, string>> = {}
  const inputs = workflowInputs(workflow, scenario.inputs)
  const ancestors = (id: string): string[] =>
    needsOf(workflow.jobs[id]!).flatMap(need => [need, ...ancestors(need)])

  const contextOf = (id: string) => {
    const needs = needsOf(workflow.jobs[id]!)
    return {
      values: {
        inputs,
        needs: Object.fromEntries(
          needs.map(need => [need, { result: results[need]!, outputs: outputs[need] ?? {} }])
        )
      },
      status: {
        success:
          needs.every(need => results[need] === 'success') &&
          !ancestors(id).some(a => results[a] === 'failure'),
        failure: ancestors(id).some(a => results[a] === 'failure'),
        cancelled: false
      }
    }
  }

  const pending = new Set(Object.keys(workflow.jobs))
  while (pending.size > 0) {
    const ready = [...pending].find(id => needsOf(workflow.jobs[id]!).every(need => need in results))
    if (!ready) throw new Error(`a cycle among ${[...pending].join(', ')}`)
    pending.delete(ready)
    const condition = String(workflow.jobs[ready]!.if ?? 'success()')
    const effective = STATUS_FUNCTION.test(condition) ? condition : `success() && (${unwrap(condition)})`
    if (!isTruthy(evaluate(effective, contextOf(ready)))) {
      results[ready] = 'skipped'
      continue
    }
    results[ready] = scenario.failing?.includes(ready) ? 'failure' : 'success'
    outputs[ready] = scenario.outputs?.[ready] ?? {}
  }
  return { results, evaluateIn: (job, expression) => evaluate(expression, contextOf(job)) }
}

function unwrap(expression: string): string {
  return expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
}

export type StepOutcome = 'success' | 'failure' | 'skipped'

export interface StepScenario {
  inputs?: Record<string, Value>
  /** The `needs` context: result and outputs of each job this one needs. */
  needs?: Record<string, { result: string; outputs: Record<string, string> }>
  /** Step ids that fail when they run. */
  failing?: string[]
  /** Outputs of steps that run, by step id. */
  outputs?: Record<string, Record<string, string>>
  github?: Record<string, Value>
  matrix?: Record<string, Value>
}

export interface StepRun {
  /** Outcome of each step, by id (or `#<index>` for a step without one). */
  outcomes: Record<string, StepOutcome>
  /** Steps that ran, in order, by name (or id, or `uses`). */
  ran: string[]
  /** Evaluates an expression (or a string with `${{ }}` in it) as the step at `index` would see it. */
  evaluateAt(index: number, template: string): Value
  /** A step's `with:` or `env:` value as the runner would pass it, by step id. */
  input(id: string, key: string, kind?: 'with' | 'env'): Value
}

/** Replaces every `${{ … }}` in `template`; a template that is one expression keeps the expression's type. */
export function interpolate(template: string, context: Context): Value {
  const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(template.trim())
  if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!, context)
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context)
    return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  })
}

/**
 * Runs one job's steps as the runner does, without running them: a step runs when its `if:` holds (without a
 * status function, `success() && (…)`), `success()` meaning no step before it failed; the job's `env:` is
 * evaluated once, first. Which steps fail, and their outputs, come from the scenario.
 */
export function simulateSteps(workflow: Workflow, jobId: string, scenario: StepScenario = {}): StepRun {
  const job = workflow.jobs[jobId]!
  const steps = job.steps ?? []
  const outcomes: Record<string, StepOutcome> = {}
  const stepsContext: Record<string, Value> = {}
  const ran: string[] = []
  let failed = false
  const base = {
    inputs: workflowInputs(workflow, scenario.inputs),
    needs: (scenario.needs ?? {}) as unknown as Value,
    github: { run_id: '7', run_attempt: '1', sha: 'c0ffee', triggering_actor: 'octocat', ...scenario.github },
    matrix: scenario.matrix ?? {},
    secrets: {}
  }
  const env: Record<string, Value> = {}
  const contextAt = (): Context => ({
    values: {
      ...base,
      env,
      steps: stepsContext,
      job: { status: failed ? 'failure' : 'success' }
    } as Record<string, Value>,
    status: { success: !failed, failure: failed, cancelled: false }
  })
  for (const [name, value] of Object.entries(job.env ?? {})) {
    const evaluated = interpolate(String(value), contextAt())
    env[name] = typeof evaluated === 'object' ? JSON.stringify(evaluated) : String(evaluated ?? '')
  }
  const snapshots: Context[] = []
  for (const [index, step] of steps.entries()) {
    const key = step.id ?? `#${index}`
    snapshots.push(structuredClone(contextAt()))
    const condition = String(step.if ?? 'success()')
    const effective = STATUS_FUNCTION.test(condition) ? condition : `success() && (${unwrap(condition)})`
    if (!isTruthy(evaluate(effective, contextAt()))) {
      outcomes[key] = 'skipped'
      if (step.id) stepsContext[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} }
      continue
    }
    ran.push(step.name ?? step.id ?? step.uses ?? `#${index}`)
    const outcome: StepOutcome = scenario.failing?.includes(key) ? 'failure' : 'success'
    outcomes[key] = outcome
    if (outcome === 'failure') failed = true
    if (step.id)
      stepsContext[step.id] = {
        outcome,
        conclusion: outcome,
        outputs: scenario.outputs?.[step.id] ?? {}
      }
  }
  return {
    outcomes,
    ran,
    evaluateAt: (index, template) => interpolate(template, snapshots[index] ?? contextAt()),
    input: (id, key, kind = 'with') => {
      const index = steps.findIndex(step => step.id === id)
      if (index < 0) throw new Error(`no step ${id} in ${jobId}`)
      const value = steps[index]![kind]?.[key]
      if (value === undefined) return null
      // The runner passes `with:` and `env:` values as strings; an expression that is null becomes ''.
      const evaluated = interpolate(String(value), snapshots[index]!)
      return evaluated === null
        ? ''
        : typeof evaluated === 'object'
          ? JSON.stringify(evaluated)
          : String(evaluated)
    }
  }
}
