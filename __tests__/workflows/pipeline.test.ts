import { describe, expect, it } from '@jest/globals'
import { evaluate, isTruthy } from './expressions.js'
import { simulate, workflowInputs, type Result } from './simulate.js'
import { needsOf, parseWorkflow, readWorkflowText, type Job, type Step } from './workflow-files.js'

const pipeline = parseWorkflow(readWorkflowText('.github/workflows/pipeline.yml'))
const jobs = pipeline.jobs

const STAGES = [
  'lint',
  'typecheck',
  'unit-tests',
  'contract-tests',
  'build',
  'env-validation',
  'staging-deploy',
  'integration-tests',
  'migration-check',
  'production-deploy',
  'health-check'
]
/** The jobs allowed to run after a failure: the deployment records and the rollback. */
const AFTER_FAILURE = ['record-staging', 'record-production', 'rollback']
const STATUS_FUNCTION = /\b(always|failure|cancelled)\(\s*\)/

/** Every job runs; the deploy jobs record deployments 41 (staging) and 42 (production). */
const GREEN = {
  outputs: {
    build: { artifact: 'sha256:' + 'a'.repeat(64), 'artifact-name': 'deploy-artifact-7-1' },
    'staging-deploy': { 'deployment-id': '41' },
    'production-deploy': { 'deployment-id': '42' },
    'health-check': { healthy: 'true' }
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
    expect(needsOf(jobs.lint!)).toEqual([])
  })

  it('runs on always()/failure()/cancelled() only in the record and rollback jobs, which do record or roll back', () => {
    const users = Object.entries(jobs)
      .filter(([, job]) => conditionsOf(job).some(condition => STATUS_FUNCTION.test(condition)))
      .map(([id]) => id)
    expect(users.sort()).toEqual([...AFTER_FAILURE].sort())
    for (const id of AFTER_FAILURE) {
      const gates = (jobs[id]!.steps ?? []).map(step => step.with?.gate)
      expect(gates).toContain('deployment')
    }
    expect(jobs.rollback!.steps!.map(step => step.with?.gate)).toContain('rollback')
  })

  it('with every stage green: all run, both deployments are recorded as success, no rollback', () => {
    const run = simulate(pipeline, GREEN)
    for (const stage of STAGES) expect([stage, run.results[stage]]).toEqual([stage, 'success'])
    expect(run.results['record-staging']).toBe('success')
    expect(run.results['record-production']).toBe('success')
    expect(run.results.rollback).toBe('skipped')
    expect(
      run.evaluateIn('record-production', String(jobs['record-production']!.steps![0]!.with!.state))
    ).toBe('success')
  })

  it.each(STAGES.map((stage, index) => [stage, index] as const))(
    'when %s fails, nothing after it runs, and only a production failure rolls back',
    (failed, index) => {
      const run = simulate(pipeline, { ...GREEN, failing: [failed] })
      const expected: Record<string, Result> = {}
      for (const [i, stage] of STAGES.entries())
        expected[stage] = i < index ? 'success' : i === index ? 'failure' : 'skipped'
      expect(Object.fromEntries(STAGES.map(stage => [stage, run.results[stage]]))).toEqual(expected)

      const productionFailed = failed === 'production-deploy' || failed === 'health-check'
      expect(run.results.rollback).toBe(productionFailed ? 'success' : 'skipped')
      if (productionFailed) {
        expect(run.results['record-production']).toBe('success')
        const state = run.evaluateIn(
          'record-production',
          String(jobs['record-production']!.steps![0]!.with!.state)
        )
        expect(state).toBe('failure')
      }
      const stagingRan = index >= STAGES.indexOf('staging-deploy')
      expect(run.results['record-staging']).toBe(stagingRan ? 'success' : 'skipped')
    }
  )

  it('does not roll back when the production deploy failed before anything was deployed or recorded', () => {
    const outputs = { ...GREEN.outputs, 'production-deploy': {} }
    const run = simulate(pipeline, { outputs, failing: ['production-deploy'] })
    expect(run.results.rollback).toBe('skipped')
    expect(run.results['record-production']).toBe('skipped')
  })

  it('rolls back after production is recorded as failed, so the failed deployment is never the target', () => {
    expect(needsOf(jobs.rollback!)).toEqual(
      expect.arrayContaining(['production-deploy', 'health-check', 'record-production'])
    )
    const rollbackRecord = jobs.rollback!.steps!.find(
      step => step.with?.gate === 'deployment' && step.with['rollback-of']
    )
    expect(rollbackRecord?.with?.['rollback-of']).toBe('${{ needs.production-deploy.outputs.deployment-id }}')
  })
})

describe('pipeline.yml: stages skipped visibly', () => {
  const STAGE_INPUT: Record<string, string> = {
    lint: 'lint-command',
    typecheck: 'typecheck-command',
    'unit-tests': 'test-command',
    build: 'build-command',
    'env-validation': 'env-schema',
    'migration-check': 'migrations-dir',
    'health-check': 'health-url'
  }
  const runningSteps = (id: string, inputs: Record<string, string>) => {
    const context = { values: { inputs: workflowInputs(pipeline, inputs), needs: {} }, status: okStatus }
    return (jobs[id]!.steps ?? []).filter(
      step => step.if === undefined || isTruthy(evaluate(String(step.if), context))
    )
  }
  const okStatus = { success: true, failure: false, cancelled: false }

  it.each(Object.entries(STAGE_INPUT))(
    '%s without %s runs one step that says so in the summary',
    (id, input) => {
      const steps = runningSteps(id, {})
      expect(steps).toHaveLength(1)
      expect(steps[0]!.run).toContain(`skipped: no ${input}`)
      expect(steps[0]!.run).toContain('>> "$GITHUB_STEP_SUMMARY"')
    }
  )

  it.each(Object.entries(STAGE_INPUT))('%s with %s set does not say it was skipped', (id, input) => {
    const steps = runningSteps(id, { [input]: 'something' })
    expect(steps.length).toBeGreaterThan(0)
    expect(steps.some(step => step.run?.includes('skipped:'))).toBe(false)
  })
})

describe('pipeline.yml: one artifact, promoted', () => {
  const text = readWorkflowText('.github/workflows/pipeline.yml')

  it('builds only in the build job, which outputs the digest', () => {
    const building = Object.entries(jobs).filter(([, job]) =>
      JSON.stringify(job).includes('inputs.build-command')
    )
    expect(building.map(([id]) => id)).toEqual(['build'])
    expect(jobs.build!.outputs!.artifact).toBe('${{ steps.pack.outputs.digest }}')
    expect(text).toContain('sha256sum "$out/artifact.tar"')
  })

  it.each(['staging-deploy', 'production-deploy'])(
    '%s deploys the build artifact after checking its digest',
    id => {
      const steps = jobs[id]!.steps!
      const download = steps.find(step => step.uses?.startsWith('actions/download-artifact@'))
      expect(download?.with?.name).toBe('${{ needs.build.outputs.artifact-name }}')
      const verify = steps.find(step => step.env?.EXPECTED_DIGEST === '${{ needs.build.outputs.artifact }}')
      expect(verify?.run).toMatch(/if \[ "\$actual" != "\$EXPECTED_DIGEST" \]; then[\s\S]*exit 1/)
      const deploy = steps.findIndex(step => step.env?.DEPLOY_COMMAND === '${{ inputs.deploy-command }}')
      expect(deploy).toBeGreaterThan(steps.indexOf(verify!))
    }
  )

  it('deploys production in its GitHub environment, serialised per environment', () => {
    expect(jobs['production-deploy']!.environment).toMatchObject({
      name: '${{ inputs.production-environment }}'
    })
    expect(pipeline.concurrency).toEqual({
      group: 'deploy-gates-${{ inputs.production-environment }}',
      'cancel-in-progress': false
    })
    expect(jobs['staging-deploy']!.concurrency).toEqual({
      group: 'deploy-gates-${{ inputs.staging-environment }}',
      'cancel-in-progress': false
    })
  })

  it('declares its secrets and outputs', () => {
    const call = (pipeline.on as { workflow_call: { secrets: object; outputs: object } }).workflow_call
    expect(Object.keys(call.secrets)).toEqual(['DEPLOY_TOKEN', 'PRODUCTION_DATABASE_URL', 'API_HEADERS'])
    expect(Object.keys(call.outputs)).toEqual(
      expect.arrayContaining([
        'artifact',
        'deployment-id',
        'healthy',
        'rolled-back',
        'rollback-deployment-id'
      ])
    )
  })
})

describe('the expression evaluator the simulation relies on', () => {
  const context = {
    values: { needs: { a: { result: 'failure', outputs: { id: '' } } }, inputs: { x: 'Prod' } },
    status: { success: false, failure: true, cancelled: false }
  }
  it.each([
    ["${{ needs.a.result == 'failure' && 'yes' || 'no' }}", 'yes'],
    ["needs.a.result == 'success' && 'yes' || 'no'", 'no'],
    ["inputs.x == 'prod'", true],
    ["always() && needs.a.outputs.id != ''", false],
    ['!cancelled() && failure()', true],
    ["(inputs.x != '' || false) && !success()", true]
  ])('%s → %p', (expression, expected) => {
    expect(evaluate(expression, context)).toBe(expected)
  })
})
