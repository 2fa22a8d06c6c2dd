import type { ResultBlock } from '../../types.js'
import type { LiveResult } from './verify.js'

const MAX_ROWS = 100
const OUTCOME: Record<string, string> = { passed: '✅ passed', failed: '❌ failed', skipped: '➖ skipped' }

/** The live verification's table: one row per request (several per operation: examples, then boundary values). */
export function liveBlocks(live: LiveResult, baseUrl: URL): ResultBlock[] {
  if (live.checks.length === 0)
    return [{ kind: 'text', text: `No operation selected for ${baseUrl.origin}.` }]
  const rows = live.checks.slice(0, MAX_ROWS).map(check => {
    const detail =
      check.outcome === 'failed'
        ? (check.violations[0]?.rule ?? check.reason ?? '')
        : check.outcome === 'skipped'
          ? (check.reason ?? '')
          : ''
    return [
      check.operation,
      check.variant === undefined ? (check.request ?? '') : `${check.request ?? ''} — ${check.variant}`,
      check.status === undefined ? '' : String(check.status),
      check.durationMs === undefined ? '' : `${check.durationMs} ms`,
      `${OUTCOME[check.outcome]} ${detail}`.trim()
    ]
  })
  const blocks: ResultBlock[] = [
    {
      kind: 'text',
      text: `${live.requests} requests for ${live.checked} operations to ${baseUrl.origin}, ${live.failedResponses} responses did not match the spec.`
    },
    { kind: 'table', columns: ['Operation', 'Request', 'Status', 'Time', 'Result'], rows }
  ]
  const reproductions = live.checks.filter(check => check.curl).slice(0, 20)
  if (reproductions.length > 0)
    blocks.push(
      { kind: 'text', text: 'Reproduce each failure (secrets masked):' },
      {
        kind: 'code',
        language: 'sh',
        text: reproductions
          .map(check => `# ${check.operation}${check.variant ? `: ${check.variant}` : ''}\n${check.curl}`)
          .join('\n\n')
      }
    )
  if (live.checks.length > MAX_ROWS)
    blocks.push({
      kind: 'text',
      text: `… ${live.checks.length - MAX_ROWS} more requests in the JSON report.`
    })
  return blocks
}
