/**
 * The stages of .github/workflows/pipeline.yml, run locally in the same order with the same gates
 * (`node dist/cli.js <gate>`): the first stage that fails stops the run and nothing after it runs. After a
 * failed production deploy or health check, the rollback job's steps run: the rollback gate picks the last
 * good deployment, its artifact is redeployed, checked for health, and recorded as a rollback.
 *
 * With freeze windows, the freeze gate runs first (fail fast) and again as the production deploy's first step (a
 * long run can enter a window). With progressive delivery, production deploy puts the new version beside the
 * stable one (behind the demo's load balancer) and the rollout stage shifts traffic to it step by step; an aborted
 * rollout is recorded as a failed deployment, with nothing to redeploy: the stable version never stopped serving.
 */
import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { runGate } from './gate.mjs'
import { startUsers } from './users.mjs'
import { buildArtifact, digestOf } from './workspace.mjs'

const run = promisify(execFile)

export const STAGES = [
  'freeze-check',
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

/** With progressive delivery the rollout stage, whose analysis is the health gate's, takes the health check's place. */
export const PROGRESSIVE_STAGES = [...STAGES.slice(0, -1), 'rollout']

/** The traffic command: the demo load balancer's "CLI" (examples/demo/traffic.mjs). */
const TRAFFIC_SCRIPT = fileURLToPath(new URL('./traffic.mjs', import.meta.url))
/** Steps and pause of the demo's rollout: short, so the demo stays quick. */
const ROLLOUT = {
  steps: '10,50,100',
  'step-pause': '1s',
  interval: '100ms',
  'readiness-timeout': '5s',
  'request-timeout': '2s'
}

/** The health gate's verification, short enough for a demo: ready within 5 s, then 1 s of probes. */
const HEALTH = { 'readiness-timeout': '5s', window: '1s', interval: '200ms', 'request-timeout': '2s' }

const passed = detail => ({ status: 'passed', detail })
const skipped = input => ({ status: 'skipped', detail: `skipped: no ${input}` })
const fromGate = (result, detail) =>
  result.code === 0
    ? passed(detail(result))
    : { status: 'failed', detail: result.reason, reason: result.reason, gate: result }

/**
 * `ctx`: { repo, artifactsDir, database, staging, production, github: { env(sha) }, log }.
 * `change`: { sha, base, runtime, freeze?: { windows, timezone, override? }, progressive? }. Returns every
 * stage's outcome, where the run stopped and why, the rollback, and for a progressive delivery the rollout.
 */
export async function runPipeline(ctx, change) {
  const gateEnv = ctx.github.env(change.sha)
  const inRepo = { cwd: ctx.repo.dir, env: gateEnv }
  const state = { change }
  const checkFreeze = async () => {
    const { windows, timezone, override } = change.freeze
    const inputs = { 'freeze-windows': windows, timezone, ...(override ? { override } : {}) }
    const result = await runGate('freeze', inputs, { env: gateEnv })
    state.freeze = result
    return fromGate(result, r =>
      r.outputs.overridden === 'true'
        ? `freeze '${r.outputs.window}' overridden: ${override}`
        : `no freeze in force (${r.report.scope})`
    )
  }

  const stages = {
    'freeze-check': async () => (change.freeze ? checkFreeze() : skipped('freeze-windows')),
    async lint() {
      const scripts = (await readdir(ctx.repo.dir)).filter(name => name.endsWith('.mjs'))
      for (const script of scripts) await run(process.execPath, ['--check', join(ctx.repo.dir, script)])
      return passed(`node --check: ${scripts.join(', ')}`)
    },
    typecheck: async () => skipped('typecheck-command'),
    'unit-tests': async () => skipped('test-command'),
    async 'contract-tests'() {
      const result = await runGate(
        'contract',
        {
          spec: 'openapi.yaml',
          'base-spec': `${change.base}:openapi.yaml`,
          'consumer-contracts': 'pacts/*.json'
        },
        inRepo
      )
      return fromGate(result, () => `openapi.yaml valid, no breaking change since ${change.base.slice(0, 7)}`)
    },
    async build() {
      state.artifact = await buildArtifact(ctx.repo.dir, ctx.artifactsDir, {
        version: change.sha.slice(0, 12),
        runtime: change.runtime
      })
      return passed(`artifact ${state.artifact.digest.slice(0, 19)}…`)
    },
    async 'env-validation'() {
      const inputs = { schema: 'env.schema.yml', 'env-files': '.env.staging,.env.production' }
      return fromGate(await runGate('env', inputs, inRepo), r => r.report.scope)
    },
    async 'staging-deploy'() {
      const deployed = await deploy(ctx, ctx.staging, state.artifact, { ref: change.sha, env: gateEnv })
      if (deployed.failed) return deployed.failed
      await runGate(
        'deployment',
        { environment: 'staging', 'deployment-id': deployed.id, state: 'success' },
        { env: gateEnv }
      )
      return passed(`deployment ${deployed.id}: ${state.artifact.digest.slice(0, 19)}… on ${ctx.staging.url}`)
    },
    async 'integration-tests'() {
      const result = await runGate('contract', { spec: 'openapi.yaml', 'base-url': ctx.staging.url }, inRepo)
      return fromGate(
        result,
        r => `staging matches openapi.yaml: ${r.outputs['operations-checked']} operations verified`
      )
    },
    async 'migration-check'() {
      const inputs = {
        'migrations-dir': 'migrations',
        tool: 'node-pg-migrate',
        'database-url': ctx.database.url,
        'base-ref': change.base
      }
      const result = await runGate('migrations', inputs, inRepo)
      return fromGate(
        result,
        r => `${r.outputs.pending ?? 0} pending, rollback-safe: ${r.outputs['rollback-safe'] ?? 'true'}`
      )
    },
    async 'production-deploy'() {
      // Again right before production: a run that started before a freeze window may have run into it.
      if (change.freeze) {
        const freeze = await checkFreeze()
        if (freeze.status === 'failed') return freeze
      }
      const migrate = async () => {
        const applied = await ctx.database.migrate(join(ctx.repo.dir, 'migrations'))
        state.migrated = applied
      }
      // Progressive: the new version starts beside the stable one and gets no traffic until the rollout gives it some.
      const target = change.progressive ? ctx.canary : ctx.production
      const deployed = await deploy(ctx, target, state.artifact, {
        ref: change.sha,
        env: gateEnv,
        before: migrate,
        environmentName: 'production',
        environmentUrl: change.progressive ? ctx.proxy.url : undefined
      })
      state.deploymentId = deployed.id
      if (deployed.failed) return deployed.failed
      const migrations = state.migrated.length ? `, applied ${state.migrated.join(', ')}` : ''
      const where = change.progressive ? ` on the canary beside stable, 0% of traffic` : ''
      return passed(`deployment ${deployed.id}: ${state.artifact.digest.slice(0, 19)}…${where}${migrations}`)
    },
    async rollout() {
      const users = startUsers(ctx.proxy.url, { weight: () => ctx.proxy.state.weight })
      const result = await runGate(
        'rollout',
        { ...ROLLOUT, 'traffic-command': 'node "$DEMO_TRAFFIC"', url: `${ctx.proxy.url}/healthz` },
        { env: { ...gateEnv, DEMO_TRAFFIC: TRAFFIC_SCRIPT, DEMO_PROXY_ADMIN: ctx.proxy.adminUrl } }
      )
      state.rollout = { result, users: await users.stop(), weights: [...ctx.proxy.state.history] }
      return fromGate(result, r => `${r.outputs.weight}% on the new version: every step's analysis passed`)
    },
    async 'health-check'() {
      const inputs = {
        url: `${ctx.production.url}/healthz`,
        'expect-body': `$.version == ${state.artifact.version}`,
        ...HEALTH
      }
      return fromGate(
        await runGate('health', inputs, { env: gateEnv }),
        r => `healthy: ${r.outputs.probes} probes`
      )
    }
  }

  const outcomes = []
  let stoppedAt = null
  for (const stage of change.progressive ? PROGRESSIVE_STAGES : STAGES) {
    if (stoppedAt) {
      outcomes.push({ stage, status: 'not run' })
      continue
    }
    let outcome
    try {
      outcome = await stages[stage]()
    } catch (error) {
      outcome = { status: 'failed', detail: oneLine(error), reason: oneLine(error) }
    }
    outcomes.push({ stage, ...outcome })
    ctx.log.stage(stage, outcome)
    if (outcome.status === 'failed') stoppedAt = stage
  }

  const result = {
    outcomes,
    stoppedAt,
    reason: outcomes.find(o => o.stage === stoppedAt)?.reason ?? '',
    artifact: state.artifact,
    freeze: state.freeze && { outputs: state.freeze.outputs, report: state.freeze.report },
    rollout: state.rollout && {
      outputs: state.rollout.result.outputs,
      users: state.rollout.users,
      weights: state.rollout.weights
    }
  }
  if (state.deploymentId) {
    const healthy = stoppedAt === null
    await runGate(
      'deployment',
      {
        environment: 'production',
        'deployment-id': state.deploymentId,
        state: healthy ? 'success' : 'failure'
      },
      { env: gateEnv }
    )
    ctx.log.record(
      `production deployment ${state.deploymentId} recorded as ${healthy ? 'success' : 'failure'}`
    )
    if (change.progressive) await settleProgressive(ctx, state, healthy, result)
    else if (!healthy) result.rollback = await rollback(ctx, state.deploymentId, gateEnv)
  }
  return result
}

/**
 * After a progressive delivery: a completed rollout makes the new version the stable one; an aborted one needs
 * no redeploy (the stable version kept serving, and the abort took the canary's traffic back), only the canary
 * stopped. A rollout that could not abort is rolled back the usual way.
 */
async function settleProgressive(ctx, state, healthy, result) {
  const outputs = state.rollout?.result.outputs ?? {}
  const users = state.rollout?.users
  if (users) {
    const byWeight = users.byWeight.map(w => `${w.failed}/${w.requests} failed at ${w.weight}%`).join(', ')
    ctx.log.record(`load balancer weights set: ${state.rollout.weights.map(w => `${w}%`).join(' → ')}`)
    ctx.log.record(`users during the rollout: ${users.requests} requests, ${byWeight}`)
  }
  if (healthy) {
    await ctx.production.deploy(state.artifact.dir)
    ctx.proxy.state.weight = 0
    await ctx.canary.stop()
    ctx.log.record('the new version is the stable one now; the canary instance is stopped')
    return
  }
  const abortFailed = state.rollout?.result.report?.findings?.some(f => f.rule === 'abort-command-failed')
  if (outputs.aborted === 'true' && !abortFailed) {
    await ctx.canary.stop()
    ctx.log.record(
      `traffic back on the stable version (the canary got ${outputs['failed-step']}% at most); nothing to redeploy`
    )
    return
  }
  result.rollback = await rollback(ctx, state.deploymentId, ctx.github.env(state.change.sha))
}

/**
 * The deploy job: check the artifact is the one built, record the deployment (in progress), then put the
 * artifact on the environment. Returns the deployment id, and `failed` when a step failed.
 */
export async function deploy(
  ctx,
  environment,
  artifact,
  { ref, env, before, rollbackOf, environmentName, environmentUrl }
) {
  const actual = await digestOf(artifact.dir)
  if (actual !== artifact.digest)
    return {
      failed: { status: 'failed', reason: `artifact digest ${actual} is not the build's ${artifact.digest}` }
    }
  const payload = JSON.stringify({ artifact: artifact.digest, artifact_dir: artifact.dir })
  const inputs = {
    environment: environmentName ?? environment.name,
    ref,
    payload,
    state: 'in_progress',
    'environment-url': environmentUrl ?? environment.url
  }
  if (rollbackOf) inputs['rollback-of'] = rollbackOf
  const record = await runGate('deployment', inputs, { env })
  if (record.code !== 0) return { failed: fromGate(record) }
  const id = record.outputs['deployment-id']
  try {
    if (before) await before()
    await environment.deploy(artifact.dir)
    return { id }
  } catch (error) {
    return { id, failed: { status: 'failed', detail: oneLine(error), reason: oneLine(error) } }
  }
}

/** The rollback job: rollback gate → redeploy that artifact → health → record with rollback_of. */
async function rollback(ctx, failedId, env) {
  const target = await runGate('rollback', { environment: 'production' }, { env })
  if (target.code !== 0) return { ok: false, reason: target.reason }
  const payload = JSON.parse(target.outputs.payload)
  const artifact = {
    digest: payload.artifact,
    dir: payload.artifact_dir,
    version: target.outputs.sha.slice(0, 12)
  }
  ctx.log.record(
    `rollback target: deployment ${target.outputs['deployment-id']} (${artifact.version}, ${artifact.digest.slice(0, 19)}…)`
  )
  const deployed = await deploy(ctx, ctx.production, artifact, {
    ref: target.outputs.sha,
    env,
    rollbackOf: failedId
  })
  if (deployed.failed) return { ok: false, reason: deployed.failed.reason }
  const health = await runGate(
    'health',
    { url: `${ctx.production.url}/healthz`, 'expect-body': `$.version == ${artifact.version}`, ...HEALTH },
    { env }
  )
  const state = health.code === 0 ? 'success' : 'failure'
  await runGate('deployment', { environment: 'production', 'deployment-id': deployed.id, state }, { env })
  ctx.log.record(`rollback deployment ${deployed.id} (rollback_of ${failedId}) recorded as ${state}`)
  return {
    ok: health.code === 0,
    reason: health.reason,
    targetId: target.outputs['deployment-id'],
    deploymentId: deployed.id,
    version: artifact.version,
    digest: artifact.digest
  }
}

function oneLine(error) {
  return String(error?.stderr || error?.message || error)
    .trim()
    .split('\n')[0]
}
