/**
 * The env gate's rules, applied to loaded env files, a schema and (optionally) the process environment.
 * Pure: everything it needs is passed in; it returns findings and the secrets it saw.
 */
import type { Finding, Severity } from '../../types.js'
import { BASE_ENVIRONMENT } from './config.js'
import type { EnvEntry, ParsedEnvFile, Position } from './dotenv-parser.js'
import { expandAll, expandsToNothing, findReferences } from './expand.js'
import { closestName } from './closest-name.js'
import { isSecretName, liveTokenKind, looksRandom } from './secrets.js'
import { valueProblem, type EnvSchema, type VariableRule } from './schema.js'
import { isPlaceholder, localHostKind, urlHost, urlPassword } from './value-checks.js'

export interface LoadedEnvFile {
  /** Path relative to the working directory. */
  file: string
  environment: string
  parsed: ParsedEnvFile
  /** Tracked by git (committed), so a secret in it has leaked. */
  tracked: boolean
}

/** One environment as an application sees it: the base `.env` files, then its own files, then the process env. */
export interface EnvironmentView {
  name: string
  production: boolean
  files: LoadedEnvFile[]
  /** The files that belong to this environment itself (not the shared base); findings about absence go to the last. */
  own: LoadedEnvFile[]
  /** The job's own environment, layered on top (only for the environment it belongs to, with check-process-env). */
  processEnv?: Record<string, string | undefined>
  /** Each key's effective assignment (later files override earlier ones). */
  assignments: Map<string, { entry: EnvEntry; file: LoadedEnvFile }>
  /** Each key's final value after dotenv-expand, or from the process environment. */
  values: Map<string, string>
}

export interface CheckInput {
  files: LoadedEnvFile[]
  schema?: EnvSchema
  /** The schema itself when it is a `.env.example`-style file (checked for syntax and committed secrets). */
  schemaFile?: LoadedEnvFile
  /** The process environment to validate, and the environment whose rules apply to it. */
  processEnv?: { values: Record<string, string | undefined>; environment: string }
}

export interface CheckOutput {
  findings: Finding[]
  secrets: Set<string>
  views: EnvironmentView[]
}

const PRODUCTION_NAME = /(^|[-_.])(prod|production|prd|live)($|[-_.])/i
const TEMPLATE_ENVIRONMENT = /^(example|sample|template|dist)$/
const HOST_KEY = /(^|_)(HOST|HOSTNAME|ADDR|ADDRESS)$/i
/** Shorter values are not masked: masking `1` or `abc` would garble every log line and protects nothing. */
const MIN_MASKED_LENGTH = 4
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

export function isProductionEnvironment(name: string, schema?: EnvSchema): boolean {
  return schema?.productionEnvironments
    ? schema.productionEnvironments.includes(name)
    : PRODUCTION_NAME.test(name)
}

export function requiredIn(rule: VariableRule, environment: string): boolean {
  return rule.required === true || (Array.isArray(rule.required) && rule.required.includes(environment))
}

export function buildViews(input: CheckInput): EnvironmentView[] {
  const base = input.files.filter(file => file.environment === BASE_ENVIRONMENT)
  const names = [
    ...new Set(input.files.map(file => file.environment).filter(name => name !== BASE_ENVIRONMENT))
  ]
  if (names.length === 0) names.push(input.processEnv?.environment ?? BASE_ENVIRONMENT)
  return names.map(name => {
    const own = name === BASE_ENVIRONMENT ? base : input.files.filter(file => file.environment === name)
    const files = name === BASE_ENVIRONMENT ? base : [...base, ...own]
    const assignments = new Map<string, { entry: EnvEntry; file: LoadedEnvFile }>()
    for (const file of files)
      for (const entry of file.parsed.byKey.values()) assignments.set(entry.key, { entry, file })
    const processEnv = input.processEnv?.environment === name ? input.processEnv.values : undefined
    // What the app sees after dotenv.config() + dotenvExpand.expand(): the process env wins over the files.
    const raw = new Map([...assignments].map(([key, { entry }]) => [key, entry.value]))
    const seenByExpand: Record<string, string> = Object.fromEntries(raw)
    if (processEnv)
      for (const [key, value] of Object.entries(processEnv))
        if (value !== undefined) seenByExpand[key] = value
    const values = expandAll(raw, seenByExpand)
    if (processEnv && input.schema) {
      for (const key of input.schema.variables.keys())
        if (processEnv[key] !== undefined) values.set(key, processEnv[key]!)
    }
    return {
      name,
      production: isProductionEnvironment(name, input.schema),
      files,
      own,
      ...(processEnv ? { processEnv } : {}),
      assignments,
      values
    }
  })
}

export function checkEnv(input: CheckInput): CheckOutput {
  const findings: Finding[] = []
  const secrets = new Set<string>()
  const { schema } = input
  const views = buildViews(input)
  const add = (finding: Finding) => findings.push(finding)
  const keepSecret = (value: string | undefined) => {
    if (value && value.length >= MIN_MASKED_LENGTH) secrets.add(value)
  }
  const isSecret = (key: string, value: string) =>
    Boolean(schema?.variables.get(key)?.secret) ||
    isSecretName(key) ||
    liveTokenKind(value) !== undefined ||
    urlPassword(value) !== undefined
  /** A non-secret, short, one-line value may be quoted in a message; anything else never is. */
  const shown = (key: string, value: string) =>
    !isSecret(key, value) && value.length <= 60 && !/[\n\r]/.test(value) ? ` (got '${value}')` : ''

  // A `.env.example` schema is a committed env file too: its syntax and any real secret in it matter.
  for (const file of [...input.files, ...(input.schemaFile ? [input.schemaFile] : [])]) {
    for (const issue of file.parsed.issues) {
      add({
        rule: issue.rule,
        severity: issue.severity,
        message: issue.message,
        file: file.file,
        line: issue.line,
        column: issue.column,
        help: issue.help
      })
    }
    for (const entry of file.parsed.entries) {
      if (isSecret(entry.key, entry.value)) keepSecret(entry.value)
      keepSecret(urlPassword(entry.value))
    }
  }
  checkCommittedSecrets(input, add)
  checkUndeclared(input, add)

  for (const view of views) {
    for (const value of view.values.values()) keepSecret(urlPassword(value))
    for (const [key, value] of view.values) if (isSecret(key, value)) keepSecret(value)
    checkValues(view, input, add, shown)
    checkMissing(view, input, add)
  }
  checkAcrossEnvironments(views, schema, add)
  checkParity(views, schema, add, shown)
  return { findings: sortFindings(dedupe(findings), input.files), secrets, views }
}

function fileList(files: LoadedEnvFile[]): string {
  return files.map(file => file.file).join(' and ')
}

function at(position: Position): { line: number; column: number } {
  return { line: position.line, column: position.column }
}

type Shown = (key: string, value: string) => string

/** Rules on each value an environment ends up with: references, emptiness, type, placeholders, local hosts. */
function checkValues(
  view: EnvironmentView,
  input: CheckInput,
  add: (finding: Finding) => void,
  shown: Shown
): void {
  const { schema } = input
  const ownFiles = new Set(view.own)
  const where = view.processEnv
    ? `${fileList(view.files) || 'the files'} or the process environment`
    : fileList(view.files)
  const lookup = (name: string) => view.processEnv?.[name] ?? view.assignments.get(name)?.entry.value

  for (const [key, { entry, file }] of view.assignments) {
    const rule = schema?.variables.get(key)
    const fromProcess = view.processEnv?.[key] !== undefined && rule !== undefined
    if (fromProcess) continue // the process environment's value is what the app sees; checked below
    const value = view.values.get(key) ?? entry.value
    const located = { file: file.file, ...at(entry.valueStart) }

    let unresolved = false
    for (const reference of findReferences(entry.content)) {
      // dotenv-expand's self-reference guard turns `A=${A}` into an empty string unless A comes from the process.
      const selfReference = reference.name === key && reference.operator === '' && !view.processEnv?.[key]
      if (!selfReference && !expandsToNothing(reference, lookup)) continue
      unresolved = true
      const unsupported = /[:?=]/.test(reference.name) && !/^[A-Za-z_]\w*$/.test(reference.name)
      add({
        rule: 'unresolved-reference',
        severity: 'error',
        message: unsupported
          ? `${key} uses '${entry.content.slice(reference.index, reference.index + reference.length)}', which dotenv-expand does not understand, so it expands to an empty string`
          : selfReference
            ? `${key} refers to itself, so dotenv-expand replaces the reference with an empty string`
            : `${key} refers to ${reference.name}, which is not set in ${where}, so it expands to an empty string`,
        file: file.file,
        ...at(file.parsed.positionAt(entry.contentOffset + reference.index)),
        help: unsupported
          ? 'dotenv-expand supports ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} and ${VAR+alt}.'
          : `Set ${reference.name}, give a fallback with \${${reference.name}:-default}, or write \\$ for a literal dollar sign.`
      })
    }

    if (entry.value === '') {
      const required = rule ? requiredIn(rule, view.name) : false
      if (required || !rule) {
        add({
          rule: 'empty-value',
          severity: required ? 'error' : 'warning',
          message: `${key} is empty in ${file.file}${required ? ` but required in ${view.name}` : ''}`,
          ...located,
          help: required
            ? `Give ${key} a value, or remove it from the schema's required list for ${view.name}.`
            : `Give ${key} a value or remove the line.`
        })
      }
      continue
    }
    if (unresolved) continue
    checkValue(
      key,
      value,
      rule,
      view,
      input,
      add,
      shown,
      located,
      ownFiles.has(file) ? file.file : `${file.file} (used by ${view.name})`
    )
  }

  if (view.processEnv && schema) {
    for (const [key, rule] of schema.variables) {
      const value = view.processEnv[key]
      if (value === undefined) continue
      if (value === '') {
        if (requiredIn(rule, view.name)) {
          add({
            rule: 'empty-value',
            severity: 'error',
            message: `${key} is empty in the process environment but required in ${view.name}`,
            help: `Set the ${key} secret or variable for the ${view.name} environment.`
          })
        }
        continue
      }
      // Values from the process environment are checked but never shown: they are where CI secrets live.
      checkValue(key, value, rule, view, input, add, () => '', {}, 'the process environment')
    }
  }
}

function checkValue(
  key: string,
  value: string,
  rule: VariableRule | undefined,
  view: EnvironmentView,
  input: CheckInput,
  add: (finding: Finding) => void,
  shown: Shown,
  located: { file?: string; line?: number; column?: number },
  where: string
): void {
  if (rule) {
    const problem = valueProblem(rule, value)
    if (problem) {
      add({
        rule: problem.rule,
        severity: 'error',
        message: `${key} in ${where} ${problem.text}${shown(key, value)}`,
        ...located,
        help: rule.description
          ? `${key}: ${rule.description}`
          : `Fix the value of ${key}, or its rule in ${input.schema!.file}.`
      })
    }
  }
  if (!TEMPLATE_ENVIRONMENT.test(view.name) && isPlaceholder(value)) {
    add({
      rule: 'placeholder-value',
      severity: view.production ? 'error' : 'warning',
      message: `${key} in ${where} is a placeholder, not a real value${shown(key, value)}`,
      ...located,
      help: `Set the real value of ${key} for ${view.name}${isSecretName(key) || rule?.secret ? ', from your secret store' : ''}.`
    })
  }
  if (view.production) {
    const host =
      urlHost(value) ?? (rule?.type === 'host' || HOST_KEY.test(key) ? value.toLowerCase() : undefined)
    const kind = host === undefined ? undefined : localHostKind(host)
    if (kind) {
      const hidden = shown(key, value) === ''
      add({
        rule: kind === 'loopback' ? 'localhost-url' : 'private-network-url',
        severity: kind === 'loopback' ? 'error' : 'warning',
        message:
          kind === 'loopback'
            ? `${key} in ${where} points at ${hidden ? 'the local machine' : host}, which does not exist in ${view.name}`
            : `${key} in ${where} points at ${hidden ? 'a private-network address' : `the private-network address ${host}`} in ${view.name}`,
        ...located,
        help:
          kind === 'loopback'
            ? `Use the ${view.name} host name of this service.`
            : `Make sure ${view.name} can reach this address; prefer a DNS name that each environment resolves.`
      })
    }
  }
}

/** Required keys that an environment does not set anywhere it looks. */
function checkMissing(view: EnvironmentView, input: CheckInput, add: (finding: Finding) => void): void {
  if (!input.schema) return
  const target = view.own[view.own.length - 1]
  const files = fileList(view.files)
  for (const [key, rule] of input.schema.variables) {
    if (!requiredIn(rule, view.name)) continue
    if (view.assignments.has(key) || view.processEnv?.[key] !== undefined) continue
    const where = view.processEnv
      ? files
        ? `${files} nor in the process environment`
        : 'the process environment'
      : files
    add({
      rule: 'missing-key',
      severity: 'error',
      message: `${key} is required${rule.required === true ? '' : ` in ${view.name}`} (${input.schema.file}) but not set in ${where}`,
      ...(target ? { file: target.file } : {}),
      help:
        (target
          ? `Add ${key}=… to ${target.file}`
          : `Set ${key} in the job's environment (e.g. from a secret)`) +
        (rule.description ? `: ${rule.description}` : '.')
    })
  }
}

/** A key one environment sets and another does not: the classic "works in staging, breaks in production". */
function checkAcrossEnvironments(
  views: EnvironmentView[],
  schema: EnvSchema | undefined,
  add: (finding: Finding) => void
): void {
  if (views.length < 2) return
  const firstSeen = new Map<string, { view: EnvironmentView; entry: EnvEntry; file: LoadedEnvFile }>()
  for (const view of views) {
    for (const file of view.own) {
      for (const entry of file.parsed.byKey.values())
        if (!firstSeen.has(entry.key)) firstSeen.set(entry.key, { view, entry, file })
    }
  }
  for (const [key, seen] of firstSeen) {
    // A declared variable is governed by its schema rule (`required` per environment), not by symmetry.
    if (schema?.variables.has(key)) continue
    for (const view of views) {
      if (view.assignments.has(key) || view.processEnv?.[key] !== undefined) continue
      const target = view.own[view.own.length - 1]
      add({
        rule: 'missing-in-environment',
        severity: 'error',
        message: `${key} is set in ${seen.file.file} (line ${seen.entry.keyStart.line}) but missing from ${fileList(view.files) || view.name}`,
        ...(target ? { file: target.file } : {}),
        help: `Add ${key} to ${target?.file ?? `the ${view.name} environment`}, or remove it from ${seen.file.file} if ${view.name} really does not need it.`
      })
    }
  }
}

export interface ParityCell {
  value: string
  file?: string
  line?: number
  column?: number
  fromProcess: boolean
}

export interface ParityRow {
  key: string
  secret: boolean
  cells: Map<string, ParityCell | undefined>
  equal: boolean
}

/** The values of every parity key in every environment it applies to. */
export function parityRows(views: EnvironmentView[], schema: EnvSchema | undefined): ParityRow[] {
  if (!schema) return []
  const rows: ParityRow[] = []
  for (const [key, rule] of schema.variables) {
    if (rule.parity === false) continue
    const names = rule.parity === true ? views.map(view => view.name) : rule.parity
    const cells = new Map<string, ParityCell | undefined>()
    for (const view of views) {
      if (!names.includes(view.name)) continue
      const value = view.values.get(key)
      const assignment = view.assignments.get(key)
      const fromProcess = view.processEnv?.[key] !== undefined
      cells.set(
        view.name,
        value === undefined
          ? undefined
          : {
              value,
              fromProcess,
              ...(assignment && !fromProcess
                ? {
                    file: assignment.file.file,
                    line: assignment.entry.keyStart.line,
                    column: assignment.entry.valueStart.column
                  }
                : {})
            }
      )
    }
    if (cells.size === 0) continue
    const present = [...cells.values()].filter((cell): cell is ParityCell => cell !== undefined)
    const equal = present.every(cell => cell.value === present[0]!.value)
    rows.push({
      key,
      secret: rule.secret || isSecretName(key) || present.some(cell => cell.fromProcess),
      cells,
      equal
    })
  }
  return rows
}

function checkParity(
  views: EnvironmentView[],
  schema: EnvSchema | undefined,
  add: (finding: Finding) => void,
  shown: Shown
): void {
  for (const row of parityRows(views, schema)) {
    if (row.equal) continue
    const present = [...row.cells].filter((pair): pair is [string, ParityCell] => pair[1] !== undefined)
    const [baseName, base] = present[0]!
    const describeCell = (name: string, cell: ParityCell) =>
      `${name} (${cell.fromProcess ? 'process environment' : `${cell.file}:${cell.line}`})${row.secret || cell.fromProcess ? '' : shown(row.key, cell.value).replace(' (got ', ': ').replace(/\)$/, '')}`
    for (const [name, cell] of present.slice(1)) {
      if (cell.value === base.value) continue
      add({
        rule: 'parity-drift',
        severity: 'error',
        message: `${row.key} must be equal across environments but differs: ${describeCell(baseName, base)} vs ${describeCell(name, cell)}`,
        ...(cell.file ? { file: cell.file, line: cell.line!, column: cell.column! } : {}),
        help: `Use one value of ${row.key} everywhere, or drop 'parity' from its rule in ${schema!.file}.`
      })
    }
  }
}

/** Live credentials in files git tracks: they are in the repository's history, so they have leaked. */
/** The entries of a file that look like a live credential, and what kind ('' for a random value under a secret name). */
/**
 * Entries holding what looks like a real credential: a live token shape anywhere, or a random-looking value
 * in a secret variable (by schema or by name; `anyName`: in any variable, a superset for when the schema
 * is not known yet).
 */
/** What kind of credential an entry looks like ('' for a random-looking secret), or undefined. */
function credentialKind(
  entry: EnvEntry,
  schema: EnvSchema | undefined,
  anyName: boolean
): string | undefined {
  const kind = liveTokenKind(entry.value)
  if (kind) return kind
  if (
    (anyName || schema?.variables.get(entry.key)?.secret || isSecretName(entry.key)) &&
    looksRandom(entry.value) &&
    !isPlaceholder(entry.value)
  ) {
    return ''
  }
  return undefined
}

export function credentialLikeEntries(
  parsed: ParsedEnvFile,
  schema?: EnvSchema,
  { anyName = false } = {}
): { entry: EnvEntry; kind: string }[] {
  const found: { entry: EnvEntry; kind: string }[] = []
  for (const entry of parsed.entries) {
    const kind = credentialKind(entry, schema, anyName)
    if (kind !== undefined) found.push({ entry, kind })
  }
  return found
}

/** Whether any entry looks like a credential: stops at the first (it decides only whether git is asked). */
export function holdsCredentialLikeEntry(
  parsed: ParsedEnvFile,
  schema?: EnvSchema,
  { anyName = false } = {}
): boolean {
  return parsed.entries.some(entry => credentialKind(entry, schema, anyName) !== undefined)
}

function checkCommittedSecrets(input: CheckInput, add: (finding: Finding) => void): void {
  for (const file of [...input.files, ...(input.schemaFile ? [input.schemaFile] : [])]) {
    if (!file.tracked) continue
    const production = isProductionEnvironment(file.environment, input.schema)
    for (const { entry, kind } of credentialLikeEntries(file.parsed, input.schema)) {
      add({
        rule: 'committed-secret',
        severity: kind || production ? 'error' : 'warning',
        message: kind
          ? `${entry.key} holds what looks like ${kind}, in a file tracked by git`
          : `${entry.key} holds what looks like a real secret (a long random value), in a file tracked by git`,
        file: file.file,
        ...at(entry.valueStart),
        help: `Rotate it now (it is in the git history), delete it from ${file.file}, and inject ${entry.key} from a secret store (e.g. GitHub environment secrets).`
      })
    }
  }
}

/** Keys the schema does not know: often a typo of one it does (which is then reported missing too). */
function checkUndeclared(input: CheckInput, add: (finding: Finding) => void): void {
  const { schema } = input
  if (!schema) return
  const declared = [...schema.variables.keys()]
  for (const file of input.files) {
    for (const entry of file.parsed.byKey.values()) {
      if (schema.variables.has(entry.key)) continue
      const near = closestName(entry.key, declared)
      add({
        rule: 'undeclared-key',
        severity: 'notice',
        message: `${entry.key} is not declared in ${schema.file}${near ? ` (did you mean ${near}?)` : ''}`,
        file: file.file,
        ...at(entry.keyStart),
        help: near
          ? `Rename it to ${near}, or declare ${entry.key} in ${schema.file}.`
          : `Declare ${entry.key} in ${schema.file}, or remove it.`
      })
    }
  }
}

/** The same rule at the same place can come from several environments sharing a base file: keep the most severe. */
function dedupe(findings: Finding[]): Finding[] {
  const kept = new Map<string, Finding>()
  for (const finding of findings) {
    const id = `${finding.rule}\u0000${finding.file ?? ''}\u0000${finding.line ?? ''}\u0000${finding.column ?? ''}\u0000${finding.line === undefined ? finding.message : ''}`
    const previous = kept.get(id)
    if (!previous || SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[previous.severity])
      kept.set(id, finding)
  }
  return [...kept.values()]
}

function sortFindings(findings: Finding[], files: LoadedEnvFile[]): Finding[] {
  const order = new Map(files.map((file, i) => [file.file, i]))
  const rank = (finding: Finding) =>
    finding.file === undefined ? -1 : (order.get(finding.file) ?? files.length)
  return findings.sort(
    (a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  )
}
