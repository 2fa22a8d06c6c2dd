/**
 * ajv's regular-expression engine for spec patterns. Patterns the kernel proves linear on V8's engine
 * (`provablyLinearRegExp`: single-character atoms, anchored, at most one variable repeat) run there, which is
 * about 3× faster than RE2's JavaScript port on GitHub's descriptions; every other pattern runs on RE2 through the
 * kernel (`ajvRegExpEngine`), so no pattern from a spec can stall the gate. One proof of linearity serves every
 * gate: the env and health gates take the same native path through `compileSafeRegExpLazily`.
 */
import { ajvRegExpEngine, type SafeRegExp } from '../../kernel/regex.js'
import { provablyLinearRegExp } from '../../kernel/regex-lazy.js'

export const specPatternEngine: ((pattern: string, flags: string) => SafeRegExp) & { code: string } =
  Object.assign(
    (pattern: string, flags: string) =>
      provablyLinearRegExp(pattern, flags) ?? ajvRegExpEngine(pattern, flags),
    { code: 'new RegExp' }
  )
