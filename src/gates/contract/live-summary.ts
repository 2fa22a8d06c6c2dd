import type { LiveResult } from './verify.js'

const MAX_ROWS = 100
const OUTCOME: Record<string, string> = { passed: '✅ passed', failed: '❌ failed', skipped: '➖ skipped' }

/** The per-operation table of the live verification. */
export function liveMarkdown(live: LiveResult, baseUrl: URL): string {
  if (live.checks.length === 0) return `No operation selected for ${baseUrl.origin}.`
  const rows = live.checks.slice(0, MAX_ROWS).map(check => {
    const detail =
      check.outcome === 'failed'
        ? (check.violations[0]?.rule ?? check.reason ?? '')
        : check.outcome === 'skipped'
          ? (check.reason ?? '')
          : ''
    return `| ${cell(check.operation)} | ${cell(check.request ?? '')} | ${check.status ?? ''} | ${check.durationMs === undefined ? '' : `${check.durationMs} ms`} | ${OUTCOME[check.outcome]} ${cell(detail)} |`
  })
  const more =
    live.checks.length > MAX_ROWS
      ? `\n\n… ${live.checks.length - MAX_ROWS} more operations in the JSON report.`
      : ''
  return (
    [
      `${live.checked} requests to ${baseUrl.origin}, ${live.failedResponses} responses did not match the spec.`,
      '',
      '| Operation | Request | Status | Time | Result |',
      '| --- | --- | --- | --- | --- |',
      ...rows
    ].join('\n') + more
  )
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
