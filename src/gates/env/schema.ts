/**
 * The env schema: what must be set. Either a `.env.example`-style file (every key in it is required) or a
 * YAML/JSON file with per-variable rules. A schema that cannot be trusted fails the gate with its file and line.
 */
import { FileError } from '../../errors.js'
import { buildPositionTree, LineIndex, SPEC_YAML_SCHEMA, type PositionNode } from '../../kernel/positions.js'
import { compileSafeRegExpLazily, UnsafePatternError, type SafeRegExp } from '../../kernel/regex-lazy.js'
import { loadYaml } from '../../kernel/yaml.js'
import { closestName } from './closest-name.js'
import { parseEnvText, type ParsedEnvFile } from './dotenv-parser.js'
import { isSecretName } from './secrets.js'
import { matchesType, numericValue, TYPE_EXPECTATION, VALUE_TYPES, type ValueType } from './value-checks.js'

export interface VariableRule {
  name: string
  /**
   * true, false, the environments (lower-case) where it is required, or `production`: required in production
   * environments only (a variable with a `dev-default` and no `default`).
   */
  required: boolean | string[] | 'production'
  /** Required when another variable is set (`key` alone) or holds one of `values`: any condition suffices. */
  requiredWhen?: { key: string; values?: string[] }[]
  /** An empty value counts as set (no `empty-value` finding). */
  allowEmpty: boolean
  type: ValueType
  pattern?: SafeRegExp
  values?: string[]
  secret: boolean
  /** Must be equal across environments: all of them (true) or the listed ones. */
  parity: boolean | string[]
  description?: string
  default?: string
  /** A default that applies outside production only (envalid's devDefault): production must set the variable. */
  devDefault?: string
  min?: number
  max?: number
}

export interface EnvSchema {
  /** As the user wrote it (relative to the working directory). */
  file: string
  format: 'env-example' | 'yaml'
  variables: Map<string, VariableRule>
  /** Environments treated as production (lower-case); undefined = judged by name. */
  productionEnvironments?: string[]
  /** The parsed file when the schema is `.env`-style: checked like any env file for syntax and leaked secrets. */
  envFile?: ParsedEnvFile
}

const VARIABLE_KEYS = [
  'required',
  'type',
  'pattern',
  'values',
  'secret',
  'parity',
  'description',
  'default',
  'dev-default',
  'required-when',
  'allow-empty',
  'min',
  'max'
]
/** `$schema` names the published JSON Schema (schemas/env.schema.json) for editors. */
const TOP_LEVEL_KEYS = ['variables', 'production-environments', '$schema']
const VARIABLE_NAME = /^[\w.-]+$/

export function isYamlSchema(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file)
}

/** Async: a `pattern` that is not provably linear loads the linear-time engine first (src/kernel/regex-lazy.ts). */
export async function parseSchema(text: string, file: string): Promise<EnvSchema> {
  return isYamlSchema(file) ? await parseYamlSchema(text, file) : parseExampleSchema(text, file)
}

/** `.env.example`: every key is required; names alone decide what is secret. */
function parseExampleSchema(text: string, file: string): EnvSchema {
  const envFile = parseEnvText(text)
  const variables = new Map<string, VariableRule>()
  for (const entry of envFile.entries) {
    variables.set(entry.key, {
      name: entry.key,
      required: true,
      type: 'string',
      allowEmpty: false,
      secret: isSecretName(entry.key),
      parity: false
    })
  }
  return { file, format: 'env-example', variables, envFile }
}

type Path = (string | number)[]

class SchemaError extends Error {
  constructor(
    message: string,
    readonly path: Path,
    /** Point at the key itself rather than its value. */
    readonly atKey = false
  ) {
    super(message)
  }
}

async function parseYamlSchema(text: string, file: string): Promise<EnvSchema> {
  // One loader for every YAML input: syntax errors at their line, alias expansion and depth bounded.
  const document = loadYaml(text, { file, schema: SPEC_YAML_SCHEMA, maxNodes: 200_000, maxDepth: 32 })
  try {
    return await readSchemaDocument(document, file)
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error
    const at = locate(text, error.path, error.atKey)
    throw new FileError(error.message, file, at?.line, at?.column)
  }
}

/** Positions are only needed for an error, so the position pass runs only then. */
function locate(text: string, path: Path, atKey: boolean): { line: number; column: number } | undefined {
  let node: PositionNode | undefined = buildPositionTree(text)
  let found = node
  for (const step of path) {
    node = typeof step === 'number' ? node?.items?.[step] : node?.entries?.get(step)
    if (!node) break
    found = node
  }
  const offset = atKey && node === found && found.keyStart !== undefined ? found.keyStart : found.start
  return new LineIndex(text).position(offset)
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (isMapping(value)) return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

async function readSchemaDocument(document: unknown, file: string): Promise<EnvSchema> {
  if (!isMapping(document))
    throw new SchemaError(
      `the schema must be a mapping with a 'variables' key (got ${describe(document)})`,
      []
    )
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new SchemaError(
        `unknown top-level key '${key}' (expected variables or production-environments)`,
        [key],
        true
      )
    }
  }
  const declared = document.variables
  if (!isMapping(declared)) {
    throw new SchemaError(
      `'variables' must be a mapping of variable names to rules (got ${describe(declared)})`,
      declared === undefined ? [] : ['variables']
    )
  }
  const variables = new Map<string, VariableRule>()
  for (const [name, spec] of Object.entries(declared)) {
    variables.set(name, await readVariable(name, spec))
  }
  const production = document['production-environments']
  let productionEnvironments: string[] | undefined
  if (production !== undefined) {
    productionEnvironments = readNameList(
      production,
      ['production-environments'],
      `'production-environments'`
    )
  }
  return { file, format: 'yaml', variables, ...(productionEnvironments ? { productionEnvironments } : {}) }
}

function readNameList(
  value: unknown,
  path: Path,
  what: string,
  expected = 'a list of environment names'
): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every(item => typeof item === 'string' && item.trim() !== '')
  ) {
    throw new SchemaError(`${what} must be ${expected} (got ${describe(value)})`, path)
  }
  return (list as string[]).map(item => item.trim().toLowerCase())
}

type Fields = Record<string, unknown>
type At = (key: string) => Path

/** `type`, `values` and `pattern` of a variable (what its value must look like). */
async function readValueRules(
  fields: Fields,
  where: string,
  at: At
): Promise<{ type: ValueType; values?: string[]; pattern?: SafeRegExp }> {
  let type: ValueType = 'string'
  if (fields.type !== undefined) {
    if (typeof fields.type !== 'string' || !(VALUE_TYPES as readonly string[]).includes(fields.type)) {
      const near = typeof fields.type === 'string' ? closestName(fields.type, VALUE_TYPES) : undefined
      const expected = near ? `did you mean '${near}'? ` : ''
      throw new SchemaError(
        `${where}: unknown type ${JSON.stringify(fields.type)} (${expected}expected one of ${VALUE_TYPES.join(', ')})`,
        at('type')
      )
    }
    type = fields.type as ValueType
  }

  let values: string[] | undefined
  if (fields.values !== undefined) {
    const list = fields.values
    const texts = Array.isArray(list) ? list.map(scalarText) : []
    if (!Array.isArray(list) || list.length === 0 || texts.some(text => text === undefined)) {
      throw new SchemaError(
        `${where}: 'values' must be a non-empty list of strings (got ${describe(list)})`,
        at('values')
      )
    }
    values = texts as string[]
    if (fields.type === undefined) type = 'enum'
  } else if (type === 'enum') {
    throw new SchemaError(`${where}: type enum needs 'values', the list of accepted values`, at('type'))
  }

  let pattern: SafeRegExp | undefined
  if (fields.pattern !== undefined) {
    if (typeof fields.pattern !== 'string')
      throw new SchemaError(`${where}: 'pattern' must be a string`, at('pattern'))
    // A linear-time engine: a pattern from a schema never blocks the gate (`^(a+)+$` would, on V8's).
    try {
      pattern = await compileSafeRegExpLazily(fields.pattern, 'u')
    } catch (error) {
      if (!(error instanceof UnsafePatternError)) throw error
      throw new SchemaError(`${where}: 'pattern' ${error.reason}`, at('pattern'))
    }
  }

  return { type, ...(values ? { values } : {}), ...(pattern ? { pattern } : {}) }
}

async function readVariable(name: string, spec: unknown): Promise<VariableRule> {
  const path = ['variables', name]
  const where = `variable ${name}`
  if (!VARIABLE_NAME.test(name)) {
    throw new SchemaError(
      `'${name}' is not a valid variable name (letters, digits, '_', '.', '-')`,
      path,
      true
    )
  }
  // `NAME:` alone is a required string; `NAME: url` is shorthand for its type.
  const fields: Record<string, unknown> =
    spec === null ? {} : typeof spec === 'string' ? { type: spec } : (spec as Record<string, unknown>)
  if (!isMapping(fields))
    throw new SchemaError(`${where}: expected a mapping of rules (got ${describe(spec)})`, path)
  for (const key of Object.keys(fields)) {
    if (!VARIABLE_KEYS.includes(key)) {
      const near = closestName(key, VARIABLE_KEYS)
      const expected = near ? `did you mean '${near}'?` : `expected one of ${VARIABLE_KEYS.join(', ')}`
      throw new SchemaError(`${where}: unknown key '${key}' (${expected})`, [...path, key], true)
    }
  }
  const at = (key: string) => (typeof spec === 'string' ? path : [...path, key])

  const { type, values, pattern } = await readValueRules(fields, where, at)

  const flag = (key: string): boolean => {
    const value = fields[key]
    if (value === undefined) return false
    if (typeof value !== 'boolean')
      throw new SchemaError(`${where}: '${key}' must be true or false (got ${describe(value)})`, at(key))
    return value
  }
  // true, false or a list. A bare string is refused: `required: yes` once read as an environment named
  // "yes" and required nothing; a one-environment list is written `[production]`.
  const boolOrEnvironments = (key: string): boolean | string[] => {
    const value = fields[key]
    if (value === undefined || typeof value === 'boolean') return value ?? false
    if (typeof value === 'string') {
      const meant = /^(yes|y|on|true)$/i.test(value)
        ? 'true'
        : /^(no|n|off|false)$/i.test(value)
          ? 'false'
          : undefined
      throw new SchemaError(
        `${where}: '${key}' must be true, false or a list of environment names (got the string ${JSON.stringify(value.slice(0, 40))}; ${meant ? `write ${meant}` : `write [${value.slice(0, 40)}] for one environment`})`,
        at(key)
      )
    }
    return readNameList(value, at(key), `${where}: '${key}'`, 'true, false or a list of environment names')
  }

  const scalarField = (key: string): string | undefined => {
    if (fields[key] === undefined || fields[key] === null) return undefined
    const text = scalarText(fields[key])
    if (text === undefined) throw new SchemaError(`${where}: '${key}' must be a single value`, at(key))
    return text
  }
  const defaultValue = scalarField('default')
  const devDefault = scalarField('dev-default')
  const requiredWhen =
    fields['required-when'] === undefined
      ? undefined
      : readRequiredWhen(fields['required-when'], where, at('required-when'))

  const bound = (key: 'min' | 'max'): number | undefined => {
    const value = fields[key]
    if (value === undefined) return undefined
    if (type !== 'int' && type !== 'number' && type !== 'port') {
      throw new SchemaError(
        `${where}: '${key}' applies to types int, number and port (this one is ${type})`,
        at(key)
      )
    }
    if (typeof value !== 'number')
      throw new SchemaError(`${where}: '${key}' must be a number (got ${describe(value)})`, at(key))
    return value
  }

  if (fields.description !== undefined && typeof fields.description !== 'string') {
    throw new SchemaError(`${where}: 'description' must be text`, at('description'))
  }

  const rule: VariableRule = {
    name,
    // A variable with a default need not be set; one with only a dev-default must be set in production;
    // one without either must be set everywhere, unless the schema says otherwise.
    required:
      fields.required !== undefined
        ? boolOrEnvironments('required')
        : defaultValue !== undefined
          ? false
          : devDefault !== undefined
            ? 'production'
            : !requiredWhen,
    ...(requiredWhen ? { requiredWhen } : {}),
    allowEmpty: flag('allow-empty'),
    type,
    secret: flag('secret'),
    parity: boolOrEnvironments('parity'),
    ...(pattern ? { pattern } : {}),
    ...(values ? { values } : {}),
    ...(typeof fields.description === 'string' ? { description: fields.description } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(devDefault !== undefined ? { devDefault } : {})
  }
  const min = bound('min')
  const max = bound('max')
  if (min !== undefined) rule.min = min
  if (max !== undefined) rule.max = max
  for (const [key, value] of [
    ['default', defaultValue],
    ['dev-default', devDefault]
  ] as const) {
    if (value === undefined) continue
    const problem = valueProblem(rule, value)
    if (problem) throw new SchemaError(`${where}: the ${key} ${problem.text}`, at(key))
  }
  return rule
}

/**
 * `required-when: FEATURE_X` (required when FEATURE_X is set and not empty), a list of such names (any of
 * them), or a mapping `{ MODE: cluster }` / `{ MODE: [cluster, ha] }` (required when MODE holds one of the values).
 */
function readRequiredWhen(value: unknown, where: string, path: Path): { key: string; values?: string[] }[] {
  const expected = `a variable name, a list of names, or a mapping of names to values`
  const name = (text: unknown): string => {
    if (typeof text !== 'string' || !VARIABLE_NAME.test(text))
      throw new SchemaError(`${where}: 'required-when' must be ${expected} (got ${describe(text)})`, path)
    return text
  }
  if (typeof value === 'string') return [{ key: name(value) }]
  if (Array.isArray(value) && value.length > 0) return value.map(item => ({ key: name(item) }))
  if (isMapping(value) && Object.keys(value).length > 0) {
    return Object.entries(value).map(([key, wanted]) => {
      const list = Array.isArray(wanted) ? wanted.map(scalarText) : [scalarText(wanted)]
      if (list.length === 0 || list.some(item => item === undefined)) {
        throw new SchemaError(
          `${where}: 'required-when' ${key} must be a value or a list of values (got ${describe(wanted)})`,
          [...path, key]
        )
      }
      return { key: name(key), values: list as string[] }
    })
  }
  throw new SchemaError(`${where}: 'required-when' must be ${expected} (got ${describe(value)})`, path)
}

export type ValueRule = 'invalid-type' | 'invalid-enum' | 'out-of-range' | 'pattern-mismatch'

/** Why a value breaks its rule ("is not a whole number"…), or undefined when it is fine. Never quotes the value. */
export function valueProblem(
  rule: VariableRule,
  value: string
): { rule: ValueRule; text: string } | undefined {
  if (!matchesType(rule.type, value))
    return { rule: 'invalid-type', text: `is not ${TYPE_EXPECTATION[rule.type]}` }
  if (rule.values && !rule.values.includes(value)) {
    return { rule: 'invalid-enum', text: `is not one of ${rule.values.join(', ')}` }
  }
  const n = numericValue(rule.type, value)
  if (n !== undefined && rule.min !== undefined && n < rule.min) {
    return { rule: 'out-of-range', text: `is below the minimum ${rule.min}` }
  }
  if (n !== undefined && rule.max !== undefined && n > rule.max) {
    return { rule: 'out-of-range', text: `is above the maximum ${rule.max}` }
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    return { rule: 'pattern-mismatch', text: `does not match the pattern /${rule.pattern.source}/` }
  }
  return undefined
}
