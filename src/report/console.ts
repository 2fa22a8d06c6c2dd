/** The CLI's human-readable report (and the action log's full list): grouped by file, colour only on a terminal. */
import type { FailOn, Finding, GateResult, Severity } from '../types.js'
import { sectionToText } from './blocks.js'
import { countsLine } from './markdown.js'
import { formatPosition, groupByFile } from './order.js'
import type { Counts, Status } from './status.js'

/** NO_COLOR (any non-empty value) turns colour off, FORCE_COLOR on (unless `0`/`false`); else only on a TTY. */
export function shouldUseColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>
): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}

type Paint = (code: string, text: string) => string

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', notice: '36' }

function location(finding: Finding): string {
  const position = formatPosition(finding)
  if (finding.file === undefined) return ''
  return position ? `${finding.file}:${position}` : finding.file
}

export function formatFindingLine(finding: Finding, paint: Paint = (_, text) => text): string {
  const where = location(finding)
  const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(7))
  return `${where ? `${where}  ` : ''}${severity} ${paint('2', finding.rule)}  ${finding.message}`
}

export interface ConsoleView {
  result: GateResult
  status: Status
  counts: Counts
  failOn: FailOn
}

export function formatConsoleReport(view: ConsoleView, color: boolean): string {
  const paint: Paint = color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_, text) => text
  const lines: string[] = []
  for (const group of groupByFile(view.result.findings)) {
    lines.push(paint('1;4', group.file ?? 'not tied to a file'))
    for (const finding of group.findings) {
      lines.push(`  ${formatFindingLine(finding, paint)}`)
      if (finding.help) lines.push(`    ${paint('2', `↳ ${finding.help}`)}`)
    }
    lines.push('')
  }
  // The summary's sections, then the step outputs a workflow would read: the terminal shows what the job summary shows.
  const outputs = Object.entries(view.result.outputs)
  const sections = outputs.length
    ? [
        ...view.result.sections,
        { heading: 'Outputs', blocks: [{ kind: 'key-value' as const, pairs: outputs }] }
      ]
    : view.result.sections
  for (const section of sections)
    lines.push(...sectionToText(section).map(line => line.replace(/^(\S.*)$/, paint('1', '$1'))))
  const verdict =
    view.status === 'passed'
      ? paint('32', `✔ ${view.result.title} passed`)
      : paint('1;31', `✖ ${view.result.title} failed`)
  lines.push(`${verdict}: ${countsLine(view.counts)} (fail-on: ${view.failOn})`)
  if (view.result.scope) lines.push(paint('2', `  checked: ${view.result.scope}`))
  return lines.join('\n') + '\n'
}
