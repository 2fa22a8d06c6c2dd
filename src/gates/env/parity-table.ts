/** The side-by-side view of parity keys for the summary and the JSON report, with secrets redacted. */
import { redactUrl } from '../../inputs.js'
import type { ResultBlock, ResultSection } from '../../types.js'
import type { ParityCell, ParityRow } from './check.js'

const MAX_SHOWN = 40

/** Secret values become a letter per distinct value: equal letters mean equal values, nothing more. */
function redactionLetters(row: ParityRow): Map<string, string> {
  const letters = new Map<string, string>()
  for (const cell of row.cells.values()) {
    if (cell && !letters.has(cell.value))
      letters.set(cell.value, String.fromCharCode(65 + (letters.size % 26)))
  }
  return letters
}

function hidden(row: ParityRow, cell: ParityCell): boolean {
  return row.secret || cell.fromProcess
}

function shown(value: string): string {
  value = redactUrl(value)
  const short = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value
  return short.replace(/\n/g, '⏎')
}

export function paritySection(rows: ParityRow[], environments: string[]): ResultSection | undefined {
  if (rows.length === 0) return undefined
  const tableRows = rows.map(row => {
    const letters = redactionLetters(row)
    const cells = environments.map(name => {
      if (!row.cells.has(name)) return '·'
      const cell = row.cells.get(name)
      if (!cell) return '(not set)'
      const value = hidden(row, cell) ? `••• ${letters.get(cell.value)}` : shown(cell.value)
      const origin = cell.fromProcess ? 'process env' : `${cell.file}:${cell.line}`
      return `${value}\n${origin}`
    })
    return [row.equal ? '✅' : '❌', `${row.key}${row.secret ? ' (secret)' : ''}`, ...cells]
  })
  const blocks: ResultBlock[] = [
    { kind: 'table', columns: ['', 'Variable', ...environments], rows: tableRows, code: [1] }
  ]
  if (rows.some(row => row.secret || [...row.cells.values()].some(cell => cell?.fromProcess)))
    blocks.push({
      kind: 'text',
      text: 'Secret values are never shown: the same letter means the same value.'
    })
  return { heading: 'Parity across environments', blocks }
}

/** The same matrix for the JSON report: values only where they are not secret. */
export function parityData(rows: ParityRow[]): Record<string, unknown>[] {
  return rows.map(row => {
    const letters = redactionLetters(row)
    return {
      key: row.key,
      equal: row.equal,
      secret: row.secret,
      environments: Object.fromEntries(
        [...row.cells].map(([name, cell]) => [
          name,
          cell === undefined
            ? null
            : {
                ...(hidden(row, cell)
                  ? { redacted: letters.get(cell.value) }
                  : { value: redactUrl(cell.value) }),
                source: cell.fromProcess ? 'process-env' : `${cell.file}:${cell.line}`
              }
        ])
      )
    }
  })
}
