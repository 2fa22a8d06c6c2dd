/**
 * The lazy door to the kernel's linear-time patterns (src/kernel/regex.ts). A pattern that is provably linear
 * on V8's backtracking engine runs there; any other pattern loads RE2 (re2js, 153 KiB) by a dynamic import on
 * first use. Speed trick, justified by bench/env.mjs (the env gate's cold start): re2js was parsed and
 * initialised on every env run, schema patterns or not, and a schema's patterns are nearly always this simple.
 * The checks and messages are regex.ts's own: a pattern is accepted or refused exactly as there.
 */
import { quoteForError } from './quote.js'

/** What every consumer needs of a pattern: ajv's `RegExpLike`, and a search. */
export interface SafeRegExp {
  readonly source: string
  readonly flags: string
  /** Whether the pattern matches anywhere in `input` (JavaScript's `RegExp.prototype.test` without `g`). */
  test(input: string): boolean
  /** `/source/flags`: ajv keys its cache of compiled patterns by it. */
  toString(): string
}

/** Longer patterns are refused: no real schema needs one, and compiling costs memory in their length. */
export const MAX_PATTERN_LENGTH = 4096

/** A pattern that cannot be used: not valid, or not matchable in linear time. `reason` is one line. */
export class UnsafePatternError extends Error {
  override name = 'UnsafePatternError'
  constructor(
    readonly pattern: string,
    readonly reason: string
  ) {
    super(`pattern ${quoteForError(pattern, 60)} ${reason}`)
  }
}

/**
 * Like regex.ts's `compileSafeRegExp` (same flags, same errors), but RE2 is loaded only when the pattern is
 * not provably linear on V8's engine.
 */
export async function compileSafeRegExpLazily(pattern: string, flags = ''): Promise<SafeRegExp> {
  const native = provablyLinearRegExp(pattern, flags)
  if (native) return native
  const { compileSafeRegExp } = await import('./regex.js')
  return compileSafeRegExp(pattern, flags)
}

/** RE2 refuses larger repeat counts; a pattern using one must get RE2's refusal, so it is not taken here. */
const MAX_REPEAT = 1000
const LITERAL = /[^\\^$.|?*+()[\]{}]/u
/** Escapes with the same meaning in JavaScript (`u`, no `i`) and RE2: punctuation, ASCII digits, word chars. */
const SAME_ESCAPE = /[dw\\^$.|?*+()[\]{}/-]/

/**
 * The native path, for a pattern V8 matches in time linear in the input: a sequence of single-character atoms
 * (a literal, `\d`, `\w`, an escaped punctuation character, or a non-negated class of literals and ranges),
 * anchored by `^` (so one start position), in which at most one atom has a variable repeat. The engine then
 * tries each count of that one repeat (at most the input's length) and, for each, matches a fixed tail: time
 * O(input × pattern). Without `^`, only patterns with no variable repeat (O(input × pattern) over the start
 * positions). Anything else (groups, alternation, `.`, `\s`, negated classes, lazy repeats, the `i` and `m`
 * flags, whose meanings differ in details between the engines) returns undefined and goes to RE2.
 */
export function provablyLinearRegExp(pattern: string, flags = ''): SafeRegExp | undefined {
  // Schemas repeat their patterns (twenty variables with `^[a-z-]+$`): each is proved and compiled once. The
  // result holds no state (no `g` or `y` on the native pattern), so sharing it is safe.
  const key = `${flags}/${pattern}`
  if (proved.has(key)) return proved.get(key)
  const result = proveLinear(pattern, flags)
  if (proved.size >= MAX_PROVED) proved.clear()
  proved.set(key, result)
  return result
}

const MAX_PROVED = 512
const proved = new Map<string, SafeRegExp | undefined>()

function proveLinear(pattern: string, flags: string): SafeRegExp | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH || !/^[gsuyd]*$/.test(flags)) return undefined
  let i = 0
  const anchored = pattern.startsWith('^')
  if (anchored) i = 1
  let variableRepeats = 0
  let repeatTotal = 0
  while (i < pattern.length) {
    if (pattern[i] === '$' && i === pattern.length - 1) break
    const atomEnd = singleCharacterAtomEnd(pattern, i)
    if (atomEnd === undefined) return undefined
    const repeat = repeatAt(pattern, atomEnd)
    if (repeat === undefined) return undefined
    i = repeat.end
    repeatTotal += repeat.count
    if (repeat.variable) variableRepeats++
    if (repeatTotal > MAX_REPEAT) return undefined
  }
  if (variableRepeats > (anchored ? 1 : 0)) return undefined
  let native: RegExp
  try {
    native = new RegExp(pattern, flags.includes('s') ? 'su' : 'u')
  } catch {
    return undefined // not valid: regex.ts words the error
  }
  return {
    source: pattern,
    flags,
    test: input => native.test(input),
    toString: () => `/${pattern}/${flags}`
  }
}

/**
 * The repeat after an atom ending at `i`: where it ends, its largest count (0 for `*`, `+`, `?`, none), and
 * whether its count varies. Undefined for a lazy repeat, which goes to RE2.
 */
function repeatAt(pattern: string, i: number): { end: number; count: number; variable: boolean } | undefined {
  const quantifier = /^(?:[*+?]|\{(\d{1,4})(,(\d{0,4}))?\})/.exec(pattern.slice(i, i + 12))
  if (!quantifier) return { end: i, count: 0, variable: false }
  const end = i + quantifier[0].length
  if (pattern[end] === '?' || pattern[end] === '+') return undefined
  if (quantifier[1] === undefined) return { end, count: 0, variable: true }
  const low = Number(quantifier[1])
  const high = quantifier[3] ? Number(quantifier[3]) : undefined
  return { end, count: Math.max(low, high ?? 0), variable: quantifier[2] !== undefined && high !== low }
}

/** Where the single-character atom starting at `i` ends, or undefined if there is none there. */
function singleCharacterAtomEnd(pattern: string, i: number): number | undefined {
  const char = pattern[i]!
  if (char === '\\') return SAME_ESCAPE.test(pattern[i + 1] ?? '') ? i + 2 : undefined
  if (char !== '[') return LITERAL.test(char) ? i + char.length : undefined
  let j = i + 1
  if (pattern[j] === '^' || pattern[j] === ']') return undefined
  while (j < pattern.length && pattern[j] !== ']') {
    const member = pattern[j]!
    if (member === '\\') {
      if (!SAME_ESCAPE.test(pattern[j + 1] ?? '')) return undefined
      j += 2
    } else if (member === '[') return undefined
    else j++
  }
  return j < pattern.length ? j + 1 : undefined
}
