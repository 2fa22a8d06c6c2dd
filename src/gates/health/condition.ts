/**
 * Conditions on a metric's value, as Argo Rollouts' `successCondition` / `failureCondition`: an assertion on
 * `result` (`result < 0.01`, `result[0] >= 0.95`) or a range (`0.9 <= result <= 1.1`, Flagger's thresholdRange).
 * A measurement is judged as Argo judges it: with only a success condition, not meeting it fails; with only a
 * failure condition, not meeting it passes; with both, meeting neither is inconclusive (NaN often is).
 */
import { AssertionSyntaxError, evaluate, parseAssertion, type Assertion, type Verdict } from './assertion.js'

export interface Condition {
  /** As written. */
  source: string
  /** All must hold (a range is two comparisons). */
  parts: Assertion[]
}

const RANGE =
  /^\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(<=|<)\s*(result\S*)\s*(<=|<)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i

/** Throws AssertionSyntaxError (with a position) on a condition that cannot be parsed. */
export function parseCondition(text: string): Condition {
  const range = RANGE.exec(text)
  if (range) {
    const [, low, lowOp, path, highOp, high] = range
    if (Number(low) > Number(high))
      throw new AssertionSyntaxError(`the range is empty (${low} is above ${high})`, 1)
    const flipped = lowOp === '<' ? '>' : '>='
    return {
      source: text.trim(),
      parts: [
        parseAssertion(`${path} ${flipped} ${low}`, 'result'),
        parseAssertion(`${path} ${highOp} ${high}`, 'result')
      ]
    }
  }
  return { source: text.trim(), parts: [parseAssertion(text, 'result')] }
}

/** Whether `result` meets the condition. A bare `result` over several series must hold for each one. */
function holds(condition: Condition, result: unknown, each: 'all' | 'any'): Verdict {
  const series = Array.isArray(result) && condition.parts.every(p => p.path.length === 0) ? result : [result]
  const verdicts = series.map(value => {
    for (const part of condition.parts) {
      const verdict = evaluate(part, value)
      if (!verdict.ok) return verdict
    }
    return { ok: true } as Verdict
  })
  if (each === 'all') return verdicts.find(v => !v.ok) ?? { ok: true }
  return verdicts.find(v => v.ok) ?? verdicts[0] ?? { ok: false, reason: 'no value' }
}

export type Judgement =
  { kind: 'pass' } | { kind: 'fail'; reason: string } | { kind: 'inconclusive'; reason: string }

export function judge(
  result: unknown,
  success: Condition | undefined,
  failure: Condition | undefined
): Judgement {
  // A failure condition over several series trips when any series meets it; success needs every series.
  const failed = failure ? holds(failure, result, 'any').ok : false
  const succeeded = success ? holds(success, result, 'all') : undefined
  if (failure && failed) return { kind: 'fail', reason: `meets failure-condition ${failure.source}` }
  if (success && !failure)
    return succeeded!.ok
      ? { kind: 'pass' }
      : { kind: 'fail', reason: (succeeded as { reason: string }).reason }
  if (failure && !success) return { kind: 'pass' }
  if (succeeded?.ok) return { kind: 'pass' }
  return {
    kind: 'inconclusive',
    reason: `meets neither success-condition ${success!.source} nor failure-condition ${failure!.source}`
  }
}
