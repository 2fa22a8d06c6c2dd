/**
 * A small evaluator of GitHub Actions expressions — enough of the documented grammar to decide a job's `if:`
 * and an input like `cond && 'success' || 'failure'`: literals, property paths (hyphens allowed), `!`, `==`,
 * `!=`, `&&`, `||` (which return an operand, as GitHub's do), parentheses, and the status functions.
 */

export type Value = string | number | boolean | null | { [key: string]: Value }

export interface Context {
  /** Root objects: `needs`, `inputs`, `steps`… */
  values: Record<string, Value>
  /** What `success()`, `failure()`, `always()` and `cancelled()` return for the job being evaluated. */
  status: { success: boolean; failure: boolean; cancelled: boolean }
}

type Token =
  | { kind: 'literal'; value: Value }
  | { kind: 'path'; path: string[] }
  | { kind: 'call'; name: string }
  | { kind: 'op'; op: string }

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const rest = source.slice(i)
    const space = /^\s+/.exec(rest)
    const string = /^'((?:[^']|'')*)'/.exec(rest)
    const number = /^-?\d+(\.\d+)?/.exec(rest)
    const call = /^([A-Za-z]\w*)\(\s*\)/.exec(rest)
    const word = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*/.exec(rest)
    const op = /^(==|!=|&&|\|\||!|\(|\))/.exec(rest)
    if (space) i += space[0].length
    else if (string) {
      tokens.push({ kind: 'literal', value: string[1]!.replace(/''/g, "'") })
      i += string[0].length
    } else if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]) })
      i += number[0].length
    } else if (call) {
      tokens.push({ kind: 'call', name: call[1]!.toLowerCase() })
      i += call[0].length
    } else if (word) {
      const literal: Record<string, Value> = { true: true, false: false, null: null }
      tokens.push(
        word[0] in literal
          ? { kind: 'literal', value: literal[word[0]]! }
          : { kind: 'path', path: word[0].split('.') }
      )
      i += word[0].length
    } else if (op) {
      tokens.push({ kind: 'op', op: op[0] })
      i += op[0].length
    } else throw new Error(`cannot read expression at '${rest}'`)
  }
  return tokens
}

const truthy = (value: Value): boolean => value !== '' && value !== 0 && value !== false && value !== null

/** GitHub compares strings case-insensitively and coerces mixed types to numbers; enough for our inputs. */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (typeof a === typeof b) return a === b
  const number = (v: Value) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : Number(v))
  return number(a) === number(b)
}

/** Evaluates `source`, with or without the `${{ }}` wrapper. */
export function evaluate(source: string, context: Context): Value {
  const tokens = tokenize(source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'))
  let position = 0
  const peek = () => tokens[position]
  const isOp = (op: string) => {
    const token = peek()
    return token?.kind === 'op' && token.op === op
  }

  const or = (): Value => {
    let left = and()
    while (isOp('||')) {
      position++
      const right = and()
      left = truthy(left) ? left : right
    }
    return left
  }
  const and = (): Value => {
    let left = comparison()
    while (isOp('&&')) {
      position++
      const right = comparison()
      left = truthy(left) ? right : left
    }
    return left
  }
  const comparison = (): Value => {
    let left = unary()
    while (isOp('==') || isOp('!=')) {
      const negate = isOp('!=')
      position++
      const result = equal(left, unary())
      left = negate ? !result : result
    }
    return left
  }
  const unary = (): Value => {
    if (isOp('!')) {
      position++
      return !truthy(unary())
    }
    return primary()
  }
  const primary = (): Value => {
    const token = tokens[position++]
    if (!token) throw new Error(`unexpected end of '${source}'`)
    if (token.kind === 'literal') return token.value
    if (token.kind === 'path') return lookup(token.path, context)
    if (token.kind === 'call') return callStatus(token.name, context)
    if (token.op === '(') {
      const value = or()
      if (!isOp(')')) throw new Error(`missing ')' in '${source}'`)
      position++
      return value
    }
    throw new Error(`unexpected '${token.op}' in '${source}'`)
  }

  const value = or()
  if (position !== tokens.length) throw new Error(`unexpected trailing tokens in '${source}'`)
  return value
}

function lookup(path: string[], context: Context): Value {
  let value: Value = context.values[path[0]!] ?? null
  for (const key of path.slice(1)) {
    value = value !== null && typeof value === 'object' ? (value[key] ?? null) : null
  }
  return value
}

function callStatus(name: string, context: Context): Value {
  switch (name) {
    case 'always':
      return true
    case 'success':
      return context.status.success
    case 'failure':
      return context.status.failure
    case 'cancelled':
      return context.status.cancelled
    default:
      throw new Error(`unknown function ${name}()`)
  }
}

export function isTruthy(value: Value): boolean {
  return truthy(value)
}
