/**
 * The env gate's rules, applied to loaded env files, a schema and (optionally) the process environment.
 * Pure: everything it needs is passed in; it returns findings and the secrets it saw.
 */
import { quoteForError } from '../../kernel/quote.js'
import { secretsInUrl } from '../../kernel/redact-url.js'
import type { FindingFields } from '../../rules/catalog.js'
import type { Finding, Severity } from '../../types.js'
import { catalog } from './catalog.js'
import { BASE_ENVIRONMENT } from './config.js'
import type { EnvEntry, ParsedEnvFile, Position } from './dotenv-parser.js'
import {
  expandAll,
  expandsToNothing,
  findReferences,
  unclosedReferences,
  type ExpansionReport,
  type Reference
} from './expand.js'
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
  /** Keys whose expansion passed the limits (their value is the written one), and where expanding stopped. */
  expansion: ExpansionReport
}

type RuleId = Parameters<typeof catalog.finding>[0]
/** A finding before the catalog fills in its defaults: every finding is built by catalog.finding. */
type Draft = FindingFields & { rule: RuleId }
type Add = (draft: Draft) => void

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

/** Whether `rule` requires a value in `view`, and why when it is a condition (`required-when`). */
export function requirement(
  rule: VariableRule,
  view: Pick<EnvironmentView, 'name' | 'production' | 'values'>
): { required: boolean; because?: string } {
  if (rule.required === true) return { required: true }
  if (Array.isArray(rule.required) && rule.required.includes(view.name)) return { required: true }
  if (rule.required === 'production' && view.production)
    return { required: true, because: 'its dev-default does not apply in production' }
  for (const condition of rule.requiredWhen ?? []) {
    const value = view.values.get(condition.key)
    if (value === undefined || value === '') continue
    if (!condition.values) return { required: true, because: `${condition.key} is set` }
    if (condition.values.includes(value))
      return {
        required: true,
        because: `${condition.key} is ${condition.values.length === 1 ? condition.values[0] : `one of ${condition.values.join(', ')}`}`
      }
  }
  return { required: false }
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
    const expansion: ExpansionReport = { tooLarge: new Set(), unexpanded: 0 }
    const values = expandAll(raw, seenByExpand, expansion)
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
      values,
      expansion
    }
  })
}

export function checkEnv(input: CheckInput): CheckOutput {
  const findings: Finding[] = []
  const secrets = new Set<string>()
  const { schema } = input
  const views = buildViews(input)
  const add: Add = draft => findings.push(catalog.finding(draft.rule, draft))
  const keepSecret = (value: string | undefined) => {
    if (value && value.length >= MIN_MASKED_LENGTH) secrets.add(value)
  }
  const isSecret = (key: string, value: string) =>
    Boolean(schema?.variables.get(key)?.secret) ||
    isSecretName(key) ||
    liveTokenKind(value) !== undefined ||
    urlPassword(value) !== undefined ||
    (value.includes('://') && secretsInUrl(value).length > 0)
  /** A non-secret, short, one-line value may be quoted in a message; anything else never is. */
  const shown = (key: string, value: string) =>
    !isSecret(key, value) && value.length <= 60 && !/[\n\r]/.test(value) ? ` (got '${value}')` : ''

  // A `.env.example` schema is a committed env file too: its syntax and any real secret in it matter.
  for (const file of [...input.files, ...(input.schemaFile ? [input.schemaFile] : [])]) {
    for (const issue of file.parsed.issues) {
      add({
        rule: issue.rule as RuleId,
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
      if (entry.value.includes('://')) for (const secret of secretsInUrl(entry.value)) keepSecret(secret)
    }
  }
  checkCommittedSecrets(input, add)
  checkUndeclared(input, add)

  for (const view of views) {
    for (const value of view.values.values()) keepSecret(urlPassword(value))
    for (const [key, value] of view.values) if (isSecret(key, value)) keepSecret(value)
    checkValues(view, input, add, shown, isSecret)
    checkCycles(view, add)
    checkMissing(view, input, add)
  }
  checkAcrossEnvironments(views, schema, add)
  checkParity(views, schema, add, shown)
  return { findings: capPerRule(sortFindings(dedupe(findings), input.files)), secrets, views }
}

/** Findings of one rule in one file past this many are summed up in one more finding (a generated file of 100,000 duplicate keys must not make 100,000 annotations, report entries and summary rows). */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 100

function capPerRule(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>()
  const dropped = new Map<string, { first: Finding; count: number; severity: Severity }>()
  const kept: Finding[] = []
  for (const finding of findings) {
    const id = `${finding.rule}\u0000${finding.file ?? ''}`
    const count = (counts.get(id) ?? 0) + 1
    counts.set(id, count)
    if (count <= MAX_FINDINGS_PER_RULE_AND_FILE) {
      kept.push(finding)
      continue
    }
    const entry = dropped.get(id)
    if (!entry) dropped.set(id, { first: finding, count: 1, severity: finding.severity })
    else {
      entry.count++
      if (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[entry.severity]) entry.severity = finding.severity
    }
  }
  for (const { first, count, severity } of dropped.values()) {
    kept.push({
      ...first,
      severity,
      message: `${count} more ${first.rule} findings${first.file ? ` in ${first.file}` : ''} are not listed (the first is here)`
    })
  }
  return kept
}

function fileList(files: LoadedEnvFile[]): string {
  return files.map(file => file.file).join(' and ')
}

function at(position: Position): { line: number; column: number } {
  return { line: position.line, column: position.column }
}

type Shown = (key: string, value: string) => string

/**
 * The references of one assignment: unresolved ones, unclosed `${`, and an expansion past its limits.
 * Returns whether the value is unusable as written (then its other checks would only add noise).
 */
function checkReferences(
  key: string,
  entry: EnvEntry,
  file: LoadedEnvFile,
  view: EnvironmentView,
  lookup: (name: string) => string | undefined,
  where: string,
  secretValue: boolean,
  add: Add
): boolean {
  let unresolved = false
  // A secret's value is never quoted, not even a piece of it (an unsupported `${…}` is part of the value).
  const position = (offset: number) => at(file.parsed.positionAt(entry.contentOffset + offset))
  const located = { file: file.file, ...at(entry.valueStart) }
  for (const reference of findReferences(entry.content)) {
    const problem = referenceProblem(key, reference, entry.content, lookup, view, where, secretValue)
    if (!problem) continue
    unresolved = true
    add({ rule: 'unresolved-reference', file: file.file, ...position(reference.index), ...problem })
  }
  for (const offset of unclosedReferences(entry.content)) {
    add({
      rule: 'unclosed-reference',
      message: `${key} has '\${' with no closing '}', so dotenv-expand leaves it in the value as written`,
      file: file.file,
      ...position(offset)
    })
  }
  if (view.expansion.tooLarge.has(key)) {
    unresolved = true
    add({
      rule: 'expansion-too-large',
      message: `${key} expands past the limit (64 KB or 2,000 replacements a value): its references repeat other references`,
      ...located
    })
  } else if (view.expansion.stoppedAt === key) {
    add({
      rule: 'expansion-too-large',
      message: `expanding ${view.name} stopped at ${key}: its references together passed the limit (16 MB, 100,000 replacements); ${view.expansion.unexpanded} variables with references were left as written`,
      ...located
    })
  }
  return unresolved
}

/** An empty value: an error when the variable is required (unless `allow-empty`), a warning when undeclared. */
function checkEmpty(
  key: string,
  rule: VariableRule | undefined,
  view: EnvironmentView,
  file: LoadedEnvFile,
  located: { file: string; line: number; column: number },
  add: Add
): void {
  const required = rule ? requirement(rule, view).required : false
  if (rule?.allowEmpty || (rule && !required)) return
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

/** Rules on each value an environment ends up with: references, emptiness, type, placeholders, local hosts. */
function checkValues(
  view: EnvironmentView,
  input: CheckInput,
  add: Add,
  shown: Shown,
  isSecret: (key: string, value: string) => boolean
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

    const unresolved = checkReferences(key, entry, file, view, lookup, where, isSecret(key, entry.value), add)

    if (entry.value === '') {
      checkEmpty(key, rule, view, file, located, add)
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
        if (requirement(rule, view).required && !rule.allowEmpty) {
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
  add: Add,
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
    const inUrl = urlHost(value)
    const host = inUrl ?? (rule?.type === 'host' || HOST_KEY.test(key) ? value.toLowerCase() : undefined)
    let kind = host === undefined ? undefined : localHostKind(host)
    // HOST=0.0.0.0 / BIND_ADDRESS=:: tell a server to listen on every interface: right in production. A URL
    // to 0.0.0.0 is a client connecting to its own machine.
    if (kind === 'unspecified') kind = inUrl !== undefined ? 'loopback' : undefined
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

/**
 * Why a reference expands to nothing, or undefined when it expands to something. A reference to the key
 * itself, to an unset variable, an unset variable whose fallback is only unset references (`${A:-$B}`), and
 * an operator dotenv-expand does not know (`${A:?msg}`, which it turns into an empty string).
 */
function referenceProblem(
  key: string,
  reference: Reference,
  content: string,
  lookup: (name: string) => string | undefined,
  view: EnvironmentView,
  where: string,
  secretValue: boolean
): { message: string; help?: string } | undefined {
  const selfReference = reference.name === key && reference.operator === '' && !view.processEnv?.[key]
  const unsupported = /[:?=]/.test(reference.name) && !/^[A-Za-z_]\w*$/.test(reference.name)
  if (unsupported) {
    const written = content.slice(reference.index, reference.index + reference.length)
    return {
      message: secretValue
        ? `${key} uses a reference form dotenv-expand does not understand, so it expands to an empty string`
        : `${key} uses ${quoteForError(written, 60)}, which dotenv-expand does not understand, so it expands to an empty string`,
      help: 'dotenv-expand supports ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} and ${VAR+alt}.'
    }
  }
  if (selfReference)
    return {
      message: `${key} refers to itself, so dotenv-expand replaces the reference with an empty string`
    }
  if (expandsToNothing(reference, lookup)) {
    return {
      message: `${key} refers to ${reference.name}, which is not set in ${where}, so it expands to an empty string`,
      help: `Set ${reference.name}, give a fallback with \${${reference.name}:-default}, or write \\$ for a literal dollar sign.`
    }
  }
  // `${A:-$B}` / `${A-$B}`: A unset (or empty for `:-`), and a fallback made only of unset references.
  const value = lookup(reference.name)
  const fallbackUsed =
    (reference.operator === ':-' && !value) || (reference.operator === '-' && value === undefined)
  if (fallbackUsed && reference.fallback !== '') {
    const inner = findReferences(reference.fallback)
    const onlyReferences =
      inner.reduce(
        (rest, r) => rest.replace(reference.fallback.slice(r.index, r.index + r.length), ''),
        reference.fallback
      ) === ''
    if (inner.length > 0 && onlyReferences && inner.every(r => r.operator === '' && !lookup(r.name))) {
      const names = inner.map(r => r.name).join(', ')
      return {
        message: `${key} refers to ${reference.name}, which is not set in ${where}, and its fallback ${names} is not set either, so it expands to an empty string`,
        help: `Set ${reference.name} or ${names}, or give a literal fallback (\${${reference.name}:-value}).`
      }
    }
  }
  return undefined
}

/**
 * Variables that refer to each other (`A=$B`, `B=$A`): dotenv-expand gives them whatever its loop reaches,
 * not what either line says. Reported once per cycle, at the reference that closes it in its first variable.
 */
function checkCycles(view: EnvironmentView, add: Add): void {
  const edges = new Map<string, { to: string; offset: number }[]>()
  for (const [key, { entry }] of view.assignments) {
    if (view.processEnv?.[key] !== undefined) continue
    const targets = findReferences(entry.content)
      .filter(reference => /^[A-Za-z_]\w*$/.test(reference.name) && reference.name !== key)
      .filter(
        reference => view.assignments.has(reference.name) && view.processEnv?.[reference.name] === undefined
      )
      .map(reference => ({ to: reference.name, offset: reference.index }))
    if (targets.length > 0) edges.set(key, targets)
  }
  // Iterative depth-first search (a file of 100,000 chained references must not overflow the stack).
  const state = new Map<string, 'open' | 'done'>()
  const reported = new Set<string>()
  for (const root of edges.keys()) {
    if (state.has(root)) continue
    const stack: { key: string; next: number }[] = [{ key: root, next: 0 }]
    const path: string[] = [root]
    state.set(root, 'open')
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      const targets = edges.get(frame.key) ?? []
      if (frame.next >= targets.length) {
        state.set(frame.key, 'done')
        stack.pop()
        path.pop()
        continue
      }
      const target = targets[frame.next++]!
      if (state.get(target.to) === 'open') {
        const cycle = [...path.slice(path.indexOf(target.to)), target.to]
        const id = [...cycle.slice(0, -1)].sort().join('\u0000')
        if (reported.has(id)) continue
        reported.add(id)
        const first = view.assignments.get(cycle[0]!)!
        const closing = (edges.get(cycle[0]!) ?? []).find(edge => edge.to === cycle[1])
        add({
          rule: 'reference-cycle',
          message: describeCycle(cycle),
          file: first.file.file,
          ...at(first.file.parsed.positionAt(first.entry.contentOffset + (closing?.offset ?? 0)))
        })
      } else if (!state.has(target.to)) {
        state.set(target.to, 'open')
        stack.push({ key: target.to, next: 0 })
        path.push(target.to)
      }
    }
  }
}

/** `A, B, C refer to each other (A → B → C → A), …`; a long cycle is named by its first members and its size. */
function describeCycle(cycle: string[]): string {
  const members = cycle.slice(0, -1)
  const suffix = ', so dotenv-expand cannot give them the values written'
  if (members.length <= 6) return `${members.join(', ')} refer to each other (${cycle.join(' → ')})${suffix}`
  return `${members.length} variables refer to each other in a cycle (${members.slice(0, 4).join(' → ')} → … → ${members.at(-1)} → ${members[0]})${suffix}`
}

/** Required keys that an environment does not set anywhere it looks. */
function checkMissing(view: EnvironmentView, input: CheckInput, add: Add): void {
  if (!input.schema) return
  const target = view.own[view.own.length - 1]
  const files = fileList(view.files)
  for (const [key, rule] of input.schema.variables) {
    const { required, because } = requirement(rule, view)
    if (!required) continue
    if (view.assignments.has(key) || view.processEnv?.[key] !== undefined) continue
    const where = view.processEnv
      ? files
        ? `${files} nor in the process environment`
        : 'the process environment'
      : files
    add({
      rule: 'missing-key',
      severity: 'error',
      message: `${key} is required${because ? ` in ${view.name} because ${because}` : rule.required === true ? '' : ` in ${view.name}`} (${input.schema.file}) but not set in ${where}`,
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
function checkAcrossEnvironments(views: EnvironmentView[], schema: EnvSchema | undefined, add: Add): void {
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

function checkParity(views: EnvironmentView[], schema: EnvSchema | undefined, add: Add, shown: Shown): void {
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

function checkCommittedSecrets(input: CheckInput, add: Add): void {
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
function checkUndeclared(input: CheckInput, add: Add): void {
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
