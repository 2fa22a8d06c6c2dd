/**
 * JSON from inputs that may hold secrets (a deployment payload, a header map). V8's own parse errors
 * quote the text around the fault (`Unexpected token 'x', "ghp_abc"... is not valid JSON`), which would
 * print the secret; these errors give only the position.
 */
import { InputError } from '../errors.js'

/** Parses `text`; on failure an InputError naming `what` and the line and column, never quoting the text. */
export function parseJsonWithoutEcho(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new InputError(`${what} is not valid JSON (${describeJsonError(text, error)})`)
  }
}

/** "syntax error at line 3, column 1" (or "the text ends too early"), found without quoting the text. */
export function describeJsonError(text: string, error?: unknown): string {
  void error
  const offset = firstSyntaxError(text)
  if (offset === undefined || offset >= text.length) return 'the text ends too early'
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `syntax error at line ${line}, column ${column}`
}

/**
 * The offset of the first character that makes `text` invalid JSON (text.length when it ends too early,
 * undefined when it is valid). V8's messages carry an excerpt and, depending on the version, no position,
 * so the position comes from this scan (iterative: a deep document cannot overflow the stack).
 */
export function firstSyntaxError(text: string): number | undefined {
  let i = 0
  const stack: ('{' | '[')[] = []
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const string = (): boolean => {
    i++
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return true
      }
      if (c < 0x20) return false
      if (c === 0x5c) {
        const e = text[i + 1]
        if (e === undefined) return false
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false
          i += 6
        } else if ('"\\/bfnrt'.includes(e)) i += 2
        else {
          i++
          return false
        }
      } else i++
    }
    return false
  }
  const scalar = (): boolean => {
    const rest = text.slice(i, i + 400)
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(rest)
    if (!literal) return false
    i += literal[0].length
    return true
  }
  // A value, then what may follow it, until the document ends.
  for (;;) {
    space()
    if (i >= text.length) return i
    const c = text[i]
    if (c === '{' || c === '[') {
      stack.push(c)
      i++
      space()
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop()
        i++
      } else {
        if (c === '{') {
          if (text[i] !== '"') return i
          if (!string()) return i
          space()
          if (text[i] !== ':') return i
          i++
        }
        continue
      }
    } else if (c === '"') {
      if (!string()) return i
    } else if (!scalar()) return i
    // After a value: a separator, a closing bracket, or the end.
    for (;;) {
      space()
      if (stack.length === 0) return i < text.length ? i : undefined
      if (i >= text.length) return i
      const top = stack[stack.length - 1]
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop()
        i++
        continue
      }
      if (text[i] !== ',') return i
      i++
      if (top === '{') {
        space()
        if (text[i] !== '"') return i
        if (!string()) return i
        space()
        if (text[i] !== ':') return i
        i++
      }
      break
    }
  }
}
