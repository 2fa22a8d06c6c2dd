import { describe, expect, it } from '@jest/globals'
import {
  COMMENT_MAX_CHARS,
  commentBudget,
  escapeMarkdown,
  inlineCode,
  renderMarkdown,
  SUMMARY_BUDGET,
  type MarkdownView
} from '../../src/report/markdown.js'
import { countFindings } from '../../src/report/status.js'
import type { Finding, GateResult } from '../../src/types.js'
import { finding, gateResult } from './fixtures.js'

function view(result: GateResult, reportPath = '/tmp/r.json'): MarkdownView {
  return { result, status: 'failed', counts: countFindings(result.findings), failOn: 'error', reportPath }
}

describe('escaping', () => {
  it('neutralises HTML, table pipes, markdown syntax and mentions', () => {
    expect(escapeMarkdown('a|b <script>alert(1)</script> *x* [l](u) `c` @alice\nnext')).toBe(
      'a&#124;b &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[l\\](u) \\`c\\` @&#8203;alice<br>next'
    )
    expect(inlineCode('a`b|c<d>')).toBe('<code>a`b&#124;c&lt;d&gt;</code>')
  })
})

describe('renderMarkdown', () => {
  const findings: Finding[] = [
    finding({
      file: '.env.production',
      line: 7,
      column: 1,
      rule: 'placeholder-value',
      severity: 'warning',
      message: 'API_KEY looks like a placeholder',
      help: 'Set a real value'
    }),
    finding({
      file: '.env.production',
      line: 2,
      rule: 'missing-key',
      message: 'DATABASE_URL is missing',
      help: 'Add DATABASE_URL'
    }),
    finding({ file: '.env.staging', line: 1, column: 4, rule: 'syntax', message: 'unterminated "quote' }),
    finding({
      rule: 'missing-key',
      message: 'SENTRY_DSN is not set in the process environment',
      help: 'Add DATABASE_URL'
    })
  ]
  const result = gateResult(findings, {
    sections: [
      {
        heading: 'Parity',
        blocks: [{ kind: 'table', columns: ['key', 'staging', 'production'], rows: [['TTL', '60', '300']] }]
      }
    ]
  })

  it('writes status, scope, findings grouped by file, help, then sections, in that order', () => {
    const text = renderMarkdown(view(result), SUMMARY_BUDGET)
    const order = [
      '### ❌ Environment validation: failed',
      '**3 errors, 1 warning** · fail-on: <code>error</code>',
      'Checked: 2 env files, 3 keys',
      '#### Not tied to a file',
      'SENTRY\\_DSN is not set in the process environment',
      '#### <code>.env.production</code>',
      '| ❌ error | 2 | <code>missing-key</code> | DATABASE\\_URL is missing |',
      '| ⚠️ warning | 7:1 | <code>placeholder-value</code> | API\\_KEY looks like a placeholder |',
      '#### <code>.env.staging</code>',
      '| ❌ error | 1:4 | <code>syntax</code> | unterminated &quot;quote |',
      '#### How to fix',
      '#### Parity',
      '| TTL | 60 | 300 |',
      'JSON report: <code>/tmp/r.json</code>'
    ]
    let at = -1
    for (const piece of order) {
      const next = text.indexOf(piece)
      expect({ piece, found: next > at }).toEqual({ piece, found: true })
      at = next
    }
    // identical help is listed once
    expect(text.match(/Add DATABASE\\_URL/g)).toHaveLength(1)
    expect(text).toContain('- <code>placeholder-value</code>: Set a real value')
  })

  it('says so when there is nothing to report', () => {
    const text = renderMarkdown({ ...view(gateResult([])), status: 'passed' }, SUMMARY_BUDGET)
    expect(text).toContain('### ✅ Environment validation: passed')
    expect(text).toContain('No findings.')
  })

  it('starts a comment with the marker and folds long lists into <details>', () => {
    const many = Array.from({ length: 12 }, (_, i) => finding({ file: `f${i % 3}.env`, line: i + 1 }))
    const text = renderMarkdown(
      { ...view(gateResult(many)), runUrl: 'https://github.com/o/r/actions/runs/1' },
      commentBudget('<!-- deploy-gates:env -->')
    )
    expect(text.startsWith('<!-- deploy-gates:env -->\n')).toBe(true)
    expect(text).toContain('<details><summary><code>f0.env</code> — 4 errors, 0 warnings</summary>')
    expect(text.match(/<details>/g)).toHaveLength(3)
    expect(text).toContain('<a href="https://github.com/o/r/actions/runs/1">workflow run</a>')
    // short lists stay open
    expect(renderMarkdown(view(gateResult(many.slice(0, 3))), commentBudget('<!-- m -->'))).not.toContain(
      '<details>'
    )
  })

  it('keeps a comment under GitHub’s 65,536 characters, saying how many findings were left out', () => {
    const huge = Array.from({ length: 3000 }, (_, i) =>
      finding({
        file: `services/svc-${i % 40}/.env`,
        line: i + 1,
        message: `KEY_${i} ${'is wrong '.repeat(12)}`
      })
    )
    const text = renderMarkdown(view(gateResult(huge)), commentBudget('<!-- deploy-gates:env -->'))
    expect(text.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    const shown = (text.match(/^\| ❌ error/gm) ?? []).length
    expect(shown).toBeGreaterThan(100)
    expect(text).toContain(`_${3000 - shown} more findings are not shown here: the JSON report`)
    // every <details> that was opened is closed
    expect((text.match(/<details>/g) ?? []).length).toBe((text.match(/<\/details>/g) ?? []).length)
  })

  it('keeps the job summary under 1 MiB and replaces a section that does not fit', () => {
    const huge = Array.from({ length: 12000 }, (_, i) =>
      finding({ file: 'big.env', line: i + 1, message: 'x'.repeat(120) })
    )
    const result = gateResult(huge, {
      sections: [{ heading: 'Parity', blocks: [{ kind: 'text', text: 'y'.repeat(2_000_000) }] }]
    })
    const text = renderMarkdown(view(result), SUMMARY_BUDGET)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024)
    expect(text).toMatch(/_\d+ more findings are not shown here/)
    expect(text).toContain('_Parity: too large to show here; see the JSON report._')
  })
})
