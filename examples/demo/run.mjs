/**
 * The demo: sets up production and staging on loopback (PGlite database, GitHub API stand-in, the example
 * service running release 1), then pushes each scenario through the pipeline and checks it did what it must:
 * the good change reaches production healthy; each breakage stops at its gate with nothing after it run;
 * the bad deploy fails its health check and production is rolled back to the previous artifact; the release that
 * fails at 50% of traffic is caught by the rollout there and traffic returns to the stable version; the deploy
 * during a freeze is blocked, then let through with an override reason.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDatabase } from './database.mjs'
import { startGitHubApi } from './github-api.mjs'
import { runGate } from './gate.mjs'
import { deploy, runPipeline } from './pipeline.mjs'
import { startWeightedProxy } from './proxy.mjs'
import { NEW_MIGRATION, SCENARIOS } from './scenarios.mjs'
import { createEnvironment } from './service.mjs'
import { buildArtifact, createRepository, SERVICE } from './workspace.mjs'

export async function runDemo(print) {
  const started = Date.now()
  const root = await mkdtemp(join(tmpdir(), 'deploy-gates-demo-'))
  const closers = [() => rm(root, { recursive: true, force: true })]
  try {
    const [github, database] = await Promise.all([startGitHubApi(), startDatabase()])
    closers.unshift(
      () => github.close(),
      () => database.close()
    )
    const staging = await createEnvironment('staging')
    const production = await createEnvironment('production')
    // Progressive delivery: a canary instance beside production's stable one, both behind a weighted proxy.
    const canary = await createEnvironment('production-canary')
    const proxy = await startWeightedProxy({ stable: production, canary })
    closers.unshift(
      () => staging.stop(),
      () => production.stop(),
      () => canary.stop(),
      () => proxy.close()
    )
    const repo = await createRepository(root)
    const ctx = {
      repo,
      artifactsDir: join(root, 'artifacts'),
      database,
      staging,
      production,
      canary,
      proxy,
      github: {
        env: sha => ({
          GITHUB_TOKEN: 'demo-token',
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'demo/orders-service',
          GITHUB_SHA: sha,
          GITHUB_RUN_ID: '1'
        })
      },
      log: print
    }

    // Release 1 is what production runs before the demo: the service without its newest migration.
    const release1 = await repo.commit('Release 1', { copy: [{ from: SERVICE }], remove: [NEW_MIGRATION] })
    const applied = await database.migrate(join(repo.dir, 'migrations'))
    const artifact1 = await buildArtifact(repo.dir, ctx.artifactsDir, { version: release1.slice(0, 12) })
    const initial = await deploy(ctx, production, artifact1, { ref: release1, env: ctx.github.env(release1) })
    if (initial.failed) throw new Error(`setting up release 1 failed: ${initial.failed.reason}`)
    await runGate(
      'deployment',
      { environment: 'production', 'deployment-id': initial.id, state: 'success' },
      { env: ctx.github.env(release1) }
    )
    await staging.deploy(artifact1.dir)
    print.setup([
      `production database: PGlite on ${database.url} (${applied.length} migrations applied)`,
      `GitHub Deployments API stand-in: ${github.url}`,
      `production ${production.url} and staging ${staging.url} run release 1 (${release1.slice(0, 7)}), deployment ${initial.id}`,
      `load balancer ${proxy.url} in front of production and its canary slot ${canary.url} (admin ${proxy.adminUrl})`
    ])

    const outcomes = []
    let good = release1
    for (const [index, scenario] of SCENARIOS.entries()) {
      print.scenario(index + 1, scenario.title)
      await repo.checkout(good)
      const sha = await repo.commit(scenario.commit.message, scenario.commit)
      const before = {
        version: await servedVersion(production),
        deployments: productionDeployments(github).length
      }
      const change = {
        sha,
        base: good,
        runtime: scenario.runtime ?? {},
        progressive: scenario.progressive ?? false,
        freeze: scenario.freeze?.()
      }
      const result = await runPipeline(ctx, change)
      const after = { version: await servedVersion(production), deployments: productionDeployments(github) }
      const problems = check(scenario, result, { before, after, sha })
      if (scenario.progressive)
        problems.push(...(await checkRollout(scenario, result, { before, after, proxy })))
      print.verdict(result, problems)
      const outcome = {
        id: scenario.id,
        title: scenario.title,
        expected: scenario.expect,
        stoppedAt: result.stoppedAt,
        reason: result.reason,
        rollback: result.rollback,
        ...(result.rollout ? { rollout: result.rollout } : {}),
        ...(result.freeze ? { freeze: result.freeze.outputs } : {}),
        problems
      }
      if (scenario.rerun) {
        // The same change again, as a re-run with the workflow_dispatch input `override-freeze` set.
        print.record(`re-run with override: "${scenario.rerun.override}"`)
        const again = { ...change, freeze: { ...change.freeze, override: scenario.rerun.override } }
        const rerun = await runPipeline(ctx, again)
        const final = { version: await servedVersion(production), deployments: productionDeployments(github) }
        const rerunProblems = check({ ...scenario, expect: scenario.rerun.expect }, rerun, {
          before: after,
          after: final,
          sha
        })
        rerunProblems.push(...checkOverride(scenario, rerun))
        print.verdict(rerun, rerunProblems)
        problems.push(...rerunProblems.map(problem => `re-run: ${problem}`))
        outcome.rerun = {
          stoppedAt: rerun.stoppedAt,
          reason: rerun.reason,
          freeze: rerun.freeze?.outputs,
          override: scenario.rerun.override
        }
        if (rerunProblems.length === 0) good = sha
      }
      outcomes.push(outcome)
      if (scenario.id === 'good-change' && problems.length === 0) good = sha
    }
    return {
      ok: outcomes.every(o => o.problems.length === 0),
      outcomes,
      seconds: (Date.now() - started) / 1000
    }
  } finally {
    for (const close of closers) await close().catch(() => {})
  }
}

/** What must be true after a scenario; each broken expectation is one sentence. */
function check(scenario, result, { before, after, sha }) {
  const problems = []
  const { expect } = scenario
  if (result.stoppedAt !== expect.stoppedAt)
    problems.push(
      expect.stoppedAt
        ? `expected it to stop at ${expect.stoppedAt}, it ${result.stoppedAt ? `stopped at ${result.stoppedAt}` : 'passed'}`
        : `expected it to pass, it stopped at ${result.stoppedAt}: ${result.reason}`
    )
  if (expect.reason && !expect.reason.test(result.reason))
    problems.push(`expected the reason to match ${expect.reason}, got: ${result.reason}`)
  const stages = result.outcomes.map(o => o.stage)
  const stoppedIndex = stages.indexOf(result.stoppedAt)
  if (stoppedIndex >= 0 && result.outcomes.slice(stoppedIndex + 1).some(o => o.status !== 'not run'))
    problems.push('a stage after the failed one ran')
  if (expect.stoppedAt === null && after.version !== sha.slice(0, 12))
    problems.push(`production serves ${after.version}, not the new release ${sha.slice(0, 12)}`)
  const beforeProduction = stages.indexOf(expect.stoppedAt ?? '') < stages.indexOf('production-deploy')
  if (expect.stoppedAt && beforeProduction) {
    if (after.version !== before.version)
      problems.push(`production changed from ${before.version} to ${after.version}`)
    if (after.deployments.length !== before.deployments) problems.push('a production deployment was recorded')
  }
  if (expect.rolledBack) {
    const record = after.deployments.at(-1)
    if (!result.rollback?.ok)
      problems.push(`the rollback did not complete: ${result.rollback?.reason ?? 'it did not run'}`)
    else if (after.version !== before.version)
      problems.push(
        `after the rollback production serves ${after.version}, not the previous ${before.version}`
      )
    else if (!record?.payload?.rollback_of || record.statuses[0]?.state !== 'success')
      problems.push('the rollback was not recorded as a successful deployment with rollback_of')
  }
  return problems
}

/**
 * The rollout caught the release at 50%: traffic went 10 → 50 → 0, never 100; users saw failures only while the
 * canary had 50%; afterwards the stable version serves everyone; the deployment is a failure and nothing was
 * redeployed.
 */
async function checkRollout(scenario, result, { before, after, proxy }) {
  const problems = []
  const rollout = result.rollout
  if (!rollout) return ['the rollout stage did not run']
  const expected = scenario.expect.abortedAt
  if (rollout.outputs.aborted !== 'true' || rollout.outputs['failed-step'] !== String(expected))
    problems.push(
      `expected the rollout to abort at ${expected}%, outputs: ${JSON.stringify(rollout.outputs)}`
    )
  if (rollout.weights.join(',') !== `10,${expected},0`)
    problems.push(`expected the load balancer weights 10, ${expected}, 0; got ${rollout.weights.join(', ')}`)
  const failedAt = rollout.users.byWeight.filter(w => w.failed > 0).map(w => w.weight)
  if (failedAt.some(weight => weight !== expected))
    problems.push(`users saw failures at weights ${failedAt.join(', ')}, not only at ${expected}%`)
  if (after.version !== before.version)
    problems.push(`production's stable version changed from ${before.version} to ${after.version}`)
  const servedBy = await Promise.all(
    Array.from({ length: 20 }, () =>
      fetch(`${proxy.url}/healthz`, { signal: AbortSignal.timeout(2000) })
        .then(r => r.headers.get('x-served-by'))
        .catch(() => 'nothing')
    )
  )
  if (servedBy.some(name => name !== 'stable'))
    problems.push(`after the abort, users were served by: ${[...new Set(servedBy)].join(', ')}`)
  const records = after.deployments
  if (records.length !== before.deployments + 1)
    problems.push(`expected one new production deployment, got ${records.length - before.deployments}`)
  else if (records.at(-1).statuses[0]?.state !== 'failure')
    problems.push('the aborted rollout was not recorded as a failed deployment')
  if (result.rollback) problems.push('a rollback redeployed the stable artifact, which never stopped serving')
  return problems
}

/** The override let the deploy through the freeze, and its reason is in the freeze gate's report. */
function checkOverride(scenario, result) {
  const problems = []
  if (result.freeze?.outputs.overridden !== 'true')
    problems.push(`expected the freeze to be overridden, outputs: ${JSON.stringify(result.freeze?.outputs)}`)
  if (!JSON.stringify(result.freeze?.report ?? {}).includes(scenario.rerun.override))
    problems.push('the override reason is not in the freeze report')
  return problems
}

function productionDeployments(github) {
  return github.deployments.filter(d => d.environment === 'production')
}

async function servedVersion(environment) {
  try {
    const response = await fetch(`${environment.url}/healthz`, { signal: AbortSignal.timeout(2000) })
    return (await response.json()).version
  } catch {
    return 'nothing'
  }
}
