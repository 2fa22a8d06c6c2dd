// `comment-key`, which pr-gates.yml sets to its `service`: one pull request, the same gate called once per service,
// one sticky comment per service. Through dist/index.js as the runner runs it, against the GitHub API stand-in.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pullRequestEvent, startGitHubApi, type GitHubApi } from '../helpers/github-api.js'
import { ensureBuilt, NODE_BINARIES, runAction } from '../helpers/runner.js'
import { parseWorkflow, readWorkflowText } from './workflow-files.js'

beforeAll(() => ensureBuilt())

/** Two services with env files; `web` misses a key in production. */
function monorepo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-monorepo-'))
  for (const [service, production] of [
    ['api', 'DATABASE_URL=postgres://db/api\n'],
    ['web', '']
  ] as const) {
    const dir = path.join(root, 'services', service)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, '.env.example'), 'DATABASE_URL=\n')
    writeFileSync(path.join(dir, '.env.production'), production)
  }
  return root
}

const node = NODE_BINARIES[0]!.path
const gate = (service: string, key: string) => ({
  gate: 'env',
  'working-directory': `services/${service}`,
  schema: '.env.example',
  'env-files': '.env.production',
  'github-token': 'ghs_token_for_tests',
  'comment-key': key,
  'fail-on': 'never'
})

describe('comment-key: one sticky comment per gate and service', () => {
  let api: GitHubApi
  beforeEach(async () => {
    api = await startGitHubApi({ token: 'ghs_token_for_tests' })
  })
  afterEach(() => api.close())

  it('keeps each service its own comment, and a re-run updates only its own', async () => {
    const cwd = monorepo()
    const event = pullRequestEvent(7)
    for (const service of ['api', 'web'])
      expect(
        (await runAction({ node, cwd, inputs: gate(service, service), event, apiUrl: api.url })).code
      ).toBe(0)
    const markers = () =>
      api.issueComments('octo-org/octo-repo', 7).map(comment => comment.body.split('\n')[0])
    expect(markers()).toEqual(['<!-- deploy-gates:env:api -->', '<!-- deploy-gates:env:web -->'])
    const web = api.issueComments('octo-org/octo-repo', 7)[1]!
    expect(web.body).toContain('missing-key')

    await runAction({ node, cwd, inputs: gate('web', 'web'), event, apiUrl: api.url })
    expect(markers()).toEqual(['<!-- deploy-gates:env:api -->', '<!-- deploy-gates:env:web -->'])
    expect(api.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/repos/octo-org/octo-repo/issues/comments/${web.id}`
    })
  }, 60_000)

  it('rejects a key that could end the HTML comment, naming the input', async () => {
    const run = await runAction({
      node,
      cwd: monorepo(),
      inputs: gate('api', 'api --> <b>'),
      event: pullRequestEvent(7),
      apiUrl: api.url
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /comment-key.*must be letters, digits, '\.', '_', '-' or '\/', up to 64 \(got 'api --> <b>'\)/
    )
    expect(api.issueComments('octo-org/octo-repo', 7)).toEqual([])
  }, 60_000)

  it('pr-gates.yml passes its service as the key of every gate', () => {
    const prGates = parseWorkflow(readWorkflowText('.github/workflows/pr-gates.yml'))
    const gates = Object.values(prGates.jobs).flatMap(job =>
      (job.steps ?? []).filter(step => /^deploy-gates\/deploy-gates\/actions\//.test(step.uses ?? ''))
    )
    expect(gates).toHaveLength(3)
    for (const step of gates) expect(step.with!['comment-key']).toBe('${{ inputs.service }}')
  })
})
