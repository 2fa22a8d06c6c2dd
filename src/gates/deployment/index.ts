import { InputError } from '../../errors.js'
import { getBoolean, getChoice, getInteger, getList, getString, parseHttpUrl } from '../../inputs.js'
import type { Gate, GateIO, GateResult, InputSource } from '../../types.js'
import {
  deploymentsClient,
  getEnvironment,
  requireToken,
  type Deployment,
  type DeploymentState,
  type GitHubAccess
} from '../../github/deployments.js'
import { parseJsonWithoutEcho } from '../../kernel/json.js'

/**
 * Records a deployment in GitHub's Deployments API and moves it through its states. Rollbacks go through the
 * same path with `payload.rollback_of`, which is how the metrics gate tells a rollback from a change.
 */
export interface DeploymentConfig {
  access: GitHubAccess
  environment: string
  ref: string
  payload: Record<string, unknown>
  /** Update this deployment instead of creating one. */
  deploymentId?: number
  state: DeploymentState
  environmentUrl?: string
  logUrl?: string
  productionEnvironment: boolean
  rollbackOf?: number
}

const TITLE = 'Deployment record'
const STATES: DeploymentState[] = [
  'in_progress',
  'success',
  'failure',
  'error',
  'inactive',
  'queued',
  'pending'
]

export const deploymentGate: Gate<DeploymentConfig> = {
  name: 'deployment',
  title: TITLE,
  parseInputs: (source, common, io) =>
    parseDeploymentInputs(source, requireToken(source, common, io, 'to record deployments'), io),
  run: runDeployment
}

/** Environment names that are production unless `production-environment` says otherwise (case-insensitive). */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod']

function parseDeploymentInputs(source: InputSource, access: GitHubAccess, io: GateIO): DeploymentConfig {
  const environment = getEnvironment(source)
  const deploymentId =
    source.get('deployment-id') === undefined ? undefined : getInteger(source, 'deployment-id', 0, { min: 1 })
  const rollbackOf =
    source.get('rollback-of') === undefined ? undefined : getInteger(source, 'rollback-of', 0, { min: 1 })
  if (deploymentId !== undefined && rollbackOf !== undefined) {
    throw new InputError(
      `${source.describe('rollback-of')} applies when creating a deployment, not with ${source.describe('deployment-id')}`
    )
  }
  const ref = getString(source, 'ref', io.github.sha)
  if (!ref && deploymentId === undefined) {
    throw new InputError(
      `${source.describe('ref')} is required: the git ref or SHA being deployed (GITHUB_SHA is not set)`
    )
  }
  const runUrl =
    io.github.repository && io.github.runId
      ? `${io.github.serverUrl}/${io.github.repository}/actions/runs/${io.github.runId}`
      : undefined
  const productionNames = source.get('production-environments')
    ? getList(source, 'production-environments')
    : DEFAULT_PRODUCTION_ENVIRONMENTS
  const isProductionName = productionNames.some(name => name.toLowerCase() === environment.toLowerCase())
  const environmentUrl = source.get('environment-url')
  // Validated, but sent as written: GitHub shows it as a link, and `new URL()` would rewrite it.
  if (environmentUrl !== undefined) parseHttpUrl(environmentUrl, source.describe('environment-url'))
  const logUrl = source.get('log-url')
  if (logUrl !== undefined) parseHttpUrl(logUrl, source.describe('log-url'))
  return {
    access,
    environment,
    ref,
    payload: parsePayload(source),
    ...(deploymentId !== undefined ? { deploymentId } : {}),
    state: getChoice(source, 'state', STATES, 'in_progress'),
    ...(environmentUrl !== undefined ? { environmentUrl } : {}),
    ...((logUrl ?? runUrl) !== undefined ? { logUrl: logUrl ?? runUrl } : {}),
    productionEnvironment: getBoolean(source, 'production-environment', isProductionName),
    ...(rollbackOf !== undefined ? { rollbackOf } : {})
  }
}

function parsePayload(source: InputSource): Record<string, unknown> {
  const text = source.get('payload')
  if (text === undefined) return {}
  const value = parseJsonWithoutEcho(text, source.describe('payload'))
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      `${source.describe('payload')} must be a JSON object, e.g. {"artifact":"registry/app@sha256:…"}`
    )
  }
  return value as Record<string, unknown>
}

async function runDeployment(config: DeploymentConfig, io: GateIO): Promise<GateResult> {
  const client = deploymentsClient(io, config.access)
  let deployment: Deployment
  if (config.deploymentId === undefined) {
    const payload =
      config.rollbackOf === undefined ? config.payload : { ...config.payload, rollback_of: config.rollbackOf }
    deployment = await client.create({
      ref: config.ref,
      environment: config.environment,
      payload,
      description:
        config.rollbackOf === undefined
          ? `deploy-gates: ${config.ref}`
          : `deploy-gates: rollback of deployment ${config.rollbackOf}`,
      productionEnvironment: config.productionEnvironment
    })
    io.log.info(
      `created deployment ${deployment.id} of ${deployment.ref} (${deployment.sha.slice(0, 12)}) to ${deployment.environment}`
    )
  } else {
    deployment = await client.getDeployment(config.deploymentId)
  }
  const status = await client.createStatus(deployment.id, {
    state: config.state,
    environment: deployment.environment,
    environmentUrl: config.environmentUrl,
    logUrl: config.logUrl,
    description: `deploy-gates: ${config.state.replace('_', ' ')}`
  })
  io.log.info(`deployment ${deployment.id} is now ${status.state}`)

  const rows: [string, string][] = [
    ['Deployment', String(deployment.id)],
    ['Environment', deployment.environment],
    ['Ref', `${deployment.ref} (${deployment.sha.slice(0, 12)})`],
    ['State', status.state],
    ...(config.rollbackOf !== undefined
      ? [['Rolls back', `deployment ${config.rollbackOf}`] as [string, string]]
      : []),
    ...(config.environmentUrl ? [['Environment URL', config.environmentUrl] as [string, string]] : []),
    ...(config.logUrl ? [['Log', config.logUrl] as [string, string]] : [])
  ]
  return {
    gate: 'deployment',
    title: TITLE,
    findings: [],
    outputs: { 'deployment-id': String(deployment.id) },
    sections: [
      {
        heading: 'Deployment',
        blocks: [{ kind: 'key-value', pairs: rows }]
      }
    ],
    scope: `deployment ${deployment.id} of ${deployment.ref} to ${deployment.environment}: ${status.state}`,
    secrets: [],
    data: { deployment, status }
  }
}
