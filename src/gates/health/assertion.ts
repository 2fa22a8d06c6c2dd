/**
 * The assertion language of `expect-body` (`$.version == abc123`, `$.queue.lag < 100`, `$.name matches /^api-/`)
 * and of `success-condition` (`result < 0.01`, `result[0] >= 0.95`): a path rooted at `$` or `result`, an
 * operator and a literal. Parsing is strict and positional, so a typo is reported at its column, never
 * evaluated as something else.
 */
import { valueAtPath } from '../../kernel/object-path.js'
import { compileSafeRegExp, type SafeRegExp } from '../../kernel/regex.js'

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'matches'

export type Literal =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'string'; value: string; bare: boolean }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'regex'; value: SafeRegExp; text: string }

export interface Assertion {
  /** The assertion as written. */
  source: string
  /** Path segments after the root: property names and array indexes. */
  path: (string | number)[]
  /** `$.a.b[0]`, for messages. */
  pathText: string
  operator: Operator
  expected: Literal
}

/** Why an assertion could not be parsed, with the 1-based character position of the problem. */
export class AssertionSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number
  ) {
    super(`${reason} at position ${position}`)
  }
}

const SYMBOL_OPERATORS: Operator[] = ['==', '!=', '<=', '>=', '<', '>']
const WORD_OPERATORS: Operator[] = ['contains', 'matches']

/** Parses one assertion whose path starts with `root` (`$` for bodies, `result` for Prometheus values). */
export function parseAssertion(source: string, root: '$' | 'result'): Assertion {
  const text = source
  let i = 0
  const fail = (reason: string, at = i): never => {
    throw new AssertionSyntaxError(reason, at + 1)
  }
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }

  skipSpaces()
  const pathStart = i
  if (!text.startsWith(root, i)) fail(`expected a path starting with '${root}'`)
  i += root.length
  const path: (string | number)[] = []
  while (i < text.length && (text[i] === '.' || text[i] === '[')) {
    if (text[i] === '.') {
      i++
      const name = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i))?.[0]
      if (!name) fail("expected a property name after '.'")
      path.push(name!)
      i += name!.length
      continue
    }
    i++ // '['
    const index = /^\d+/.exec(text.slice(i))?.[0]
    if (index !== undefined) {
      path.push(Number(index))
      i += index.length
    } else if (text[i] === '"' || text[i] === "'") {
      path.push(readQuoted())
    } else {
      fail("expected an array index or a quoted property name after '['")
    }
    if (text[i] !== ']') fail("expected ']'")
    i++
  }
  const pathText = text.slice(pathStart, i)
  if (i < text.length && !/\s|[=!<>]/.test(text[i]!)) fail(`unexpected '${text[i]}' in the path`)

  skipSpaces()
  if (i >= text.length) fail('expected an operator (==, !=, <, <=, >, >=, contains, matches)')
  const symbols = /^[=!<>]+/.exec(text.slice(i))?.[0]
  let operator: Operator | undefined
  if (symbols) {
    operator = SYMBOL_OPERATORS.find(op => op === symbols)
    if (!operator) fail(`unknown operator '${symbols}' (use ==, !=, <, <=, >, >=, contains, matches)`)
    i += symbols.length
  } else {
    const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0]
    operator = WORD_OPERATORS.find(op => op === word)
    if (!operator)
      fail(`expected an operator (==, !=, <, <=, >, >=, contains, matches), got '${word ?? text[i]}'`)
    i += operator!.length
    if (i < text.length && !/\s/.test(text[i]!)) fail(`expected a space after '${operator}'`)
  }

  skipSpaces()
  if (i >= text.length) fail(`expected a value after '${operator}'`)
  const valueStart = i
  const expected = operator === 'matches' ? readRegex() : readLiteral()
  skipSpaces()
  if (i < text.length)
    fail(`unexpected '${text.slice(i)}' after the value (quote strings that contain spaces)`)
  if ((['<', '<=', '>', '>='] as Operator[]).includes(operator!) && expected.kind !== 'number') {
    fail(`'${operator}' compares numbers; expected a number`, valueStart)
  }
  return { source: source.trim(), path, pathText, operator: operator!, expected }

  function readQuoted(): string {
    const quote = text[i]!
    const start = i
    i++
    let value = ''
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const next = text[i + 1]
        if (next === undefined) break
        const escapes: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '\\': '\\',
          '"': '"',
          "'": "'",
          '/': '/'
        }
        if (!(next in escapes)) fail(`unknown escape '\\${next}'`)
        value += escapes[next]
        i += 2
        continue
      }
      value += text[i]
      i++
    }
    if (i >= text.length) fail(`unterminated string starting`, start)
    i++
    return value
  }

  function readLiteral(): Literal {
    if (text[i] === '"' || text[i] === "'") return { kind: 'string', value: readQuoted(), bare: false }
    const word = /^\S+/.exec(text.slice(i))![0]
    i += word.length
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' }
    if (word === 'null') return { kind: 'null' }
    if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(word))
      return { kind: 'number', value: Number(word), text: word }
    return { kind: 'string', value: word, bare: true }
  }

  function readRegex(): Literal {
    const start = i
    let pattern: string
    let flags = ''
    if (text[i] === '/') {
      i++
      pattern = ''
      while (i < text.length && text[i] !== '/') {
        // A backslash keeps the next character, so `\/` stays inside the pattern.
        if (text[i] === '\\' && i + 1 < text.length) pattern += text[i++]
        pattern += text[i++]
      }
      if (i >= text.length) fail("unterminated regular expression, expected a closing '/'", start)
      i++
      flags = /^[imsu]*/.exec(text.slice(i))![0]
      i += flags.length
    } else if (text[i] === '"' || text[i] === "'") {
      pattern = readQuoted()
    } else {
      return fail('\'matches\' expects a regular expression: /pattern/ or "pattern"')
    }
    try {
      // Linear-time matching: a catastrophic pattern cannot block the event loop past the gate's deadline.
      return { kind: 'regex', value: compileSafeRegExp(pattern, flags), text: text.slice(start, i) }
    } catch (error) {
      return fail(`invalid regular expression (${(error as Error).message})`, start)
    }
  }
}

export type Verdict = { ok: true } | { ok: false; reason: string }

/** Follows an assertion's path into a parsed value; `undefined` when any step is missing. */
export function select(value: unknown, path: readonly (string | number)[]): unknown {
  return valueAtPath(value, path)
}

/** Evaluates an assertion against a parsed document (the JSON body, or `{ result }` wrapped by the caller). */
export function evaluate(assertion: Assertion, document: unknown): Verdict {
  const actual = select(document, assertion.path)
  const { pathText, operator, expected } = assertion
  if (actual === undefined) return { ok: false, reason: `${pathText} is missing` }
  const shown = describeValue(actual)
  const failWith = (): Verdict => ({
    ok: false,
    reason: `${pathText} is ${shown}, expected ${operator} ${describeLiteral(expected)}`
  })
  switch (operator) {
    case '==':
      return equals(actual, expected) ? { ok: true } : failWith()
    case '!=':
      return equals(actual, expected) ? failWith() : { ok: true }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const n = typeof actual === 'number' ? actual : NaN
      if (Number.isNaN(n)) return { ok: false, reason: `${pathText} is ${shown}, not a number` }
      const e = (expected as { value: number }).value
      const pass = operator === '<' ? n < e : operator === '<=' ? n <= e : operator === '>' ? n > e : n >= e
      return pass ? { ok: true } : failWith()
    }
    case 'contains': {
      if (typeof actual === 'string') {
        return actual.includes(literalText(expected)) ? { ok: true } : failWith()
      }
      if (Array.isArray(actual))
        return actual.some(item => equals(item, expected)) ? { ok: true } : failWith()
      return { ok: false, reason: `${pathText} is ${shown}; 'contains' needs a string or an array` }
    }
    case 'matches': {
      if (typeof actual !== 'string' && typeof actual !== 'number') {
        return { ok: false, reason: `${pathText} is ${shown}; 'matches' needs a string` }
      }
      const regex = (expected as { value: SafeRegExp }).value
      return regex.test(String(actual)) ? { ok: true } : failWith()
    }
  }
}

function equals(actual: unknown, expected: Literal): boolean {
  switch (expected.kind) {
    case 'null':
      return actual === null
    case 'boolean':
      return actual === expected.value
    case 'number':
      // `$.version == 123` also matches the string "123": versions are often numeric-looking strings.
      return actual === expected.value || actual === expected.text
    case 'string':
      return actual === expected.value
    case 'regex':
      return false
  }
}

function literalText(expected: Literal): string {
  switch (expected.kind) {
    case 'null':
      return 'null'
    case 'boolean':
      return String(expected.value)
    case 'number':
      return expected.text
    case 'string':
      return expected.value
    case 'regex':
      return expected.text
  }
}

function describeLiteral(expected: Literal): string {
  if (expected.kind === 'string') return JSON.stringify(expected.value)
  return literalText(expected)
}

/** A short, single-line rendering of a JSON value for probe reasons. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value !== null && typeof value === 'object') return 'an object'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
