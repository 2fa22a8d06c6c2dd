/**
 * Markdown for the job summary and the PR comment, from one renderer: a status line, a scope line, the
 * findings grouped by file, how to fix them, then the gate's own sections. Everything a gate or a user
 * controls (messages, file names, rule ids) is escaped; the output stays under a size budget.
 */
import type { FailOn, Finding, GateResult, ResultSection, Severity } from '../types.js'
import { sectionToMarkdownBody } from './blocks.js'
import { escapeHtml, escapeMarkdown, inlineCode } from './markdown-escape.js'
import { formatPosition, groupByFile } from './order.js'
import type { Counts, Status } from './status.js'

export { escapeHtml, escapeMarkdown, inlineCode } from './markdown-escape.js'

export interface MarkdownView {
  result: GateResult
  status: Status
  counts: Counts
  failOn: FailOn
  /** Where the full JSON report is (shown in the job summary). */
  reportPath?: string
  /** Link to the workflow run (shown in the PR comment). */
  runUrl?: string
}

export interface MarkdownBudget {
  /** Largest allowed size, as `measure` counts. */
  maxSize: number
  measure: (text: string) => number
  /** Fold long lists into <details> (PR comments, where space is shared with humans). */
  fold: boolean
  /** First line, e.g. the sticky comment's hidden marker. */
  marker?: string
}

/** GitHub rejects a step summary over 1 MiB; leave room for other steps' appends. */
export const SUMMARY_BUDGET: MarkdownBudget = {
  maxSize: 1_000_000,
  measure: text => Buffer.byteLength(text, 'utf8'),
  fold: false
}

/** GitHub rejects a comment body over 65,536 characters. */
export const COMMENT_MAX_CHARS = 65_536
export function commentBudget(marker: string): MarkdownBudget {
  return { maxSize: COMMENT_MAX_CHARS - 1_000, measure: text => text.length, fold: true, marker }
}

/** Findings in a comment beyond which each file's table is folded. */
export const FOLD_AFTER = 10
/** Section text longer than this is folded in a comment. */
const FOLD_SECTION_CHARS = 1_500
/** Room kept for the truncation note and the footer. */
const RESERVE = 600

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

export function countsLine(counts: Counts): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')]
  if (counts.notices) parts.push(plural(counts.notices, 'notice'))
  return parts.join(', ')
}

class SizedText {
  private readonly parts: string[] = []
  private size = 0
  constructor(private readonly budget: MarkdownBudget) {}
  fits(text: string, reserve = RESERVE): boolean {
    return this.size + this.budget.measure(text) + reserve <= this.budget.maxSize
  }
  add(text: string): void {
    this.parts.push(text)
    this.size += this.budget.measure(text)
  }
  toString(): string {
    return this.parts.join('')
  }
}

function tableRow(finding: Finding): string {
  const cells = [
    `${ICON[finding.severity]} ${finding.severity}`,
    formatPosition(finding) || '—',
    inlineCode(finding.rule),
    escapeMarkdown(finding.message)
  ]
  return `| ${cells.join(' | ')} |\n`
}

const TABLE_HEAD = '| Severity | Line | Rule | Finding |\n| --- | ---: | --- | --- |\n'

function groupSummary(file: string | undefined, findings: Finding[]): string {
  const counts = { errors: 0, warnings: 0, notices: 0 }
  for (const finding of findings) {
    if (finding.severity === 'error') counts.errors++
    else if (finding.severity === 'warning') counts.warnings++
    else counts.notices++
  }
  return `${file === undefined ? 'Not tied to a file' : inlineCode(file)} — ${countsLine(counts)}`
}

/** Distinct (rule, help) pairs, in the order findings name them. */
function helpEntries(findings: readonly Finding[]): { rule: string; help: string }[] {
  const seen = new Set<string>()
  const entries: { rule: string; help: string }[] = []
  for (const finding of findings) {
    if (!finding.help) continue
    const key = `${finding.rule}\u0000${finding.help}`
    if (seen.has(key)) continue
    seen.add(key)
    entries.push({ rule: finding.rule, help: finding.help })
  }
  return entries
}

export function renderMarkdown(view: MarkdownView, budget: MarkdownBudget): string {
  const { result, status, counts } = view
  const out = new SizedText(budget)
  if (budget.marker) out.add(`${budget.marker}\n`)
  out.add(`### ${status === 'passed' ? '✅' : '❌'} ${escapeMarkdown(result.title)}: ${status}\n\n`)
  out.add(`**${countsLine(counts)}** · fail-on: ${inlineCode(view.failOn)}\n\n`)
  if (result.scope) out.add(`Checked: ${escapeMarkdown(result.scope)}\n\n`)
  const sorted = addFindings(out, view, budget)
  addHelp(out, sorted, budget)
  for (const section of result.sections) addSection(out, section, budget)
  const footer: string[] = []
  if (view.reportPath && !budget.fold) footer.push(`JSON report: ${inlineCode(view.reportPath)}`)
  if (view.runUrl && budget.fold) footer.push(`<a href="${escapeHtml(view.runUrl)}">workflow run</a>`)
  footer.push('deploy-gates')
  out.add(`<sub>${footer.join(' · ')}</sub>\n`)
  return out.toString()
}

/** One table per file (folded in a comment when there are many); what does not fit is counted, not cut. */
function addFindings(out: SizedText, view: MarkdownView, budget: MarkdownBudget): Finding[] {
  const { findings } = view.result
  const groups = groupByFile(findings)
  const sorted = groups.flatMap(group => group.findings)
  const fold = budget.fold && findings.length > FOLD_AFTER
  let written = 0
  let truncated = false
  if (findings.length === 0) out.add('No findings.\n\n')
  for (const group of groups) {
    const open = fold
      ? `<details><summary>${groupSummary(group.file, group.findings)}</summary>\n\n`
      : `#### ${group.file === undefined ? 'Not tied to a file' : inlineCode(group.file)}\n\n`
    const close = fold ? '\n</details>\n\n' : '\n'
    if (!out.fits(open + TABLE_HEAD + close)) {
      truncated = true
      break
    }
    out.add(open + TABLE_HEAD)
    for (const finding of group.findings) {
      const row = tableRow(finding)
      if (!out.fits(row + close)) {
        truncated = true
        break
      }
      out.add(row)
      written++
    }
    out.add(close)
    if (truncated) break
  }
  if (truncated) {
    const where = view.reportPath ? ` (${inlineCode(view.reportPath)})` : ''
    out.add(
      `_${sorted.length - written} more findings are not shown here: the JSON report${where} lists all of them._\n\n`
    )
  }
  return sorted
}

/** "How to fix": each distinct (rule, help) once, as many as fit. */
function addHelp(out: SizedText, sorted: readonly Finding[], budget: MarkdownBudget): void {
  const help = helpEntries(sorted)
  if (help.length === 0) return
  const lines = help.map(entry => `- ${inlineCode(entry.rule)}: ${escapeMarkdown(entry.help)}\n`)
  const foldHelp = budget.fold && help.length > 5
  let block = foldHelp ? '<details><summary>How to fix</summary>\n\n' : '#### How to fix\n\n'
  let shown = 0
  for (const line of lines) {
    if (!out.fits(block + line + '\n</details>\n\n')) break
    block += line
    shown++
  }
  if (shown < lines.length) block += `- … ${lines.length - shown} more in the JSON report\n`
  block += foldHelp ? '\n</details>\n\n' : '\n'
  if (shown > 0) out.add(block)
}

function addSection(out: SizedText, section: ResultSection, budget: MarkdownBudget): void {
  const heading = escapeMarkdown(section.heading)
  const body = sectionToMarkdownBody(section).trim()
  const folded = budget.fold && body.length > FOLD_SECTION_CHARS
  const block = folded
    ? `<details><summary>${heading}</summary>\n\n${body}\n\n</details>\n\n`
    : `#### ${heading}\n\n${body}\n\n`
  if (out.fits(block)) out.add(block)
  else out.add(`_${heading}: too large to show here; see the JSON report._\n\n`)
}
