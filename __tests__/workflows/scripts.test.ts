import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { expandScript, fakeGitHubApi, runScripts, runStep, workflowScript, type FakeApi } from './scripts.js'
import { parseWorkflow, readWorkflowText, workflowFiles } from './workflow-files.js'

const PIPELINE = '.github/workflows/pipeline.yml'
const files = workflowFiles()

describe('shellcheck on every run: script', () => {
  const steps = files.flatMap(runScripts)

  it("finds the scripts, with the eval'd workflow scripts expanded", () => {
    expect(steps.length).toBeGreaterThan(40)
    const deploy = steps.find(s => s.file === PIPELINE && s.step.id === 'deploy')!
    expect(deploy.script).toContain('while IFS= read -r line')
  })

  it.each(steps.map(s => [`${s.file} ${s.where}`, s] as const))('%s', (_, { script }) => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], {
      input: `#!/usr/bin/env bash\n${script}\n`,
      encoding: 'utf8'
    })
    expect(result.error).toBeUndefined()
    expect(result.stdout).toBe('')
  })

  it('shellcheck itself flags what it should (an unquoted expansion)', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], {
      input: '#!/usr/bin/env bash\nrm -rf $RUNNER_TEMP/x\n',
      encoding: 'utf8'
    })
    expect(result.stdout).toContain('SC2086')
  })

  it('the scripts shared by pipeline.yml and rollback.yml are the same text', () => {
    const env = (file: string) => parseWorkflow(readWorkflowText(file)).env ?? {}
    const pipeline = env(PIPELINE)
    const rollback = env('.github/workflows/rollback.yml')
    for (const name of Object.keys(rollback)) expect([name, rollback[name]]).toEqual([name, pipeline[name]])
    expect(Object.keys(rollback).sort()).toEqual([
      'DEPLOY_GATES_DEPLOY',
      'DEPLOY_GATES_ROLLBACK_ARTIFACT',
      'DEPLOY_GATES_SHA256',
      'DEPLOY_GATES_VERIFY'
    ])
  })
})

const sha256 = (file: string) => 'sha256:' + createHash('sha256').update(readFileSync(file)).digest('hex')

/** A PATH holding only these tools (`name=binary` to install one under another name, e.g. bsdtar as tar). */
function pathWith(tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-gates-bin-'))
  for (const tool of tools) {
    const [name, binary = name] = tool.split('=') as [string, string?]
    const found = execFileSync('bash', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim()
    symlinkSync(found, join(dir, name))
  }
  return dir
}
const COMMON_TOOLS = ['bash', 'cut', 'grep', 'mkdir', 'rm', 'dirname', 'basename', 'cat', 'env', 'gzip']
const BASE_TOOLS = [...COMMON_TOOLS, 'tar']

// Defect 12: the pack step needed GNU tar's options and sha256sum, which macOS and Windows runners lack.
describe('the artifact: packed, verified and unpacked with whatever the runner has', () => {
  const workflow = parseWorkflow(readWorkflowText(PIPELINE))
  const pack = expandScript(String(workflow.jobs.build!.steps!.find(s => s.id === 'pack')!.run), workflow)
  const verify = workflowScript(PIPELINE, 'DEPLOY_GATES_VERIFY')

  const roundTrip = async (path: string) => {
    const work = mkdtempSync(join(tmpdir(), 'deploy-gates-build-'))
    mkdirSync(join(work, 'dist', 'assets'), { recursive: true })
    writeFileSync(join(work, 'dist', 'index.js'), 'console.log("v2")\n')
    writeFileSync(join(work, 'dist', 'assets', 'app.css'), 'body{}\n')
    const runnerTemp = join(work, 'temp')
    const packed = await runStep(
      pack,
      {
        ARTIFACT_PATH: 'dist',
        ARTIFACT_NAME: 'deploy-gates-api-1',
        RETENTION_DAYS: '90',
        RUNNER_TEMP: runnerTemp
      },
      { cwd: work, path }
    )
    return { work, runnerTemp, packed }
  }

  it.each([
    ['GNU coreutils sha256sum', ['sha256sum']],
    ['shasum only (macOS)', ['shasum', 'perl']],
    ['openssl only', ['openssl']],
    // macOS: bsdtar (libarchive, Debian's libarchive-tools) and shasum, no GNU tar options, no sha256sum.
    ['bsdtar and shasum (macOS)', ['shasum', 'perl', 'tar=bsdtar'], COMMON_TOOLS]
  ])('with %s', async (_, tools, base = BASE_TOOLS) => {
    const { runnerTemp, packed } = await roundTrip(pathWith([...base, ...tools]))
    expect(packed.stderr).toBe('')
    expect(packed.code).toBe(0)
    const tarball = join(runnerTemp, 'deploy-gates-artifact', 'artifact.tar')
    expect(packed.outputs).toEqual({ digest: sha256(tarball), name: 'deploy-gates-api-1' })
    expect(packed.summary).toContain('kept 90 days')
    const verified = await runStep(
      verify,
      { EXPECTED_DIGEST: packed.outputs.digest!, RUNNER_TEMP: runnerTemp },
      { path: pathWith([...base, ...tools]) }
    )
    expect(verified.code).toBe(0)
    const unpacked = join(runnerTemp, 'deploy-gates-artifact', 'unpacked')
    expect(verified.githubEnv).toBe(
      `DEPLOY_ARTIFACT=${unpacked}\nDEPLOY_ARTIFACT_DIGEST_VERIFIED=${packed.outputs.digest}\n`
    )
    // The digest also travels inside the artifact, for deployments that have no payload to hold it.
    expect(readFileSync(`${tarball}.sha256`, 'utf8')).toBe(`${packed.outputs.digest}\n`)
    expect(readFileSync(join(unpacked, 'index.js'), 'utf8')).toBe('console.log("v2")\n')
    expect(readFileSync(join(unpacked, 'assets', 'app.css'), 'utf8')).toBe('body{}\n')
  })

  it('refuses a tarball whose digest is not the recorded one, and unpacks nothing', async () => {
    const { runnerTemp, packed } = await roundTrip(process.env.PATH!)
    const recorded = 'sha256:' + 'b'.repeat(64)
    const verified = await runStep(verify, { EXPECTED_DIGEST: recorded, RUNNER_TEMP: runnerTemp })
    expect(verified.code).toBe(1)
    expect(verified.stdout).toBe(
      `::error::artifact digest ${packed.outputs.digest} is not the recorded ${recorded}\n`
    )
    expect(existsSync(join(runnerTemp, 'deploy-gates-artifact', 'unpacked'))).toBe(false)
  })

  it('checks a deployment GitHub created against the digest shipped in its artifact, only when told to', async () => {
    const { runnerTemp, packed } = await roundTrip(process.env.PATH!)
    const fromFile = await runStep(verify, {
      EXPECTED_DIGEST: '',
      DIGEST_FROM_ARTIFACT: 'true',
      RUNNER_TEMP: runnerTemp
    })
    expect(fromFile.code).toBe(0)
    expect(fromFile.githubEnv).toContain(`DEPLOY_ARTIFACT_DIGEST_VERIFIED=${packed.outputs.digest}\n`)
    const nothing = await runStep(verify, { EXPECTED_DIGEST: '', RUNNER_TEMP: runnerTemp })
    expect([nothing.code, nothing.stdout]).toEqual([
      1,
      '::error::no recorded digest to check the artifact against\n'
    ])
    writeFileSync(
      join(runnerTemp, 'deploy-gates-artifact', 'artifact.tar.sha256'),
      'sha256:' + '0'.repeat(64)
    )
    const tampered = await runStep(verify, {
      EXPECTED_DIGEST: '',
      DIGEST_FROM_ARTIFACT: 'true',
      RUNNER_TEMP: runnerTemp
    })
    expect(tampered.code).toBe(1)
    expect(tampered.stdout).toContain('is not the recorded sha256:' + '0'.repeat(64))
  })

  it('says which path is missing when the build produced nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'deploy-gates-build-'))
    const run = await runStep(
      pack,
      { ARTIFACT_PATH: 'dist', ARTIFACT_NAME: 'a', RETENTION_DAYS: '1' },
      { cwd: work }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe("::error::the build command did not produce artifact-path 'dist'\n")
  })
})

// Defect 9: one secret reached the deploy command.
describe('the deploy script: DEPLOY_ENV hands the deploy command more secrets', () => {
  const deploy = workflowScript(PIPELINE, 'DEPLOY_GATES_DEPLOY')
  const command =
    'printf "%s|%s|%s|%s" "$AWS_ROLE_ARN" "$SENTRY_TOKEN" "${EMPTY-unset}" "${DEPLOY_ENV-gone}" > out; cat setup-ran >> out'

  it('exports each NAME=value line to the setup and deploy commands, masks each value, never evaluates one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'deploy-gates-deploy-'))
    const run = await runStep(
      deploy,
      {
        DEPLOY_COMMAND: command,
        SETUP_COMMAND: 'printf "%s" "$AWS_ROLE_ARN" > setup-ran',
        DEPLOY_ENV:
          'AWS_ROLE_ARN=arn:aws:iam::1:role/deploy\r\n# a comment\n\nSENTRY_TOKEN=s3cr3t $(touch pwned)\nEMPTY='
      },
      { cwd: work }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(readFileSync(join(work, 'out'), 'utf8')).toBe(
      'arn:aws:iam::1:role/deploy|s3cr3t $(touch pwned)||gone' + 'arn:aws:iam::1:role/deploy'
    )
    expect(existsSync(join(work, 'pwned'))).toBe(false)
    expect(run.stdout).toBe('::add-mask::arn:aws:iam::1:role/deploy\n::add-mask::s3cr3t $(touch pwned)\n')
  })

  it('rejects a line that is not NAME=value without printing it', async () => {
    const run = await runStep(deploy, { DEPLOY_COMMAND: 'true', DEPLOY_ENV: 'A=1\nhunter2 is my password' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::secret DEPLOY_ENV: every line must be NAME=value')
    expect(run.stdout + run.stderr).not.toContain('hunter2')
  })

  it('without DEPLOY_ENV, runs the deploy command as it is, and fails when it fails', async () => {
    const ok = await runStep(deploy, {
      DEPLOY_COMMAND: 'echo "deployed $DEPLOY_ENVIRONMENT"',
      DEPLOY_ENVIRONMENT: 'production/api'
    })
    expect([ok.code, ok.stdout]).toEqual([0, 'deployed production/api\n'])
    const failing = await runStep(deploy, { DEPLOY_COMMAND: 'exit 3' })
    expect(failing.code).toBe(3)
  })
})

describe('the scripts that ask the GitHub API, against a loopback stand-in', () => {
  let api: FakeApi
  const deployments = (...rows: [number, string][]) => rows.map(([id, sha]) => ({ id, sha, ref: 'main' }))
  beforeAll(async () => {
    api = await fakeGitHubApi({
      // production/api: 12 is this run's (GitHub created it), 11 an older run's
      'GET /repos/acme/shop/deployments?environment=production%2Fapi&sha=c0ffee&per_page=20': deployments(
        [12, 'c0ffee'],
        [11, 'c0ffee']
      ),
      'GET /repos/acme/shop/deployments/12/statuses?per_page=20': [
        { state: 'in_progress', log_url: 'https://github.com/acme/shop/actions/runs/7/job/70' }
      ],
      'GET /repos/acme/shop/deployments/11/statuses?per_page=20': [
        { state: 'success', log_url: 'https://github.com/acme/shop/actions/runs/6/job/60' }
      ],
      'GET /repos/acme/shop/deployments?environment=staging&sha=c0ffee&per_page=20': [],
      // the deployed commit: 3 failed, 2 is what production runs
      'GET /repos/acme/shop/deployments?environment=production&per_page=30': deployments(
        [3, 'ccc'],
        [2, 'bbb'],
        [1, 'aaa']
      ),
      'GET /repos/acme/shop/deployments/3/statuses?per_page=1': [{ state: 'failure' }],
      'GET /repos/acme/shop/deployments/2/statuses?per_page=1': [{ state: 'success' }],
      'GET /repos/acme/shop/deployments?environment=staging&per_page=30': [],
      // artifacts
      'GET /repos/acme/shop/actions/runs/5/artifacts?name=deploy-gates-api-1': {
        total_count: 1,
        artifacts: [{ name: 'deploy-gates-api-1', expired: false, expires_at: '2027-02-01T00:00:00Z' }]
      },
      'GET /repos/acme/shop/actions/runs/4/artifacts?name=deploy-gates-api-1': {
        total_count: 1,
        artifacts: [{ name: 'deploy-gates-api-1', expired: true, expires_at: '2026-09-01T00:00:00Z' }]
      },
      'GET /repos/acme/shop/actions/runs/3/artifacts?name=deploy-gates-api-1': {
        total_count: 0,
        artifacts: []
      },
      // a deployment GitHub created for run 9 (attempts 2 and 10 of the build: the newest is 10)
      'GET /repos/acme/shop/deployments/36/statuses?per_page=100': [
        { state: 'success', log_url: 'https://github.com/acme/shop/actions/runs/9/job/90' }
      ],
      'GET /repos/acme/shop/actions/runs/9/artifacts?per_page=100': {
        artifacts: [
          { name: 'deploy-gates-api-9-10', expired: false, expires_at: '2027-03-01T00:00:00Z' },
          { name: 'deploy-gates-api-9-2', expired: false, expires_at: '2027-02-01T00:00:00Z' },
          { name: 'deploy-gates-web-9-11', expired: false, expires_at: '2027-02-01T00:00:00Z' }
        ]
      },
      'GET /repos/acme/shop/deployments/35/statuses?per_page=100': [{ state: 'success', log_url: '' }]
    })
  })
  afterAll(() => api.close())
  const env = (extra: Record<string, string>) => ({
    GITHUB_API_URL: api.url,
    GITHUB_TOKEN: 'test-token',
    ...extra
  })

  // Defect 3
  it('finds the deployment GitHub created for this run', async () => {
    const script = workflowScript(PIPELINE, 'DEPLOY_GATES_FIND_DEPLOYMENT')
    const found = await runStep(script, env({ ENVIRONMENT: 'production/api' }))
    expect([found.code, found.outputs]).toEqual([0, { id: '12' }])
    const none = await runStep(script, env({ ENVIRONMENT: 'staging' }))
    expect(none.code).toBe(1)
    expect(none.stdout).toBe(
      '::error::github-deployments is true, but GitHub created no deployment of staging for run 7\n'
    )
  })

  // Defect 8
  it('names the commit production runs as the migration base, and nothing on a first deploy', async () => {
    const script = workflowScript(PIPELINE, 'DEPLOY_GATES_DEPLOYED_COMMIT')
    const deployed = await runStep(script, env({ ENVIRONMENT: 'production' }))
    expect([deployed.code, deployed.outputs]).toEqual([0, { sha: 'bbb' }])
    const first = await runStep(script, env({ ENVIRONMENT: 'staging' }))
    expect([first.code, first.outputs]).toEqual([0, {}])
    expect(first.stdout).toContain('::notice::no successful deployment of staging yet')
  })

  it('fails closed when the API refuses (a bad token is not "no deployment")', async () => {
    const script = workflowScript(PIPELINE, 'DEPLOY_GATES_DEPLOYED_COMMIT')
    const refused = await runStep(script, {
      GITHUB_API_URL: api.url,
      GITHUB_TOKEN: 'wrong',
      ENVIRONMENT: 'production'
    })
    expect(refused.code).not.toBe(0)
    expect(refused.outputs).toEqual({})
  })

  // Defect 11
  describe("the rollback target's artifact", () => {
    const script = workflowScript(PIPELINE, 'DEPLOY_GATES_ROLLBACK_ARTIFACT')
    const payload = (run: number) =>
      JSON.stringify({
        artifact: 'sha256:' + 'a'.repeat(64),
        artifact_name: 'deploy-gates-api-1',
        run_id: String(run),
        service: 'api'
      })

    it('exists: names it, its run and digest, and says until when it is kept', async () => {
      const run = await runStep(script, env({ PAYLOAD: payload(5), TARGET_ID: '40' }))
      expect(run.code).toBe(0)
      expect(run.outputs).toEqual({
        name: 'deploy-gates-api-1',
        'run-id': '5',
        digest: 'sha256:' + 'a'.repeat(64),
        expires: '2027-02-01T00:00:00Z',
        payload: payload(5)
      })
    })

    it('expired: says so, with the date and the retention setting to raise', async () => {
      const run = await runStep(script, env({ PAYLOAD: payload(4), TARGET_ID: '39' }))
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        '::error::the artifact deploy-gates-api-1 of run 4 (deployment 39) expired on 2026-09-01T00:00:00Z: artifacts are kept for artifact-retention-days'
      )
    })

    it('deleted: says so', async () => {
      const run = await runStep(script, env({ PAYLOAD: payload(3), TARGET_ID: '38' }))
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        '::error::the artifact deploy-gates-api-1 of run 3 (deployment 38) no longer exists'
      )
    })

    it('a deployment GitHub created (github-deployments): its run from its status, the newest attempt of the service', async () => {
      const run = await runStep(
        script,
        env({ PAYLOAD: '{}', TARGET_ID: '36', SERVICE: 'api', GITHUB_DEPLOYMENTS: 'true' })
      )
      expect(run.code).toBe(0)
      expect(run.outputs).toEqual({
        'digest-from-artifact': 'true',
        name: 'deploy-gates-api-9-10',
        'run-id': '9',
        digest: '',
        expires: '2027-03-01T00:00:00Z',
        payload: '{"artifact_name":"deploy-gates-api-9-10","run_id":"9"}'
      })
      const unlinked = await runStep(
        script,
        env({ PAYLOAD: '{}', TARGET_ID: '35', SERVICE: 'api', GITHUB_DEPLOYMENTS: 'true' })
      )
      expect(unlinked.code).toBe(1)
      expect(unlinked.stdout).toContain(
        '::error::deployment 35, the rollback target, has no payload and no status linking the run'
      )
    })

    it('a deployment this pipeline did not record: names it and how to pick another', async () => {
      const run = await runStep(script, env({ PAYLOAD: '{"version":"1.2"}', TARGET_ID: '37' }))
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        '::error::deployment 37, the rollback target, names no artifact in its payload'
      )
      expect(run.stdout).toContain("with the rollback workflow's ref input")
      expect(api.requests.some(r => r.includes('runs/undefined'))).toBe(false)
    })
  })
})

describe('workflows/monorepo.yml: the services a push changed', () => {
  const monorepo = parseWorkflow(readWorkflowText('workflows/monorepo.yml'))
  const step = monorepo.jobs.changes!.steps!.find(s => s.id === 'diff')!
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t'
      }
    }).trim()
  const repo = () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-gates-monorepo-'))
    git(dir, 'init', '-q', '-b', 'main')
    for (const service of ['api', 'web', 'worker']) {
      mkdirSync(join(dir, 'services', service), { recursive: true })
      writeFileSync(join(dir, 'services', service, 'index.js'), '1\n')
    }
    writeFileSync(join(dir, 'package.json'), '{}\n')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'one')
    return { dir, base: git(dir, 'rev-parse', 'HEAD') }
  }
  const change = (dir: string, ...paths: string[]) => {
    for (const path of paths) writeFileSync(join(dir, path), `${Math.random()}\n`)
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'change')
  }
  const services = async (dir: string, before: string) => {
    const run = await runStep(
      String(step.run),
      { ALL_SERVICES: String(step.env!.ALL_SERVICES), BEFORE: before },
      { cwd: dir }
    )
    expect(run.stderr).toBe('')
    return JSON.parse(run.outputs.services!) as string[]
  }

  it('deploys only the services whose directory changed', async () => {
    const { dir, base } = repo()
    change(dir, 'services/api/index.js', 'services/worker/index.js')
    expect(await services(dir, base)).toEqual(['api', 'worker'])
  })

  it('deploys every service after a change outside services/, a first push, or a force-push', async () => {
    const { dir, base } = repo()
    change(dir, 'package.json')
    expect(await services(dir, base)).toEqual(['api', 'web', 'worker'])
    expect(await services(dir, '0'.repeat(40))).toEqual(['api', 'web', 'worker'])
    expect(await services(dir, 'f'.repeat(40))).toEqual(['api', 'web', 'worker'])
  })

  it('deploys nothing when the push changed nothing', async () => {
    const { dir, base } = repo()
    expect(await services(dir, base)).toEqual([])
    expect(monorepo.jobs.pipeline!.if).toBe("needs.changes.outputs.services != '[]'")
  })
})

describe('drill.yml: the report', () => {
  const drill = parseWorkflow(readWorkflowText('.github/workflows/drill.yml'))
  const script = String(drill.jobs.report!.steps![0]!.run)
  const base = {
    ENVIRONMENT: 'staging',
    PRODUCTION_LIKE: 'false',
    ROLLBACK_RESULT: 'success',
    ROLLBACK_FAILED_STEP: '',
    STARTED_AT: '1000',
    RESTORED_AT: '1042',
    PREVIOUS_REF: 'v1.4.0',
    PREVIOUS_ARTIFACT: 'sha256:abc',
    FORWARD_RESULT: 'success',
    FORWARD_FAILED_STEP: '',
    CURRENT_SHA: 'c0ffee'
  }

  it('shows the time to restore', async () => {
    const run = await runStep(script, base)
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ 'time-to-restore-seconds': '42' })
    expect(run.summary).toContain('- time to restore: **42 s** (rolled back to v1.4.0, artifact sha256:abc)')
  })

  it.each([
    [{ ROLLBACK_RESULT: 'failure', ROLLBACK_FAILED_STEP: 'artifact', RESTORED_AT: '' }, 'rollback/artifact'],
    [{ FORWARD_RESULT: 'failure', FORWARD_FAILED_STEP: 'health' }, 'forward/health'],
    [{ FORWARD_RESULT: 'skipped' }, 'forward/skipped']
  ])('fails the run and names the step that broke (%p)', async (change, failed) => {
    const run = await runStep(script, { ...base, ...change })
    expect(run.code).toBe(1)
    expect(run.outputs['failed-step']).toBe(failed)
    expect(run.stdout).toContain(`::error::rollback drill failed at ${failed}`)
  })

  it('refuses to drill in production', async () => {
    const run = await runStep(script, { ...base, ENVIRONMENT: 'production', PRODUCTION_LIKE: 'true' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error::a drill rolls back for real: run it in staging, not 'production'")
  })

  it("rollback.yml's summary names the first failed step", async () => {
    const rollback = parseWorkflow(readWorkflowText('.github/workflows/rollback.yml'))
    const summary = rollback.jobs.rollback!.steps!.find(s => s.id === 'summary')!
    const outcomes =
      'resolve=success artifact=failure download=skipped verify=skipped install=skipped record=skipped redeploy=skipped health=skipped'
    const run = await runStep(String(summary.run), {
      OUTCOMES: outcomes,
      ENVIRONMENT: 'staging',
      DRILL_PHASE: 'rollback',
      STARTED_AT: '1',
      TARGET_REF: 'v1'
    })
    expect(run.outputs).toEqual({ 'failed-step': 'artifact' })
    expect(run.summary).toBe("rollback (drill: rollback) — staging: step 'artifact' failed (target v1)\n")
  })
})

describe('the deployment payloads', () => {
  const pipeline = parseWorkflow(readWorkflowText(PIPELINE))
  const rollback = parseWorkflow(readWorkflowText('.github/workflows/rollback.yml'))
  const stepOf = (workflow: typeof pipeline, job: string, id: string) =>
    String(workflow.jobs[job]!.steps!.find(step => step.id === id)!.run)
  const base = { ARTIFACT: 'sha256:' + 'a'.repeat(64), ARTIFACT_NAME: 'deploy-gates-api-7-1' }

  it('production: the artifact, its run and service, and a freeze override with its actor, as JSON whatever the reason says', async () => {
    const reason = 'hotfix "INC-7"; $(rm -rf /) `id` \\ done'
    const run = await runStep(stepOf(pipeline, 'production', 'payload'), {
      ...base,
      SERVICE: 'api',
      OVERRIDE_REASON: reason,
      OVERRIDE_ACTOR: 'octocat'
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.payload!)).toEqual({
      artifact: base.ARTIFACT,
      artifact_name: 'deploy-gates-api-7-1',
      run_id: '7',
      service: 'api',
      freeze_override: { reason, actor: 'octocat' }
    })
  })

  it('staging, one service, no override: only the artifact and its run', async () => {
    const run = await runStep(stepOf(pipeline, 'staging', 'payload'), { ...base, SERVICE: '' })
    expect(JSON.parse(run.outputs.payload!)).toEqual({
      artifact: base.ARTIFACT,
      artifact_name: 'deploy-gates-api-7-1',
      run_id: '7'
    })
  })

  it("a rollback keeps the target's artifact, drops the target's own markers, and marks a drill", async () => {
    const target = JSON.stringify({
      artifact: base.ARTIFACT,
      artifact_name: 'deploy-gates-api-5-1',
      run_id: '5',
      rollback_of: 12,
      drill: true,
      drill_phase: 'forward',
      freeze_override: { reason: 'x', actor: 'y' }
    })
    const script = stepOf(rollback, 'rollback', 'payload')
    const drill = await runStep(script, { PAYLOAD: target, DRILL_PHASE: 'rollback' })
    expect(JSON.parse(drill.outputs.payload!)).toEqual({
      artifact: base.ARTIFACT,
      artifact_name: 'deploy-gates-api-5-1',
      run_id: '5',
      drill: true,
      drill_phase: 'rollback'
    })
    const real = await runStep(script, { PAYLOAD: target, DRILL_PHASE: '' })
    expect(JSON.parse(real.outputs.payload!)).not.toHaveProperty('drill')
    // A target GitHub created had no digest to copy: the one the artifact was verified against goes in.
    const github = await runStep(script, {
      PAYLOAD: '{"artifact_name":"deploy-gates-api-9-10","run_id":"9"}',
      DRILL_PHASE: '',
      DEPLOY_ARTIFACT_DIGEST_VERIFIED: base.ARTIFACT
    })
    expect(JSON.parse(github.outputs.payload!)).toEqual({
      artifact_name: 'deploy-gates-api-9-10',
      run_id: '9',
      artifact: base.ARTIFACT
    })
  })
})
