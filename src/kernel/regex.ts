/**
 * Regular expressions from inputs and specs (`pattern` in OpenAPI and env schemas, `matches` in health
 * assertions) run on RE2 (the re2js port: pure JavaScript, no WebAssembly start-up), whose matching time is
 * linear in the input. V8's backtracking engine takes exponential time on `^(a+)+$`, and a blocked event loop
 * lets no deadline fire, so user patterns never reach it. RE2 refuses what cannot be matched in linear time
 * (lookahead, backreferences); such a pattern is an error before use, naming where it came from.
 * This module loads re2js; callers that can await use regex-lazy.ts, which loads it only for a pattern that is
 * not provably linear on V8's engine (bench/env.mjs: the env gate's cold start).
 */
import { RE2JS } from 're2js'
import { MAX_PATTERN_LENGTH, UnsafePatternError, type SafeRegExp } from './regex-lazy.js'

// Declared in regex-lazy.ts (which does not load re2js), so callers that load this module lazily share them.
export { MAX_PATTERN_LENGTH, UnsafePatternError, type SafeRegExp }

const SUPPORTED_FLAGS = /^[gimsuyd]*$/

/**
 * Compiles a JavaScript-syntax pattern (`u` is implied; `i`, `m`, `s` honoured; `g`, `y`, `d` ignored: only
 * `test` is offered). Throws UnsafePatternError, whose message a caller prefixes with the file and line.
 */
export function compileSafeRegExp(pattern: string, flags = ''): SafeRegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new UnsafePatternError(pattern, `is longer than ${MAX_PATTERN_LENGTH} characters`)
  }
  if (!SUPPORTED_FLAGS.test(flags)) throw new UnsafePatternError(pattern, `has unknown flags '${flags}'`)
  const refused = unsupportedConstruct(pattern)
  if (refused) throw new UnsafePatternError(pattern, refused)
  let compiled: RE2JS
  try {
    // JavaScript validity first: a pattern RE2 happens to accept but JavaScript does not is still an error.
    new RegExp(pattern, 'u')
  } catch (error) {
    // Some valid non-unicode patterns (`\-` outside a class) fail with `u`; accept them if plain JS takes them.
    try {
      new RegExp(pattern)
    } catch {
      throw new UnsafePatternError(pattern, `is not a valid regular expression (${firstLine(error)})`)
    }
  }
  try {
    let options = 0
    if (flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE
    if (flags.includes('m')) options |= RE2JS.MULTILINE
    if (flags.includes('s')) options |= RE2JS.DOTALL
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), options)
  } catch (error) {
    throw new UnsafePatternError(pattern, `cannot run on the linear-time engine (${firstLine(error)})`)
  }
  return {
    source: pattern,
    flags,
    test: input => compiled.test(input),
    // ajv keys its cache of compiled patterns by toString(): without it every pattern is "[object Object]".
    toString: () => `/${pattern}/${flags}`
  }
}

/** Lookaround and backreferences need backtracking; RE2 has none. Named for the message. */
function unsupportedConstruct(pattern: string): string | undefined {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') {
      const next = pattern[i + 1] ?? ''
      if (!inClass && /[1-9]/.test(next))
        return 'uses a backreference (\\1), which needs a backtracking engine: refused'
      if (!inClass && next === 'k' && pattern[i + 2] === '<')
        return 'uses a named backreference (\\k<…>), which needs a backtracking engine: refused'
      i++
      continue
    }
    if (inClass) {
      if (char === ']') inClass = false
      continue
    }
    if (char === '[') inClass = true
    else if (char === '(' && pattern[i + 1] === '?') {
      const kind = pattern.slice(i + 2, i + 4)
      if (kind.startsWith('=') || kind.startsWith('!'))
        return 'uses a lookahead ((?=…) or (?!…)), which needs a backtracking engine: refused'
      if (kind === '<=' || kind === '<!')
        return 'uses a lookbehind ((?<=…) or (?<!…)), which needs a backtracking engine: refused'
    }
  }
  return undefined
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .split('\n')[0]!
    .replace(/^Invalid regular expression: /, '')
    .slice(0, 120)
}

/**
 * ajv's `code.regExp` option: `new Ajv({ code: { regExp: ajvRegExpEngine } })`. ajv calls it with the
 * schema's `pattern` and `"u"`; an unusable pattern makes ajv's compile throw, with the pattern in the message.
 * `code` is what ajv's standalone code generation would import; we never generate standalone code.
 */
export const ajvRegExpEngine: ((pattern: string, flags: string) => SafeRegExp) & { code: string } =
  Object.assign((pattern: string, flags: string) => compileSafeRegExp(pattern, flags), { code: 'new RegExp' })
