import { describe, expect, it } from '@jest/globals'
import yaml from 'js-yaml'
import {
  describeGrant,
  grantOf,
  requiredGrant,
  runtimeNeeds,
  startupProblems,
  RESTRICTED_DEFAULT
} from './startup.js'
import {
  calledFile,
  parseWorkflow,
  readWorkflowText,
  reusableWorkflows,
  workflowFiles,
  type Workflow
} from './workflow-files.js'

const callers = workflowFiles().filter(file => file.startsWith('workflows/'))
const reusable = reusableWorkflows()

describe("GitHub's startup validation, on the callers users copy", () => {
  it('covers every caller and every reusable workflow', () => {
    expect(callers).toEqual(
      expect.arrayContaining([
        'workflows/deploy.yml',
        'workflows/monorepo.yml',
        'workflows/pull-request.yml',
        'workflows/rollback.yml',
        'workflows/drill.yml',
        'workflows/metrics.yml'
      ])
    )
    const calledByCallers = new Set(
      callers.flatMap(file =>
        Object.values(parseWorkflow(readWorkflowText(file)).jobs).map(job => calledFile(job.uses))
      )
    )
    for (const file of reusable.keys()) expect([file, calledByCallers.has(file)]).toEqual([file, true])
  })

  // Defect 1: pull-request.yml granted contents and pull-requests while pr-gates.yml's code-scanning job asked for
  // actions: read and security-events: write, so the run failed at startup whatever `upload-sarif` said.
  it.each(callers)('%s: every called job (and every job below it) gets what it asks for and uses', file => {
    expect(startupProblems(file, parseWorkflow(readWorkflowText(file)))).toEqual([])
  })

  it.each([...reusable.keys()])(
    '%s: the least grant a caller must give is enough for every job below it',
    file => {
      const caller = parseWorkflow(
        yaml.dump({
          on: 'push',
          jobs: {
            call: {
              uses: `deploy-gates/deploy-gates/.github/workflows/${file}@v1`,
              permissions: Object.fromEntries(
                describeGrant(requiredGrant(file)).map(entry => entry.split(': '))
              ),
              with: Object.fromEntries(
                Object.entries(
                  (reusable.get(file)!.on as { workflow_call: { inputs?: Record<string, object> } })
                    .workflow_call.inputs ?? {}
                )
                  .filter(([, input]) => (input as { required?: boolean }).required)
                  .map(([name]) => [name, 'x'])
              )
            }
          }
        })
      )
      expect(startupProblems('caller.yml', caller)).toEqual([])
    }
  )

  it('names what each reusable workflow needs from its caller', () => {
    const needs = Object.fromEntries(
      [...reusable.keys()].map(file => [file, describeGrant(requiredGrant(file))])
    )
    expect(needs).toEqual({
      'code-scanning.yml': ['actions: read', 'contents: read', 'security-events: write'],
      'drill.yml': ['actions: read', 'contents: read', 'deployments: write'],
      'metrics.yml': ['contents: read', 'deployments: read'],
      'pipeline.yml': ['actions: read', 'contents: read', 'deployments: write'],
      'pr-gates.yml': ['contents: read', 'pull-requests: write'],
      'rollback.yml': ['actions: read', 'contents: read', 'deployments: write']
    })
  })
})

// The model proves something only if it can fail: each call below is one GitHub refuses to start.
describe('the startup model, on calls GitHub refuses', () => {
  const callee = (jobs: object, top?: object): Workflow =>
    parseWorkflow(
      yaml.dump({
        on: {
          workflow_call: { inputs: { env: { type: 'string', required: true } }, secrets: { TOKEN: {} } }
        },
        ...(top ? { permissions: top } : {}),
        jobs
      })
    )
  const caller = (job: object, top?: object): Workflow =>
    parseWorkflow(
      yaml.dump({
        on: 'push',
        ...(top ? { permissions: top } : {}),
        jobs: {
          call: {
            uses: 'deploy-gates/deploy-gates/.github/workflows/called.yml@v1',
            with: { env: 'x' },
            ...job
          }
        }
      })
    )
  const run = (callerWorkflow: Workflow, called: Workflow) =>
    startupProblems('caller.yml', callerWorkflow, RESTRICTED_DEFAULT, new Map([['called.yml', called]])).map(
      p => p.message
    )
  const step = { run: 'true' }

  it('a job asking for a scope the calling job does not grant, even behind an `if` that is false', () => {
    const prGates = callee(
      {
        gate: { 'runs-on': 'x', permissions: { contents: 'read', 'pull-requests': 'write' }, steps: [step] },
        'code-scanning': {
          if: '${{ false }}',
          'runs-on': 'x',
          permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
          steps: [step]
        }
      },
      { contents: 'read' }
    )
    expect(run(caller({ permissions: { contents: 'read', 'pull-requests': 'write' } }), prGates)).toEqual([
      'asks for more than the caller grants: actions: read (granted none), security-events: write (granted none)'
    ])
  })

  it("the calling job's permissions win over its workflow's; without either, the restricted default applies", () => {
    const deploying = callee({ d: { 'runs-on': 'x', permissions: { deployments: 'write' }, steps: [step] } })
    expect(run(caller({ permissions: { deployments: 'write' } }, { contents: 'read' }), deploying)).toEqual(
      []
    )
    expect(run(caller({}, { deployments: 'write' }), deploying)).toEqual([])
    expect(run(caller({}), deploying)).toEqual([
      'asks for more than the caller grants: deployments: write (granted none)'
    ])
    expect(run(caller({ permissions: {} }, { deployments: 'write' }), deploying)).toEqual([
      'asks for more than the caller grants: deployments: write (granted none)'
    ])
  })

  it("the called workflow's top-level permissions count for jobs that declare none", () => {
    const topLevel = callee({ d: { 'runs-on': 'x', steps: [step] } }, { 'id-token': 'write' })
    expect(run(caller({ permissions: { contents: 'read' } }), topLevel)).toEqual([
      'asks for more than the caller grants: id-token: write (granted none)'
    ])
  })

  it('a job that declares nothing inherits the grant, and its steps must find what they use in it', () => {
    const deployStep = {
      uses: 'deploy-gates/deploy-gates@v1',
      with: { gate: 'deployment', comment: 'false' }
    }
    const inheriting = callee({ d: { 'runs-on': 'x', steps: [deployStep] } })
    expect(run(caller({ permissions: { deployments: 'write', 'id-token': 'write' } }), inheriting)).toEqual(
      []
    )
    expect(run(caller({ permissions: { contents: 'read' } }), inheriting)).toEqual([
      'runs steps that need deployments: write (granted none)'
    ])
  })

  it('read-all and write-all set every scope; write covers read', () => {
    expect(grantOf('read-all').contents).toBe('read')
    expect(grantOf('write-all')['id-token']).toBe('write')
    const reading = callee({ d: { 'runs-on': 'x', permissions: { deployments: 'read' }, steps: [step] } })
    expect(run(caller({ permissions: 'write-all' }), reading)).toEqual([])
    expect(run(caller({ permissions: 'read-all' }), reading)).toEqual([])
  })

  it('undeclared inputs and secrets, a missing required input, a boolean given as a string', () => {
    const plain = parseWorkflow(
      yaml.dump({
        on: {
          workflow_call: {
            inputs: { env: { type: 'string', required: true }, quick: { type: 'boolean', default: false } }
          }
        },
        jobs: { d: { 'runs-on': 'x', permissions: {}, steps: [step] } }
      })
    )
    const bad = caller({ with: { quick: 'true', envv: 'x' }, secrets: { TOKN: 'x' } })
    expect(run(bad, plain)).toEqual([
      "passes input 'envv', which called.yml does not declare",
      "does not pass the required input 'env' of called.yml",
      'input \'quick\' of called.yml is a boolean; got "true"',
      "passes secret 'TOKN', which called.yml does not declare"
    ])
  })

  it('nested calls: the middle workflow passes on at most what it was given', () => {
    const inner = callee({ d: { 'runs-on': 'x', permissions: { deployments: 'write' }, steps: [step] } })
    const middle = parseWorkflow(
      yaml.dump({
        on: { workflow_call: {} },
        jobs: {
          nest: {
            uses: 'deploy-gates/deploy-gates/.github/workflows/inner.yml@v1',
            permissions: { deployments: 'write' },
            with: { env: 'x' }
          }
        }
      })
    )
    const called = new Map([
      ['called.yml', middle],
      ['inner.yml', inner]
    ])
    const problems = (grant: object) =>
      startupProblems('caller.yml', caller({ permissions: grant, with: {} }), RESTRICTED_DEFAULT, called).map(
        p => `${p.where}: ${p.message}`
      )
    expect(problems({ deployments: 'write' })).toEqual([])
    expect(problems({ deployments: 'read' })).toEqual([
      'caller.yml jobs.call → called.yml jobs.nest: asks for more than the caller grants: deployments: write (granted read)',
      'called.yml jobs.nest: asks for more than its caller grants: deployments: write (granted read)'
    ])
  })
})

describe('what the steps of the real jobs use the token for', () => {
  const pipeline = reusable.get('pipeline.yml')!
  it('the production job: deployments written, artifacts of other runs read, the checkout', () => {
    expect(describeGrant(runtimeNeeds(pipeline.jobs.production!, pipeline))).toEqual([
      'actions: read',
      'contents: read',
      'deployments: write'
    ])
  })
  it('a lint job: only the checkout', () => {
    expect(describeGrant(runtimeNeeds(pipeline.jobs.lint!, pipeline))).toEqual(['contents: read'])
  })
})

// The rest of what a run of several calls needs: nothing named once per run, and no queue that drops runs.
describe('names and queues, for every reusable workflow', () => {
  const groups = [...reusable.entries()].flatMap(([file, workflow]) =>
    [
      ['workflow', workflow.concurrency] as const,
      ...Object.entries(workflow.jobs).map(([id, job]) => [`jobs.${id}`, job.concurrency] as const)
    ]
      .filter(([, concurrency]) => concurrency !== undefined)
      .map(([where, concurrency]) => ({ file, where, concurrency: concurrency! }))
  )

  it.each(groups.map(g => [`${g.file} ${g.where}`, g] as const))(
    '%s: the concurrency group is keyed on the service, and queues unless it cancels',
    (_, { concurrency }) => {
      const group = typeof concurrency === 'string' ? concurrency : String(concurrency.group)
      expect(group).toContain('inputs.service')
      if (typeof concurrency === 'object' && String(concurrency['cancel-in-progress']) !== 'true')
        expect(concurrency).toMatchObject({ 'cancel-in-progress': false, queue: 'max' })
    }
  )

  it('every artifact a reusable workflow uploads has a name keyed on the service and the run', () => {
    const names = [...reusable.entries()].flatMap(([file, workflow]) =>
      Object.values(workflow.jobs).flatMap(job =>
        (job.steps ?? []).flatMap(step => {
          if (!step.uses?.startsWith('actions/upload-artifact@')) return []
          const name = String(step.with!.name)
          // A step output: look at what the step that writes it names it.
          const source = /steps\.([\w-]+)\.outputs\.name/.exec(name)
          const resolved = source
            ? String(job.steps!.find(s => s.id === source[1])!.env!.ARTIFACT_NAME)
            : name
          return [{ file, resolved }]
        })
      )
    )
    expect(names.map(n => n.file).sort()).toEqual([
      'pipeline.yml',
      'pr-gates.yml',
      'pr-gates.yml',
      'pr-gates.yml'
    ])
    for (const { resolved } of names) expect(resolved).toContain('inputs.service')
    const build = names.find(n => n.file === 'pipeline.yml')!.resolved
    expect(build).toContain('github.run_id')
  })
})
