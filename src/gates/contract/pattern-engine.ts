/**
 * ajv's regular-expression engine for spec patterns. Patterns whose backtracking is provably linear run on
 * V8's engine (3× faster than RE2 in a JavaScript port on GitHub's descriptions); every other pattern runs on RE2
 * through the kernel (`ajvRegExpEngine`), so no pattern from a spec can stall the gate.
 *
 * Provably linear here means: anchored at the start (one start position), no group carries a quantifier, no
 * alternation, no backreference or lookaround, and at most one unbounded quantifier (`*`, `+`, `{n,}`, or a bound
 * above 1,000). One anchored unbounded run backtracks at most once over the input; a second one, or a quantified
 * group, is where exponential and quadratic time come from.
 */
import { ajvRegExpEngine, type SafeRegExp } from '../../kernel/regex.js'

const MAX_BOUND = 1000

export function isTriviallyLinear(pattern: string): boolean {
  if (!pattern.startsWith('^') || pattern.length > 512) return false
  let unbounded = 0
  let inClass = false
  for (let i = 1; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '\\') {
      const next = pattern[i + 1] ?? ''
      if (/[1-9k]/.test(next)) return false // backreferences
      i++
      continue
    }
    if (inClass) {
      if (char === ']') inClass = false
      continue
    }
    if (char === '[') inClass = true
    else if (char === '(' || char === '|') return false
    else if (char === '*' || char === '+') unbounded++
    else if (char === '{') {
      const close = pattern.indexOf('}', i)
      if (close === -1) return false
      const [, max] = pattern.slice(i + 1, close).split(',')
      if (max !== undefined && (max === '' || Number(max) > MAX_BOUND)) unbounded++
      else if (max === undefined && Number(pattern.slice(i + 1, close)) > MAX_BOUND) unbounded++
      i = close
    }
    // A lazy or possessive marker after a quantifier changes nothing here.
  }
  return unbounded <= 1
}

export const specPatternEngine: ((pattern: string, flags: string) => RegExp | SafeRegExp) & { code: string } =
  Object.assign(
    (pattern: string, flags: string) => {
      if (isTriviallyLinear(pattern)) {
        try {
          return new RegExp(pattern, flags || 'u')
        } catch {
          // A pattern valid only without `u`, or not at all: the kernel decides (and names the problem).
        }
      }
      return ajvRegExpEngine(pattern, flags)
    },
    { code: 'new RegExp' }
  )
