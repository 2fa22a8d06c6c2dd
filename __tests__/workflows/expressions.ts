/**
 * A small evaluator of GitHub Actions expressions — enough of the documented grammar to decide a job's `if:`
 * and an input like `cond && 'success' || 'failure'`: literals, property paths (hyphens allowed), `!`, `==`,
 * `!=`, `&&`, `||` (which return an operand, as GitHub's do), parentheses, the status functions, and
 * `format`, `startsWith`, `endsWith`, `contains`, `fromJSON`, `toJSON`.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value }

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
  | { kind: 'function'; name: string }
  | { kind: 'op'; op: string }

const STATUS_FUNCTIONS = new Set(['always', 'success', 'failure', 'cancelled'])

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const rest = source.slice(i)
    const space = /^\s+/.exec(rest)
    const string = /^'((?:[^']|'')*)'/.exec(rest)
    const number = /^-?\d+(\.\d+)?/.exec(rest)
    const call = /^([A-Za-z]\w*)\(\s*\)/.exec(rest)
    const fn = /^([A-Za-z]\w*)\(/.exec(rest)
    const word = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*/.exec(rest)
    const op = /^(==|!=|&&|\|\||!|\(|\)|,)/.exec(rest)
    if (space) i += space[0].length
    else if (string) {
      tokens.push({ kind: 'literal', value: string[1]!.replace(/''/g, "'") })
      i += string[0].length
    } else if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]) })
      i += number[0].length
    } else if (call && STATUS_FUNCTIONS.has(call[1]!.toLowerCase())) {
      tokens.push({ kind: 'call', name: call[1]!.toLowerCase() })
      i += call[0].length
    } else if (fn) {
      tokens.push({ kind: 'function', name: fn[1]!.toLowerCase() })
      i += fn[0].length
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

  let dead = 0
  const skipped = (parse: () => Value) => {
    dead++
    try {
      parse()
    } finally {
      dead--
    }
  }
  const or = (): Value => {
    let left = and()
    while (isOp('||')) {
      position++
      // Short-circuit as GitHub does: the operand not taken is parsed, never evaluated (fromJSON of a label).
      if (truthy(left)) skipped(and)
      else left = and()
    }
    return left
  }
  const and = (): Value => {
    let left = comparison()
    while (isOp('&&')) {
      position++
      if (truthy(left)) left = comparison()
      else skipped(comparison)
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
    if (token.kind === 'function') {
      const args: Value[] = []
      if (!isOp(')')) {
        args.push(or())
        while (isOp(',')) {
          position++
          args.push(or())
        }
      }
      if (!isOp(')')) throw new Error(`missing ')' after the arguments of ${token.name}() in '${source}'`)
      position++
      return dead > 0 ? null : callFunction(token.name, args)
    }
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

const text = (value: Value): string =>
  value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)

function callFunction(name: string, args: Value[]): Value {
  switch (name) {
    case 'format':
      return text(args[0] ?? '').replace(/\{(\d+)\}/g, (_, index: string) =>
        text(args[Number(index) + 1] ?? '')
      )
    case 'startswith':
      return text(args[0] ?? '')
        .toLowerCase()
        .startsWith(text(args[1] ?? '').toLowerCase())
    case 'endswith':
      return text(args[0] ?? '')
        .toLowerCase()
        .endsWith(text(args[1] ?? '').toLowerCase())
    case 'contains': {
      const [haystack, needle] = args
      if (Array.isArray(haystack)) return haystack.some(item => equal(item, needle ?? null))
      return text(haystack ?? '')
        .toLowerCase()
        .includes(text(needle ?? '').toLowerCase())
    }
    case 'fromjson':
      return JSON.parse(text(args[0] ?? '')) as Value
    case 'tojson':
      return JSON.stringify(args[0] ?? null, null, 2)
    default:
      throw new Error(`unknown function ${name}()`)
  }
}

function lookup(path: string[], context: Context): Value {
  let value: Value = context.values[path[0]!] ?? null
  for (const key of path.slice(1)) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value[key] ?? null) : null
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
