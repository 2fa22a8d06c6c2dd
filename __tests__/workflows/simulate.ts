/**
 * Runs a workflow's job graph the way GitHub schedules it, without running any step: a job starts when its
 * `needs` are done and its `if:` holds (a condition without a status function is `success() && (…)`; the
 * default is `success()`); a job whose needs failed or were skipped is skipped. Which jobs fail, and the
 * outputs of those that run, come from the scenario.
 */
import { evaluate, isTruthy, type Value } from './expressions.js'
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
