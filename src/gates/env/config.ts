/** The env gate's inputs, and which environment each env file belongs to. */
import * as path from 'node:path'
import { InputError } from '../../errors.js'
import { getBoolean, getList } from '../../inputs.js'
import type { InputSource } from '../../types.js'

export interface EnvConfig {
  /** Schema file, relative to the working directory ('' = none). */
  schema: string
  envFiles: string[]
  /** The environment of each env file, in the same order (from the input, or derived from the file name). */
  environments: string[]
  /** With check-process-env: the environment whose rules apply to the job's own environment. */
  processEnvironment?: string
  checkProcessEnv: boolean
}

/** The environment name of plain `.env`: a base layer under every other environment, as in dotenv-flow. */
export const BASE_ENVIRONMENT = 'default'

const ENVIRONMENT_NAME = /^[A-Za-z0-9][\w.-]*$/

/** `.env.production` → production, `.env.staging.local` → staging, `production.env` → production, `.env` → default. */
export function environmentFromFileName(file: string): string {
  const name = path.basename(file).toLowerCase()
  const dotted = /^\.env\.(.+?)(?:\.local)?$/.exec(name)
  if (dotted) return dotted[1]!
  const suffixed = /^(.+)\.env$/.exec(name)
  if (suffixed) return suffixed[1]!
  if (name === '.env') return BASE_ENVIRONMENT
  return name.replace(/\.[^.]*$/, '') || name
}

export function parseEnvInputs(source: InputSource): EnvConfig {
  const envFiles = getList(source, 'env-files')
  const checkProcessEnv = getBoolean(source, 'check-process-env', false)
  const schema = source.get('schema') ?? ''
  if (envFiles.length === 0 && !checkProcessEnv) {
    throw new InputError(
      `${source.describe('env-files')} is required: the .env files to check (or set ${source.describe('check-process-env')} to true)`
    )
  }
  if (checkProcessEnv && !schema) {
    throw new InputError(
      `${source.describe('check-process-env')} needs ${source.describe('schema')}: the schema says what the process environment must contain`
    )
  }
  const named = getList(source, 'environment').map(name => name.toLowerCase())
  for (const name of named) {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new InputError(
        `${source.describe('environment')} must be environment names like production or staging (got '${name}')`
      )
    }
  }
  if (named.length > 1 && named.length !== envFiles.length) {
    throw new InputError(
      `${source.describe('environment')} must be one name, or one per env file (${envFiles.length}); got ${named.length}`
    )
  }
  const derivedNames = envFiles.map(environmentFromFileName)
  // One name applies to files whose names say nothing (`.env`); files named for an environment keep it, so
  // `environment: production` with `.env.staging` and `.env.production` only says which one this job deploys.
  const environments =
    named.length > 1
      ? named
      : derivedNames.every(name => name === BASE_ENVIRONMENT) && named.length === 1
        ? derivedNames.map(() => named[0]!)
        : derivedNames
  let processEnvironment: string | undefined
  if (checkProcessEnv) {
    const derived = [...new Set(environments.filter(name => name !== BASE_ENVIRONMENT))]
    if (named.length !== 1 && derived.length > 1) {
      // Guessing which environment this job deploys could validate it against the wrong rules.
      throw new InputError(
        `${source.describe('environment')} is needed with ${source.describe('check-process-env')} when the env files cover several environments (${derived.join(', ')}): name the one this job deploys`
      )
    }
    processEnvironment = named.length === 1 ? named[0]! : (derived[0] ?? BASE_ENVIRONMENT)
  }
  return {
    schema,
    envFiles,
    environments,
    ...(processEnvironment ? { processEnvironment } : {}),
    checkProcessEnv
  }
}
