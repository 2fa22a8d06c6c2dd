/**
 * gate: env — validates .env files (and optionally the job's own environment) against a schema and against
 * each other: missing and drifting keys, bad values, broken references, syntax dotenv silently tolerates,
 * and secrets committed to git. Never shows a secret value.
 */
import * as path from 'node:path'
import { readTextFile } from '../../files.js'
import type { Gate, GateIO, GateResult } from '../../types.js'
import { checkEnv, holdsCredentialLikeEntry, parityRows, type LoadedEnvFile } from './check.js'
import { parseEnvInputs, type EnvConfig } from './config.js'
import { parseEnvText } from './dotenv-parser.js'
import { paritySection, parityData } from './parity-table.js'
import { isYamlSchema, parseSchema } from './schema.js'

export type { EnvConfig } from './config.js'

/** The files git tracks among `files` (paths relative to cwd); none when cwd is not a git work tree. */
async function trackedFiles(io: GateIO, files: string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set()
  try {
    const listed = await io.git(['ls-files', '-z', '--', ...files])
    return new Set(
      listed
        .split('\0')
        .filter(Boolean)
        .map(file => path.normalize(file))
    )
  } catch (error) {
    io.log.debug(`env: not checking for committed secrets (git ls-files failed: ${(error as Error).message})`)
    return new Set()
  }
}

export async function runEnvGate(config: EnvConfig, io: GateIO): Promise<GateResult> {
  const schemaText = config.schema ? await readTextFile(io.cwd, config.schema, { kind: 'schema' }) : undefined
  const yamlSchema = schemaText !== undefined && isYamlSchema(schemaText.display)
  // A .env.example schema is cheap to parse and is checked like an env file; a YAML one is parsed below.
  let schema = schemaText && !yamlSchema ? await parseSchema(schemaText.text, schemaText.display) : undefined
  const reads = await Promise.allSettled(
    config.envFiles.map(file => readTextFile(io.cwd, file, { kind: 'env' }))
  )
  const read = reads.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []))
  const parsed = read.map(file => ({ display: file.display, parsed: parseEnvText(file.text) }))
  if (schema?.envFile) parsed.push({ display: schema.file, parsed: schema.envFile })
  // Only a file holding something credential-like needs git's word on whether it is committed (saves a
  // spawn). Git runs while the YAML schema is parsed, so until then any variable name counts (the schema
  // can mark any variable secret): a superset of the files the schema would select.
  const suspects = parsed.filter(file =>
    holdsCredentialLikeEntry(file.parsed, schema, { anyName: yamlSchema })
  )
  const tracking =
    read.length === reads.length
      ? trackedFiles(
          io,
          suspects.map(file => file.display)
        )
      : Promise.resolve(new Set<string>())
  // A broken schema is reported before an unusable env file, as the schema decides what is checked.
  if (yamlSchema) schema = await parseSchema(schemaText.text, schemaText.display)
  for (const result of reads) if (result.status === 'rejected') throw result.reason
  const tracked = await tracking
  const isTracked = (file: string) => tracked.has(path.normalize(file))
  const files: LoadedEnvFile[] = read.map((file, i) => ({
    file: file.display,
    environment: config.environments[i]!,
    parsed: parsed[i]!.parsed,
    tracked: isTracked(file.display)
  }))
  const processEnvironment = config.checkProcessEnv ? config.processEnvironment : undefined
  const { findings, secrets, views } = checkEnv({
    files,
    ...(schema ? { schema } : {}),
    ...(schema?.envFile
      ? {
          schemaFile: {
            file: schema.file,
            environment: 'example',
            parsed: schema.envFile,
            tracked: isTracked(schema.file)
          }
        }
      : {}),
    ...(processEnvironment !== undefined
      ? { processEnv: { values: io.env, environment: processEnvironment } }
      : {})
  })

  const rows = parityRows(views, schema)
  const environments = views.map(view => view.name)
  const section = paritySection(rows, environments)
  const keyCount = new Set(files.flatMap(file => [...file.parsed.byKey.keys()])).size
  const scope = [
    files.length > 0
      ? `${files.length} env file${files.length === 1 ? '' : 's'} (${environments.join(', ')}), ${keyCount} keys`
      : '',
    schema ? `schema ${schema.file} (${schema.variables.size} variables)` : '',
    processEnvironment !== undefined ? `process environment as ${processEnvironment}` : ''
  ]
    .filter(Boolean)
    .join('; ')

  return {
    gate: 'env',
    title: envGate.title,
    findings,
    outputs: {},
    sections: section ? [section] : [],
    scope,
    secrets: [...secrets],
    data: {
      schema: schema ? { file: schema.file, format: schema.format, variables: schema.variables.size } : null,
      files: files.map(file => ({
        file: file.file,
        environment: file.environment,
        keys: file.parsed.byKey.size
      })),
      environments: views.map(view => ({
        name: view.name,
        production: view.production,
        files: view.files.map(file => file.file),
        keys: view.assignments.size,
        processEnv: view.processEnv !== undefined
      })),
      parity: parityData(rows)
    }
  }
}

export const envGate: Gate<EnvConfig> = {
  name: 'env',
  title: 'Environment validation',
  parseInputs: source => parseEnvInputs(source),
  run: runEnvGate
}
