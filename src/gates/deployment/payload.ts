import { InputError } from '../../errors.js'

/**
 * Parses a JSON input that may hold secrets (a deployment payload often carries registry paths, sometimes
 * tokens). V8's parse errors quote the text around the problem (`"{"token":"ghp_…" is not valid JSON`), so the
 * message is rebuilt from the position alone: the input itself is never echoed.
 */
export function parseJsonInput(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const message = (error as Error).message
    const position = /at position (\d+)/.exec(message)?.[1]
    const problem = /Unexpected end of JSON input|Unterminated/.test(message)
      ? 'it ends before the JSON is complete'
      : 'it has a syntax error'
    const where = position === undefined ? '' : ` at ${lineColumn(text, Number(position))}`
    throw new InputError(`${what} is not valid JSON: ${problem}${where}`)
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}
