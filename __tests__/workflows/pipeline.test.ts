import { describe, expect, it } from '@jest/globals'
import { evaluate, isTruthy } from './expressions.js'
import { simulate, simulateSteps, workflowInputs, type Result, type StepScenario } from './simulate.js'
import { grantOf, jobGrants } from './startup.js'
import {
  gateOf,
  needsOf,
  parseWorkflow,
  readWorkflowText,
  workflowCallOf,
  workflowFiles,
  type Job,
  type Step
} from './workflow-files.js'

const pipeline = parseWorkflow(readWorkflowText('.github/workflows/pipeline.yml'))
const rollbackWorkflow = parseWorkflow(readWorkflowText('.github/workflows/rollback.yml'))
const jobs = pipeline.jobs

const STAGES = [
  'freeze',
  'lint',
  'typecheck',
  'unit-tests',
  'contract-tests',
  'build',
  'env-validation',
  'staging',
  'production'
]
const STATUS_FUNCTION = /\b(always|failure|cancelled)\(\s*\)/

const GREEN = {
  outputs: {
    build: { artifact: 'sha256:' + 'a'.repeat(64), 'artifact-name': 'deploy-gates-app-1' },
    staging: { 'deployment-id': '41' },
    production: { 'deployment-id': '42', healthy: 'true' }
  }
}

const conditionsOf = (job: Job): string[] =>
  [job.if, ...(job.steps ?? []).map((step: Step) => step.if)].map(c => String(c ?? ''))

describe('pipeline.yml: the stage chain', () => {
  it('has the stages in order, each needing the one before it', () => {
    for (const [index, stage] of STAGES.entries()) {
      expect(jobs[stage]).toBeDefined()
      if (index > 0) expect(needsOf(jobs[stage]!)).toContain(STAGES[index - 1])
    }
    expect(needsOf(jobs.freeze!)).toEqual([])
  })

  it('uses always()/failure() only in contract-tests (to join the two check paths) and in the deploy jobs, for records and the rollback', () => {
    const users = Object.entries(jobs)
      .filter(([, job]) => conditionsOf(job).some(condition => STATUS_FUNCTION.test(condition)))
      .map(([id]) => id)
    expect(users.sort()).toEqual(['contract-tests', 'production', 'staging'])
  })

  it('with every stage green: all run, nothing else', () => {
    const run = simulate(pipeline, GREEN)
    for (const stage of STAGES) expect([stage, run.results[stage]]).toEqual([stage, 'success'])
    expect(run.results.checks).toBe('skipped')
  })

  it.each(STAGES.map((stage, index) => [stage, index] as const))(
    'when %s fails, nothing after it runs',
    (failed, index) => {
      const run = simulate(pipeline, { ...GREEN, failing: [failed] })
      const expected: Record<string, Result> = {}
      for (const [i, stage] of STAGES.entries())
        expected[stage] = i < index ? 'success' : i === index ? 'failure' : 'skipped'
      expect(Object.fromEntries(STAGES.map(stage => [stage, run.results[stage]]))).toEqual(expected)
    }
  )

  it('with parallel-checks: lint, type check and unit tests run side by side, and contract tests wait for all three', () => {
    const inputs = { 'parallel-checks': true }
    const green = simulate(pipeline, { ...GREEN, inputs })
    expect([green.results.lint, green.results.typecheck, green.results['unit-tests']]).toEqual([
      'skipped',
      'skipped',
      'skipped'
    ])
    expect(green.results.checks).toBe('success')
    expect(green.results['contract-tests']).toBe('success')
    expect(needsOf(jobs.checks!)).toEqual(['freeze'])
    const red = simulate(pipeline, { ...GREEN, inputs, failing: ['checks'] })
    expect([red.results['contract-tests'], red.results.production]).toEqual(['skipped', 'skipped'])
    // One leg per command, so one failing leg fails the job that contract tests need.
    const legs = (jobs.checks!.strategy!.matrix as { include: { stage: string }[] }).include
    expect(legs.map(leg => leg.stage)).toEqual(['lint', 'typecheck', 'unit-tests'])
    expect(jobs.checks!.strategy!['fail-fast']).toBe(false)
  })

  it('a failed freeze check stops the run before lint', () => {
    const run = simulate(pipeline, { ...GREEN, failing: ['freeze'] })
    expect(run.results.lint).toBe('skipped')
    expect(run.results.checks).toBe('skipped')
    expect(run.results.production).toBe('skipped')
  })
})

describe('pipeline.yml: stages skipped visibly', () => {
  const STAGE_INPUT: [string, string][] = [
    ['freeze', 'freeze-windows'],
    ['lint', 'lint-command'],
    ['typecheck', 'typecheck-command'],
    ['unit-tests', 'test-command'],
    ['build', 'build-command'],
    ['env-validation', 'env-schema']
  ]
  it.each(STAGE_INPUT)('%s without %s runs one step, which says so in the summary', (id, input) => {
    const run = simulateSteps(pipeline, id)
    expect(run.ran).toEqual(['Skipped'])
    const step = jobs[id]!.steps!.find(s => s.name === 'Skipped')!
    expect(step.run).toContain(`skipped: no ${input}`)
    expect(step.run).toContain('>> "$GITHUB_STEP_SUMMARY"')
  })
  it.each(STAGE_INPUT)('%s with %s set does not say it was skipped', (id, input) => {
    const run = simulateSteps(pipeline, id, { inputs: { [input]: 'something' } })
    expect(run.ran).not.toContain('Skipped')
    expect(run.ran.length).toBeGreaterThan(0)
  })
  it('each parallel check without its command says so, naming the input', () => {
    for (const leg of (jobs.checks!.strategy!.matrix as { include: Record<string, string>[] }).include) {
      const run = simulateSteps(pipeline, 'checks', { matrix: { ...leg, command: '' } })
      expect(run.ran).toEqual(['Skipped'])
      expect(run.evaluateAt(0, String(jobs.checks!.steps![0]!.env!.INPUT))).toBe(leg.input)
    }
  })
})

/** The production job with the inputs a real deploy sets, and the build's outputs. */
const production = (scenario: StepScenario = {}) =>
  simulateSteps(pipeline, 'production', {
    ...scenario,
    inputs: {
      'deploy-command': './deploy.sh',
      'health-url': 'https://example.com/healthz',
      'migrations-dir': 'migrations',
      'freeze-windows': '- name: x',
      ...scenario.inputs
    },
    needs: {
      build: { result: 'success', outputs: GREEN.outputs.build },
      staging: { result: 'success', outputs: {} },
      ...scenario.needs
    },
    outputs: {
      record: { 'deployment-id': '42' },
      target: { 'deployment-id': '40', payload: '{}', sha: 'b0b' },
      'rollback-record': { 'deployment-id': '43' },
      ...scenario.outputs
    }
  })
const ROLLBACK_STEPS = [
  'Find the last good deployment',
  "Check the target's artifact still exists",
  'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
  'Verify and unpack the rollback artifact',
  'Record the rollback',
  'Redeploy the last good artifact',
  'Verify health after the rollback',
  "Record the rollback's outcome"
]
const stateOf = (run: ReturnType<typeof production>, stepName: string) => {
  const index = jobs.production!.steps!.findIndex(step => step.name === stepName)
  return run.evaluateAt(index, String(jobs.production!.steps![index]!.with!.state))
}

describe('pipeline.yml: the production job', () => {
  it('green: freeze re-check, migration check, deploy, health check, recorded as success; no rollback', () => {
    const run = production()
    expect(run.ran).toEqual([
      'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      'Freeze windows, again',
      'Find the deployed commit',
      'Migration check',
      'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
      'Verify and unpack the artifact',
      'Name the deployment',
      'Record the deployment',
      'Deploy to production',
      'Health check',
      'Record the outcome',
      'Summary'
    ])
    expect(stateOf(run, 'Record the outcome')).toBe('success')
  })

  it.each(['deploy', 'health'])(
    'when %s fails: recorded as failure, then the last good artifact is redeployed',
    failing => {
      const run = production({ failing: [failing] })
      expect(stateOf(run, 'Record the outcome')).toBe('failure')
      expect(run.ran).toEqual(expect.arrayContaining(ROLLBACK_STEPS))
      expect(run.ran.indexOf('Record the outcome')).toBeLessThan(
        run.ran.indexOf('Find the last good deployment')
      )
      expect(run.input('rollback-record', 'rollback-of')).toBe('42')
    }
  )

  it.each(['freeze', 'migrations'])(
    'when the %s check fails, nothing is deployed, recorded or rolled back',
    failing => {
      const run = production({ failing: [failing], outputs: { record: {} } })
      expect(run.outcomes.deploy).toBe('skipped')
      expect(run.outcomes.record).toBe('skipped')
      expect(run.outcomes.target).toBe('skipped')
    }
  )

  // Defect 12: the health check ran when nothing was deployed.
  it('without a deploy command or an artifact: no health check, no record', () => {
    for (const inputs of [{ 'deploy-command': '' }]) {
      const run = production({ inputs, outputs: { record: {} } })
      expect(run.outcomes.health).toBe('skipped')
      expect(run.outcomes.deploy).toBe('skipped')
      expect(run.ran).toContain('Skipped')
    }
    const noArtifact = production({
      needs: { build: { result: 'success', outputs: {} } },
      outputs: { record: {} }
    })
    expect(noArtifact.outcomes.health).toBe('skipped')
  })

  // Defect 10: the migration check read PRODUCTION_DATABASE_URL in a job with no environment.
  it('runs the migration check inside the production environment, the only job reading the database secret', () => {
    const readers = Object.entries(jobs)
      .filter(([, job]) => JSON.stringify(job).includes('secrets.PRODUCTION_DATABASE_URL'))
      .map(([id]) => id)
    expect(readers).toEqual(['production'])
    expect(jobs.production!.environment).toMatchObject({
      name: expect.stringContaining('inputs.production-environment')
    })
    const steps = jobs.production!.steps!.map(step => step.id)
    expect(steps.indexOf('migrations')).toBeLessThan(steps.indexOf('deploy'))
  })

  // Defect 8: `github.event.before` is forty zeros on a branch's first push, unreachable after a force-push.
  it("diffs migrations against the deployed commit, not the push's before", () => {
    const run = production({ outputs: { base: { sha: 'deadbeef' } } })
    expect(run.input('migrations', 'base-ref')).toBe('deadbeef')
    const given = production({ inputs: { 'migrations-base-ref': 'origin/main' } })
    expect(given.outcomes.base).toBe('skipped')
    expect(given.input('migrations', 'base-ref')).toBe('origin/main')
    for (const file of workflowFiles().filter(f => f.startsWith('workflows/')))
      expect([
        file,
        readWorkflowText(file).includes('migrations-base-ref: ${{ github.event.before }}')
      ]).toEqual([file, false])
  })
})

describe('pipeline.yml: progressive delivery (issue 15)', () => {
  const ROLLOUT = { 'rollout-steps': '10,50,100', 'traffic-command': './weights.sh' }

  it('deploys beside the stable version, then the rollout gate shifts traffic with the health inputs; no separate health check', () => {
    const run = production({ inputs: ROLLOUT })
    expect(run.input('deploy', 'DEPLOY_STRATEGY', 'env')).toBe('canary')
    expect(run.outcomes.health).toBe('skipped')
    expect(run.outcomes.rollout).toBe('success')
    expect(gateOf(jobs.production!.steps!.find(step => step.id === 'rollout')!)).toBe('rollout')
    expect(run.input('rollout', 'steps')).toBe('10,50,100')
    expect(run.input('rollout', 'traffic-command')).toBe('./weights.sh')
    expect(run.input('rollout', 'url')).toBe('https://example.com/healthz')
    expect(stateOf(run, 'Record the outcome')).toBe('success')
    expect(production().input('deploy', 'DEPLOY_STRATEGY', 'env')).toBe('replace')
  })

  it('an aborted rollout is recorded as a failed deployment, and the stable artifact is not redeployed', () => {
    const run = production({
      inputs: ROLLOUT,
      failing: ['rollout'],
      outputs: { rollout: { aborted: 'true', weight: '10', 'failed-step': '50' } }
    })
    expect(stateOf(run, 'Record the outcome')).toBe('failure')
    expect(run.outcomes.target).toBe('skipped')
    expect(run.outcomes.redeploy).toBe('skipped')
  })

  it('a rollout whose abort did not bring traffic back, or a failed canary deploy, still ends safe', () => {
    const stuck = production({
      inputs: ROLLOUT,
      failing: ['rollout'],
      outputs: { rollout: { aborted: 'false' } }
    })
    expect(stuck.outcomes.redeploy).toBe('success')
    // The canary never took traffic: the stable version is still serving, nothing to redeploy.
    const canary = production({ inputs: ROLLOUT, failing: ['deploy'] })
    expect(stateOf(canary, 'Record the outcome')).toBe('failure')
    expect(canary.outcomes.redeploy).toBe('skipped')
  })

  it('checks freeze windows at the start (fail fast) and again just before the production deploy', () => {
    expect(gateOf(jobs.freeze!.steps!.find(step => step.id === 'freeze')!)).toBe('freeze')
    const steps = jobs.production!.steps!
    const recheck = steps.findIndex(step => step.id === 'freeze')
    expect(gateOf(steps[recheck]!)).toBe('freeze')
    expect(steps[recheck]!.with).toMatchObject({
      'freeze-windows': '${{ inputs.freeze-windows }}',
      timezone: '${{ inputs.freeze-timezone }}'
    })
    expect(recheck).toBeLessThan(steps.findIndex(step => step.id === 'deploy'))
    const noWindows = production({ inputs: { 'freeze-windows': '' } })
    expect(noWindows.outcomes.freeze).toBe('skipped')
  })

  it('passes an override reason with the actor who gave it, and records it in the deployment payload', () => {
    const run = production({
      inputs: { 'override-freeze': 'hotfix for INC-7' },
      outputs: { freeze: { overridden: 'true' } }
    })
    expect(run.input('freeze', 'override')).toBe('hotfix for INC-7 (by octocat)')
    expect(run.input('payload', 'OVERRIDE_REASON', 'env')).toBe('hotfix for INC-7')
    expect(run.input('payload', 'OVERRIDE_ACTOR', 'env')).toBe('octocat')
    expect(production().input('freeze', 'override')).toBe('')
    const callers = ['workflows/deploy.yml', 'workflows/monorepo.yml'].map(f =>
      parseWorkflow(readWorkflowText(f))
    )
    for (const caller of callers) {
      const dispatch = (caller.on as { workflow_dispatch: { inputs: Record<string, object> } })
        .workflow_dispatch
      expect(dispatch.inputs['override-freeze']).toMatchObject({ type: 'string' })
      expect(caller.jobs.pipeline!.with!['override-freeze']).toBe('${{ inputs.override-freeze }}')
    }
  })
})

describe('pipeline.yml: GitHub-created deployments (defect 3)', () => {
  const environmentOf = (id: string, inputs: Record<string, boolean | string>) =>
    evaluate(String((jobs[id]!.environment as { deployment: string }).deployment), {
      values: { inputs: workflowInputs(pipeline, inputs) },
      status: { success: true, failure: false, cancelled: false }
    })

  it.each(['staging', 'production'])('%s: environment.deployment follows github-deployments', id => {
    expect(environmentOf(id, {})).toBe(false)
    expect(environmentOf(id, { 'github-deployments': true })).toBe(true)
  })

  it('with github-deployments, records on the deployment GitHub created instead of creating a second', () => {
    const run = production({
      inputs: { 'github-deployments': true },
      outputs: { 'github-deployment': { id: '99' }, payload: { payload: '{"artifact":"x"}' } }
    })
    expect(run.outcomes['github-deployment']).toBe('success')
    expect(run.input('record', 'deployment-id')).toBe('99')
    expect(run.input('record', 'payload')).toBe('')
    const own = production({ outputs: { payload: { payload: '{"artifact":"x"}' } } })
    expect(own.outcomes['github-deployment']).toBe('skipped')
    expect(own.input('record', 'deployment-id')).toBe('')
    expect(own.input('record', 'payload')).toBe('{"artifact":"x"}')
  })
})

describe('pipeline.yml: one service or many (defect 4, composable)', () => {
  const names = (service: string) => {
    const inputs = workflowInputs(pipeline, { service })
    const context = {
      values: { inputs, github: { run_id: '7', run_attempt: '1', workflow: 'deploy' }, needs: {} },
      status: { success: true, failure: false, cancelled: false }
    }
    const text = (template: string) =>
      template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => String(evaluate(e, context)))
    const pack = jobs.build!.steps!.find(step => step.id === 'pack')!
    const group = (id: string) => text(String((jobs[id]!.concurrency as { group: string }).group))
    const environment = (id: string) => text(String((jobs[id]!.environment as { name: string }).name))
    return {
      artifact: text(String(pack.env!.ARTIFACT_NAME)),
      stagingLock: group('staging'),
      productionLock: group('production'),
      staging: environment('staging'),
      production: environment('production')
    }
  }

  it('names the artifact, the locks and the environments after the service, so matrix calls never collide', () => {
    expect(names('api')).toEqual({
      artifact: 'deploy-gates-api-7-1',
      stagingLock: 'deploy-gates-staging/api',
      productionLock: 'deploy-gates-production/api',
      staging: 'staging/api',
      production: 'production/api'
    })
    expect(names('')).toEqual({
      artifact: 'deploy-gates-app-7-1',
      stagingLock: 'deploy-gates-staging',
      productionLock: 'deploy-gates-production',
      staging: 'staging',
      production: 'production'
    })
    const api = Object.values(names('api'))
    for (const value of Object.values(names('web'))) expect(api).not.toContain(value)
  })

  it('pr-gates.yml: SARIF artifacts and the cancel group carry the service', () => {
    const prGates = parseWorkflow(readWorkflowText('.github/workflows/pr-gates.yml'))
    const uploads = Object.values(prGates.jobs).flatMap(job =>
      (job.steps ?? []).filter(step => step.uses?.startsWith('actions/upload-artifact@'))
    )
    expect(uploads).toHaveLength(3)
    for (const upload of uploads)
      expect(String(upload.with!.name)).toContain("${{ inputs.service || 'app' }}")
    const group = String((prGates.concurrency as { group: string }).group)
    expect(group).toContain('inputs.service')
    expect(group).toContain('github.workflow')
  })

  it('every upload-artifact in every reusable workflow has a name keyed on the service', () => {
    for (const file of workflowFiles().filter(f => f.startsWith('.github/workflows/'))) {
      const workflow = parseWorkflow(readWorkflowText(file))
      if (!workflowCallOf(workflow)) continue
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps ?? [])
          if (step.uses?.startsWith('actions/upload-artifact@'))
            expect([file, String(step.with!.name)]).toEqual([
              file,
              expect.stringMatching(/inputs\.service|steps\.pack\.outputs\.name/)
            ])
    }
  })

  it('runs-on takes one label or a JSON list of labels', () => {
    const runsOn = (value: string) =>
      evaluate(String(jobs.lint!['runs-on']), {
        values: { inputs: { 'runs-on': value } },
        status: { success: true, failure: false, cancelled: false }
      })
    expect(runsOn('ubuntu-latest')).toBe('ubuntu-latest')
    expect(runsOn('["self-hosted", "linux", "x64"]')).toEqual(['self-hosted', 'linux', 'x64'])
    for (const job of Object.values(jobs)) expect(job['runs-on']).toBe(jobs.lint!['runs-on'])
  })
})

describe('pipeline.yml: locks (defect 2)', () => {
  it('holds the environment locks only around the jobs that touch them, queued, never cancelled', () => {
    expect(pipeline.concurrency).toBeUndefined()
    const locked = Object.entries(jobs)
      .filter(([, job]) => job.concurrency !== undefined)
      .map(([id]) => id)
    expect(locked).toEqual(['staging', 'production'])
    for (const id of locked)
      expect(jobs[id]!.concurrency).toMatchObject({ 'cancel-in-progress': false, queue: 'max' })
  })

  it('a manual rollback takes the same production lock, queued, so no pipeline run can cancel it', () => {
    const job = rollbackWorkflow.jobs.rollback!
    const groupOf = (template: string, inputs: Record<string, string>) =>
      template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) =>
        String(
          evaluate(e, { values: { inputs }, status: { success: true, failure: false, cancelled: false } })
        )
      )
    const rollbackGroup = (job.concurrency as { group: string }).group
    const productionGroup = (jobs.production!.concurrency as { group: string }).group
    for (const service of ['', 'api'])
      expect(groupOf(rollbackGroup, { environment: 'production', service })).toBe(
        groupOf(productionGroup, { 'production-environment': 'production', service })
      )
    expect(job.concurrency).toMatchObject({ 'cancel-in-progress': false, queue: 'max' })
    // Nor may a caller wrap either in a group of its own that cancels or drops pending runs.
    for (const file of ['workflows/deploy.yml', 'workflows/rollback.yml', 'workflows/monorepo.yml']) {
      const caller = parseWorkflow(readWorkflowText(file))
      expect([file, caller.concurrency]).toEqual([file, undefined])
    }
  })
})

describe('the deploy path (defects 7, 9)', () => {
  const deploySteps = (file: string) => {
    const workflow = parseWorkflow(readWorkflowText(file))
    return Object.entries(workflow.jobs).flatMap(([id, job]) =>
      (job.steps ?? []).flatMap((step, index) =>
        step.run === 'eval "$DEPLOY_GATES_DEPLOY"' ? [{ id, job, index, step }] : []
      )
    )
  }

  it.each(['.github/workflows/pipeline.yml', '.github/workflows/rollback.yml'])(
    '%s: every deploy and redeploy sets up Node (with the cache) and runs the install and setup commands first',
    file => {
      const found = deploySteps(file)
      expect(found.length).toBeGreaterThan(0)
      for (const { job, index, step } of found) {
        const before = job.steps!.slice(0, index)
        const setupNode = before.find(s => s.uses?.startsWith('actions/setup-node@'))
        expect(setupNode?.with).toMatchObject({
          'node-version': '${{ inputs.node-version }}',
          cache: '${{ inputs.node-cache }}'
        })
        expect(before.some(s => s.env?.INSTALL_COMMAND === '${{ inputs.install-command }}')).toBe(true)
        expect(step.env).toMatchObject({
          SETUP_COMMAND: '${{ inputs.setup-command }}',
          DEPLOY_TOKEN: '${{ secrets.DEPLOY_TOKEN }}',
          DEPLOY_ENV: '${{ secrets.DEPLOY_ENV }}'
        })
      }
    }
  )

  it('every setup-node step of the pipeline caches the install', () => {
    for (const job of Object.values(jobs))
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/setup-node@'))
          expect(step.with).toMatchObject({ cache: '${{ inputs.node-cache }}' })
  })

  it("the deploy jobs take the caller's grant, so OIDC (id-token: write) reaches them only when the caller gives it", () => {
    expect(pipeline.permissions).toBeUndefined()
    const withOidc = jobGrants(
      pipeline,
      grantOf({ contents: 'read', deployments: 'write', actions: 'read', 'id-token': 'write' })
    )
    expect(withOidc.production!['id-token']).toBe('write')
    expect(withOidc.staging!['id-token']).toBe('write')
    expect(withOidc.lint!['id-token']).toBe('none')
    const without = jobGrants(pipeline, grantOf({ contents: 'read', deployments: 'write', actions: 'read' }))
    expect(without.production!['id-token']).toBe('none')
    const monorepo = parseWorkflow(readWorkflowText('workflows/monorepo.yml'))
    expect(monorepo.jobs.pipeline!.permissions).toMatchObject({ 'id-token': 'write' })
    expect(monorepo.jobs.pipeline!.secrets).toBe('inherit')
    const secrets = Object.keys(workflowCallOf(pipeline)!.secrets!)
    expect(secrets).toEqual(['DEPLOY_TOKEN', 'DEPLOY_ENV', 'PRODUCTION_DATABASE_URL', 'API_HEADERS'])
  })

  it('an automatic rollback takes the path of a manual one: the same gates, actions and scripts in the same order', () => {
    const pathOf = (steps: Step[]) =>
      steps
        .map(step => String(gateOf(step) ?? step.uses?.replace(/@.*/, '') ?? step.run ?? ''))
        .filter(kind =>
          /^(rollback|deployment|health|actions\/download-artifact|eval "\$DEPLOY_GATES_(ROLLBACK_ARTIFACT|VERIFY|DEPLOY)")$/.test(
            kind
          )
        )
    const productionSteps = jobs.production!.steps!
    const automatic = productionSteps.slice(productionSteps.findIndex(step => step.id === 'target'))
    const manual = rollbackWorkflow.jobs.rollback!.steps!
    expect(pathOf(automatic)).toEqual(pathOf(manual))
    expect(pathOf(manual)).toEqual([
      'rollback',
      'eval "$DEPLOY_GATES_ROLLBACK_ARTIFACT"',
      'actions/download-artifact',
      'eval "$DEPLOY_GATES_VERIFY"',
      'deployment',
      'eval "$DEPLOY_GATES_DEPLOY"',
      'health',
      'deployment'
    ])
  })
})

describe('rollback.yml (defects 11, 12)', () => {
  const call = workflowCallOf(rollbackWorkflow)!
  it('checks the artifact with its own token instead of an extra URL input, and takes health-interval', () => {
    expect(Object.keys(call.inputs!)).not.toContain('artifact-check-url')
    const steps = rollbackWorkflow.jobs.rollback!.steps!
    const check = steps.find(step => step.id === 'artifact')!
    expect(check.env).toMatchObject({
      GITHUB_TOKEN: '${{ github.token }}',
      PAYLOAD: '${{ steps.target.outputs.payload }}'
    })
    expect(check.run).toBe('eval "$DEPLOY_GATES_ROLLBACK_ARTIFACT"')
    expect(call.inputs!['health-interval']).toMatchObject({ default: '5s' })
    expect(steps.find(step => step.id === 'health')!.with!.interval).toBe('${{ inputs.health-interval }}')
  })

  it('asks the rollback gate only for deployments this pipeline recorded whose artifact still exists, in both paths', () => {
    for (const steps of [rollbackWorkflow.jobs.rollback!.steps!, jobs.production!.steps!]) {
      const target = steps.find(step => step.id === 'target')!
      expect(gateOf(target)).toBe('rollback')
      const value = (key: string, githubDeployments: boolean) =>
        evaluate(String(target.with![key]), {
          values: { inputs: { 'github-deployments': githubDeployments } },
          status: { success: true, failure: false, cancelled: false }
        })
      expect(value('require-payload', false)).toBe('artifact,artifact_name,run_id')
      expect(value('artifact-name', false)).toBe('{payload.artifact_name}')
      // GitHub's own deployments have no payload: the artifact step finds theirs by the run their status links.
      expect([value('require-payload', true), value('artifact-name', true)]).toEqual(['', ''])
      expect(target.with).not.toHaveProperty('artifact-check')
      const check = steps.find(step => step.id === 'artifact')!
      expect(check.env!.GITHUB_DEPLOYMENTS).toBe('${{ inputs.github-deployments }}')
    }
  })

  it('names the first step that failed, and the time to restore when none did', () => {
    const summary = rollbackWorkflow.jobs.rollback!.steps!.find(step => step.id === 'summary')!
    const order = [
      ...String(summary.env!.OUTCOMES).matchAll(/([\w-]+)=\$\{\{ steps\.([\w-]+)\.outcome \}\}/g)
    ].map(match => match[1])
    expect(order).toEqual([
      'resolve',
      'artifact',
      'download',
      'verify',
      'install',
      'record',
      'redeploy',
      'health'
    ])
  })

  it('with drill-phase, marks the record as a drill', () => {
    const run = simulateSteps(rollbackWorkflow, 'rollback', {
      inputs: { environment: 'staging', 'deploy-command': 'x', 'drill-phase': 'rollback' }
    })
    expect(run.input('payload', 'DRILL_PHASE', 'env')).toBe('rollback')
  })
})

describe('drill.yml (issue 15)', () => {
  const drill = parseWorkflow(readWorkflowText('.github/workflows/drill.yml'))

  it('rolls back by rollback.yml, then forward by rollback.yml to the release that was current, both as drills', () => {
    expect(drill.jobs.rollback!.uses).toMatch(
      /^deploy-gates\/deploy-gates\/\.github\/workflows\/rollback\.yml@/
    )
    expect(drill.jobs.forward!.uses).toBe(drill.jobs.rollback!.uses)
    expect(drill.jobs.rollback!.with).toMatchObject({ 'drill-phase': 'rollback' })
    expect(drill.jobs.forward!.with).toMatchObject({
      'drill-phase': 'forward',
      ref: '${{ needs.rollback.outputs.replaced-sha }}'
    })
    expect(needsOf(drill.jobs.report!)).toEqual(['rollback', 'forward'])
  })

  it('goes forward even after a broken rollback phase, and reports either way', () => {
    const broken = simulate(drill, {
      inputs: { 'deploy-command': 'x' },
      failing: ['rollback'],
      outputs: { rollback: { 'replaced-sha': 'c0ffee', 'failed-step': 'artifact' } }
    })
    expect(broken.results.forward).toBe('success')
    expect(broken.results.report).toBe('success')
    const nothingToReturnTo = simulate(drill, { inputs: { 'deploy-command': 'x' }, failing: ['rollback'] })
    expect(nothingToReturnTo.results.forward).toBe('skipped')
  })

  it('refuses production', () => {
    const run = simulate(drill, { inputs: { environment: 'production', 'deploy-command': 'x' } })
    expect(run.results.rollback).toBe('skipped')
    expect(run.results.report).toBe('success') // and its script fails the run, see scripts.test.ts
  })
})

describe('the expression evaluator the simulations rely on', () => {
  const context = {
    values: { needs: { a: { result: 'failure', outputs: { id: '' } } }, inputs: { x: 'Prod', s: '' } },
    status: { success: false, failure: true, cancelled: false }
  }
  it.each([
    ["${{ needs.a.result == 'failure' && 'yes' || 'no' }}", 'yes'],
    ["needs.a.result == 'success' && 'yes' || 'no'", 'no'],
    ["inputs.x == 'prod'", true],
    ["always() && needs.a.outputs.id != ''", false],
    ['!cancelled() && failure()', true],
    ["(inputs.x != '' || false) && !success()", true],
    ["format('{0}/{1}', inputs.x, 'api')", 'Prod/api'],
    ["inputs.s != '' && format('{0}/{1}', inputs.x, inputs.s) || inputs.x", 'Prod'],
    ["startsWith(inputs.x, 'pr')", true],
    ['fromJSON(\'["a","b"]\')', ['a', 'b']],
    ['contains(fromJSON(\'["a","b"]\'), \'B\')', true]
  ])('%s → %p', (expression, expected) => {
    expect(evaluate(expression, context)).toEqual(expected)
  })
  it('rejects what it does not know instead of guessing', () => {
    expect(() => evaluate('hashFiles(1)', context)).toThrow('unknown function hashfiles()')
    expect(isTruthy(evaluate("''", context))).toBe(false)
  })
})
