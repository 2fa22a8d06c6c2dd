// What a user sees when the env gate runs in a workflow: annotations, outputs, job summary, report files and
// the sticky PR comment, through dist/index.js as the runner runs it, on each Node.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent, startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'

const CANARY = 'sk_live_canary_4f9a8b7c6d5e4f3a2b1c'
const MARKER = '<!-- deploy-gates:env -->'

beforeAll(() => ensureBuilt())

/** A workspace with the service in `svc/`: staging is complete, production misses a key and has an empty one. */
function workspace(production = 'DATABASE_URL=postgres://db.acme-cloud.net/app\nLOG_LEVEL=\n'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-ws-'))
  const svc = path.join(root, 'svc')
  mkdirSync(svc)
  writeFileSync(path.join(svc, '.env.example'), 'DATABASE_URL=\nAPI_KEY=\nLOG_LEVEL=\n')
  writeFileSync(
    path.join(svc, '.env.staging'),
    `DATABASE_URL=postgres://db.acme-cloud.net/staging\nAPI_KEY=${CANARY}\nLOG_LEVEL=info\n`
  )
  writeFileSync(path.join(svc, '.env.production'), production)
  return root
}

const inputs = {
  gate: 'env',
  'working-directory': 'svc',
  schema: '.env.example',
  'env-files': '.env.staging\n.env.production',
  'github-token': 'ghs_token_for_tests'
}

describe.each(NODE_BINARIES)('env gate through the runner protocol ($label)', ({ path: node }) => {
  let api: GitHubApi
  beforeEach(async () => {
    api = await startGitHubApi({ token: 'ghs_token_for_tests' })
  })
  afterEach(() => api.close())

  it('annotates, sets outputs, writes the summary and report, and keeps one sticky comment', async () => {
    // 120 unrelated comments: the listing needs two pages of 100.
    for (let i = 0; i < 120; i++) api.addComment('octo-org/octo-repo', 7, `review comment ${i}`)
    const cwd = workspace()
    const first = await runAction({ node, cwd, inputs, event: pullRequestEvent(7), apiUrl: api.url })

    expect(first.code).toBe(1)
    expect(first.annotations).toEqual([
      {
        level: 'error',
        file: 'svc/.env.production',
        title: 'missing-key',
        message:
          'API_KEY is required (.env.example) but not set in .env.production\nAdd API_KEY=… to .env.production.'
      },
      {
        level: 'error',
        file: 'svc/.env.production',
        line: 2,
        col: 11,
        title: 'empty-value',
        message: expect.stringMatching(/^LOG_LEVEL is empty in \.env\.production/)
      },
      { level: 'error', message: 'Environment validation failed: 2 errors, 0 warnings (fail-on: error)' }
    ])
    expect(first.outputs).toEqual({
      status: 'failed',
      errors: '2',
      warnings: '0',
      report: path.join(first.runnerTemp, 'deploy-gates-env.json')
    })
    const report = JSON.parse(readFileSync(first.outputs.report!, 'utf8'))
    expect(report).toMatchObject({ gate: 'env', status: 'failed', counts: { errors: 2, warnings: 0 } })
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['missing-key', 'empty-value'])

    expect(first.summary).toContain('### ❌ Environment validation: failed')
    expect(first.summary).toContain('#### <code>.env.production</code>')
    expect(first.summary).toContain('| ❌ error | 2:11 | <code>empty-value</code> |')

    const created = api.requests.map(
      r => `${r.method} ${r.path}${r.query.page ? `?page=${r.query.page}` : ''}`
    )
    expect(created).toEqual([
      'GET /repos/octo-org/octo-repo/issues/7/comments',
      'GET /repos/octo-org/octo-repo/issues/7/comments?page=2',
      'POST /repos/octo-org/octo-repo/issues/7/comments'
    ])
    expect(first.stdout).toMatch(
      /^PR comment created: https:\/\/github\.com\/octo-org\/octo-repo\/pull\/7#issuecomment-\d+$/m
    )
    const posted = api.requests[2]!.body as { body: string }
    expect(posted.body.startsWith(`${MARKER}\n### ❌ Environment validation: failed`)).toBe(true)

    // The fix lands; the re-run updates the same comment.
    writeFileSync(
      path.join(cwd, 'svc', '.env.production'),
      'DATABASE_URL=postgres://db.acme-cloud.net/app\nAPI_KEY=sk_live_other_0123456789abcdef\nLOG_LEVEL=warn\n'
    )
    api.requests.length = 0
    const second = await runAction({ node, cwd, inputs, event: pullRequestEvent(7), apiUrl: api.url })
    expect(second.code).toBe(0)
    expect(second.outputs.status).toBe('passed')
    expect(api.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
    const ours = api.issueComments('octo-org/octo-repo', 7).filter(c => c.body.startsWith(MARKER))
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toContain('### ✅ Environment validation: passed')
    expect(api.requests[2]!.path).toBe(`/repos/octo-org/octo-repo/issues/comments/${ours[0]!.id}`)

    // The secret value was registered with the masker and appears nowhere else.
    for (const run of [first, second]) {
      const everything = [
        run.stdout.replace(`::add-mask::${CANARY}`, ''),
        run.stderr,
        run.summary,
        JSON.stringify(run.outputs)
      ]
      for (const text of everything) expect(text).not.toContain(CANARY)
    }
    expect(first.stdout).toContain(`::add-mask::${CANARY}`)
    for (const request of api.requests) expect(JSON.stringify(request.body)).not.toContain(CANARY)
    expect(readFileSync(first.outputs.report!, 'utf8')).not.toContain(CANARY)
  })

  it('keeps the verdict when the comment cannot be written, and says why', async () => {
    await api.close()
    api = await startGitHubApi({
      routes: [
        {
          method: 'POST',
          path: /\/issues\/\d+\/comments$/,
          handle: () => ({ status: 403, body: { message: 'Resource not accessible by integration' } })
        }
      ]
    })
    const cwd = workspace(
      'DATABASE_URL=postgres://db.acme-cloud.net/app\nAPI_KEY=sk_live_other_0123456789abcdef\nLOG_LEVEL=warn\n'
    )
    const run = await runAction({ node, cwd, inputs, event: pullRequestEvent(3), apiUrl: api.url })
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('passed')
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        message:
          'could not update the PR comment: the token may not write to this pull request (403: Resource not accessible by integration); ' +
          'give the job `permissions: pull-requests: write` (on pull requests from forks the token is read-only)'
      }
    ])
  })
})

describe('limits, fail-on and extra report files', () => {
  it('annotates the first 10 errors, says how many more there are, and lists all in the summary', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-ws-'))
    const keys = Array.from({ length: 25 }, (_, i) => `KEY_${String(i).padStart(2, '0')}`)
    writeFileSync(path.join(root, '.env.example'), keys.map(key => `${key}=`).join('\n') + '\n')
    writeFileSync(path.join(root, '.env.production'), keys.map(key => `${key}=`).join('\n') + '\n')
    const run = await runAction({
      cwd: root,
      inputs: {
        gate: 'env',
        schema: '.env.example',
        'env-files': '.env.production',
        sarif: 'out/env.sarif',
        junit: 'out/env.xml'
      }
    })
    expect(run.code).toBe(1)
    const errors = run.annotations.filter(a => a.level === 'error' && a.title === 'empty-value')
    expect(errors.map(a => a.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(run.annotations.filter(a => a.level === 'notice')).toEqual([
      {
        level: 'notice',
        title: 'deploy-gates env: 15 more findings',
        message:
          '15 more findings (15 errors, 0 warnings) are not annotated: GitHub shows at most 10 errors and 10 warnings per step. ' +
          'The job summary and the JSON report list every finding.'
      }
    ])
    expect(run.summary.match(/^\| ❌ error \| \d+:\d+ \| <code>empty-value<\/code>/gm)).toHaveLength(25)
    // the log keeps the full list too
    expect(run.stdout).toContain('::group::All 25 findings')
    expect(run.stdout).toContain('.env.production:25:8  error   empty-value  KEY_24 is empty')

    const sarif = JSON.parse(readFileSync(path.join(root, 'out', 'env.sarif'), 'utf8'))
    expect(sarif.runs[0].results).toHaveLength(25)
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.env.production', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 8 }
    })
    expect(readFileSync(path.join(root, 'out', 'env.xml'), 'utf8')).toContain('tests="25" failures="25"')
  })

  it('passes with fail-on: never, and still reports', async () => {
    const run = await runAction({
      cwd: workspace(),
      inputs: { ...inputs, 'fail-on': 'never', 'github-token': '' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'passed', errors: '2' })
    expect(run.annotations.filter(a => a.level === 'error')).toHaveLength(2)
    expect(run.summary).toContain('### ✅ Environment validation: passed')
  })
})
