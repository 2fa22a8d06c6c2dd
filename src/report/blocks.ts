/**
 * Renders a gate's typed result blocks: Markdown for the job summary and the PR comment, plain text for the
 * terminal. Every string a gate puts in a block is plain text and is escaped here, once.
 */
import type { ResultBlock, ResultSection } from '../types.js'
import { escapeHtml, escapeMarkdown, inlineCode } from './markdown-escape.js'

const ALIGN_MARK = { left: '---', right: '---:', center: ':---:' } as const

function markdownCell(text: string, code: boolean): string {
  if (text === '') return ''
  return code ? inlineCode(text) : escapeMarkdown(text)
}

/** Mermaid strings cannot hold a double quote; labels lose them rather than break the chart. */
const mermaidLabel = (text: string) => `"${text.replace(/["\n\r`]/g, "'")}"`

export function blockToMarkdown(block: ResultBlock): string {
  switch (block.kind) {
    case 'text': {
      const text = escapeMarkdown(block.text)
      if (block.tone === 'note') return `> [!NOTE]\n> ${text}`
      if (block.tone === 'warning') return `> [!WARNING]\n> ${text}`
      return text
    }
    case 'table': {
      if (block.columns.length === 0) return ''
      const code = new Set(block.code ?? [])
      const header = `| ${block.columns.map(c => escapeMarkdown(c)).join(' | ')} |`
      const rule = `| ${block.columns.map((_, i) => ALIGN_MARK[block.align?.[i] ?? 'left']).join(' | ')} |`
      const rows = block.rows.map(
        row => `| ${block.columns.map((_, i) => markdownCell(row[i] ?? '', code.has(i))).join(' | ')} |`
      )
      return [header, rule, ...rows].join('\n')
    }
    case 'list':
      return block.items
        .map(
          (item, i) =>
            `${block.ordered ? `${i + 1}.` : '-'} ${block.code ? inlineCode(item) : escapeMarkdown(item)}`
        )
        .join('\n')
    case 'key-value':
      return [
        '| | |',
        '| --- | --- |',
        ...block.pairs.map(([k, v]) => `| ${escapeMarkdown(k)} | ${markdownCell(v, false)} |`)
      ].join('\n')
    case 'code': {
      // A fence longer than any backtick run inside, so the content cannot close it.
      const longest = Math.max(2, ...[...block.text.matchAll(/`+/g)].map(m => m[0].length))
      const fence = '`'.repeat(longest + 1)
      return `${fence}${block.language ?? ''}\n${block.text}\n${fence}`
    }
    case 'chart': {
      if (block.x.length === 0 || block.series.length === 0) return ''
      const values = block.series.flatMap(s => s.values.filter((v): v is number => v !== null))
      const top = Math.max(1, ...values)
      const bottom = Math.min(0, ...values)
      return [
        '```mermaid',
        'xychart-beta',
        `  title ${mermaidLabel(`${block.title} (${block.series.map(s => `${s.name}: ${s.style ?? 'line'}`).join(', ')})`)}`,
        `  x-axis ${mermaidLabel(block.xLabel)} [${block.x.map(mermaidLabel).join(', ')}]`,
        `  y-axis ${mermaidLabel(block.yLabel)} ${bottom} --> ${Math.ceil(top * 1.1)}`,
        ...block.series.map(
          s => `  ${s.style === 'bar' ? 'bar' : 'line'} [${s.values.map(v => v ?? 0).join(', ')}]`
        ),
        '```'
      ].join('\n')
    }
    case 'details':
      return `<details><summary>${escapeHtml(block.summary)}</summary>\n\n${blocksToMarkdown(block.blocks)}\n\n</details>`
  }
}

export function blocksToMarkdown(blocks: readonly ResultBlock[]): string {
  return blocks
    .map(blockToMarkdown)
    .filter(text => text !== '')
    .join('\n\n')
}

export function sectionToMarkdownBody(section: ResultSection): string {
  return blocksToMarkdown(section.blocks)
}

// ── plain text (terminal) ─────────────────────────────────────────────────

const SPARK = '▁▂▃▄▅▆▇█'

/** Drops control characters a terminal would act on (colours, cursor moves) from gate-supplied text. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const plain = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')

function pad(text: string, width: number, align: 'left' | 'right' | 'center'): string {
  const gap = width - [...text].length
  if (gap <= 0) return text
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2))
  return text + ' '.repeat(gap)
}

export function blockToText(block: ResultBlock, indent = ''): string[] {
  switch (block.kind) {
    case 'text':
      return plain(block.text)
        .split('\n')
        .map(line => `${indent}${block.tone === 'warning' ? '! ' : ''}${line}`)
    case 'table': {
      const cells = [block.columns, ...block.rows].map(row =>
        block.columns.map((_, i) => plain(row[i] ?? '').replace(/\n/g, ' '))
      )
      const widths = block.columns.map((_, i) => Math.max(...cells.map(row => [...row[i]!].length)))
      const line = (row: string[]) =>
        indent +
        row
          .map((cell, i) => pad(cell, widths[i]!, block.align?.[i] ?? 'left'))
          .join('  ')
          .trimEnd()
      return [
        line(cells[0]!),
        indent + widths.map(w => '-'.repeat(w)).join('  '),
        ...cells.slice(1).map(line)
      ]
    }
    case 'list':
      return block.items.map((item, i) => `${indent}${block.ordered ? `${i + 1}.` : '-'} ${plain(item)}`)
    case 'key-value': {
      const width = Math.max(0, ...block.pairs.map(([k]) => [...k].length))
      return block.pairs.map(([k, v]) => `${indent}${pad(plain(k), width, 'left')}  ${plain(v)}`)
    }
    case 'code':
      return plain(block.text)
        .split('\n')
        .map(line => `${indent}  ${line}`)
    case 'chart': {
      const lines = [`${indent}${plain(block.title)} (${plain(block.yLabel)} by ${plain(block.xLabel)})`]
      for (const series of block.series) {
        const values = series.values.filter((v): v is number => v !== null)
        const low = Math.min(...values)
        const high = Math.max(...values)
        const spark = series.values
          .map(v => (v === null ? ' ' : SPARK[high === low ? 0 : Math.round(((v - low) / (high - low)) * 7)]))
          .join('')
        lines.push(
          `${indent}  ${plain(series.name)}: ${spark}  ${values.length ? `${low}…${high}` : 'no data'}`
        )
      }
      return lines
    }
    case 'details':
      return [
        `${indent}${plain(block.summary)}`,
        ...block.blocks.flatMap(inner => blockToText(inner, `${indent}  `))
      ]
  }
}

export function sectionToText(section: ResultSection): string[] {
  const body = section.blocks.flatMap(block => [...blockToText(block, '  '), ''])
  return [plain(section.heading), ...body]
}
