/**
 * The one way users change what a rule does, the same in every gate: the `rules` input, one
 * `rule-id: error|warning|notice|off` a line (or the path of a file of such lines). Ids are checked against
 * the gate's catalog, aliases included; an unknown id is an input error naming the line, with a "did you
 * mean". Two older spellings are kept as documented aliases and read through the same parser: the
 * migrations gate's `allow` (ids downgraded one step) and the contract gate's `breaking-rules` file.
 * Per-statement `-- deploy-gates: allow <rule> <reason>` comments stay the migration gate's own.
 */
import { closest } from '../kernel/closest.js'
import { FileError, InputError } from '../errors.js'
import { readTextFile } from '../files.js'
import type {
  Finding,
  GateCheck,
  GateName,
  GateResult,
  InputSource,
  ResultSection,
  Severity
} from '../types.js'
import type { RuleCatalog } from './catalog.js'

/** A severity for the rule's findings, or `off` to drop them. */
export type RuleAction = Severity | 'off'

export interface PolicyEntry {
  rule: string
  action: RuleAction
  /**
   * Only findings at this severity change (the `allow` alias: a finding at the rule's default is lowered one
   * step; one the gate already lowered, or emitted lower, stays as it is, so the alias never raises one).
   */
  onlyFrom?: Severity
  /** Where the user wrote it: `input 'rules' line 2`, `rules.txt:2`. */
  origin: string
}

export interface RulePolicy {
  readonly entries: readonly PolicyEntry[]
  /** What happens to findings of this rule id (the last entry wins), if anything. */
  actionFor(rule: string): RuleAction | undefined
  /** The entry that decides for this rule (the last one), if any. */
  entryFor(rule: string): PolicyEntry | undefined
}

const ACTIONS = ['error', 'warning', 'notice', 'off'] as const
/** `rule-id: severity` (or `rule-id severity`, the `breaking-rules` spelling); `gate/rule-id` for a shared file. */
const ENTRY = /^(?:([a-z][a-z0-9-]*)\/)?([a-z0-9][a-z0-9-]*)\s*(?::\s*|\s+)(\S+)$/

const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'notice', notice: 'notice' }

export const EMPTY_POLICY: RulePolicy = { entries: [], actionFor: () => undefined, entryFor: () => undefined }

export function policyOf(entries: readonly PolicyEntry[]): RulePolicy {
  const byRule = new Map(entries.map(entry => [entry.rule, entry]))
  return { entries, actionFor: rule => byRule.get(rule)?.action, entryFor: rule => byRule.get(rule) }
}

/** How to report a bad line: an input line or a line of a file. */
type Blame = (message: string, line: number) => Error

function unknownRule(id: string, catalog: RuleCatalog): string {
  const names = catalog.rules.flatMap(rule => [rule.id, ...(rule.aliases ?? [])])
  const guess = closest(id, names)
  return `unknown rule '${id}' of the ${catalog.gate} gate${guess ? `; did you mean '${guess}'?` : ''} (every rule: docs/rules/${catalog.gate}.md)`
}

/** Parses policy lines; `gate/`-prefixed entries for other gates are skipped, so one file can serve every gate. */
export function parsePolicyLines(
  text: string,
  gate: GateName,
  catalog: RuleCatalog | undefined,
  blame: Blame,
  origin: (line: number) => string
): PolicyEntry[] {
  const entries: PolicyEntry[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim()
    if (line === '') return
    const match = ENTRY.exec(line)
    if (!match)
      throw blame(`expected 'rule-id: error|warning|notice|off', got '${line.slice(0, 120)}'`, index + 1)
    const [, prefix, id, action] = match as unknown as [string, string | undefined, string, string]
    if (prefix !== undefined && prefix !== gate) return
    if (!catalog) throw blame(`the ${gate} gate has no configurable rules (got '${id}')`, index + 1)
    const rule = catalog.resolve(id)
    if (!rule) throw blame(unknownRule(id, catalog), index + 1)
    if (!(ACTIONS as readonly string[]).includes(action))
      throw blame(`'${id}' must be set to error, warning, notice or off (got '${action}')`, index + 1)
    entries.push({ rule: rule.id, action: action as RuleAction, origin: origin(index + 1) })
  })
  return entries
}

async function readPolicyFile(
  cwd: string,
  file: string,
  gate: GateName,
  catalog: RuleCatalog | undefined
): Promise<PolicyEntry[]> {
  const { text, display } = await readTextFile(cwd, file)
  return parsePolicyLines(
    text,
    gate,
    catalog,
    (message, line) => new FileError(message, display, line),
    line => `${display}:${line}`
  )
}

/** One line that is not an entry is taken as a file path (a rule id never holds `.` or a path separator). */
function looksLikeFile(value: string): boolean {
  return !value.includes('\n') && !ENTRY.test(value.trim())
}

/** The `rules` input, as lines or a file. */
export async function readRulesInput(
  source: InputSource,
  gate: GateName,
  catalog: RuleCatalog | undefined,
  cwd: string
): Promise<PolicyEntry[]> {
  const value = source.get('rules')
  if (value === undefined) return []
  if (looksLikeFile(value)) return readPolicyFile(cwd, value, gate, catalog)
  const what = source.describe('rules')
  return parsePolicyLines(
    value,
    gate,
    catalog,
    (message, line) => new InputError(`${what} line ${line}: ${message}`),
    line => `${what} line ${line}`
  )
}

/** The older spellings, read through the same parser (documented as aliases in the inputs reference). */
async function readAliasInputs(
  source: InputSource,
  gate: GateName,
  catalog: RuleCatalog | undefined,
  cwd: string
): Promise<PolicyEntry[]> {
  if (gate === 'migrations') {
    const value = source.get('allow')
    if (value === undefined) return []
    const what = source.describe('allow')
    const ids = value
      .split(/[\n,]/)
      .map(id => id.trim())
      .filter(id => id !== '' && !id.startsWith('#'))
    if (ids.length && !catalog) throw new InputError(`${what}: the ${gate} gate has no configurable rules`)
    return ids.map(id => {
      const rule = catalog!.resolve(id)
      if (!rule) throw new InputError(`${what}: ${unknownRule(id, catalog!)}`)
      // One step below the rule's default, as `allow` always meant: an absolute severity, so a gate that
      // still applies `allow` itself and this policy agree instead of lowering twice.
      return { rule: rule.id, action: DOWNGRADE[rule.severity], onlyFrom: rule.severity, origin: what }
    })
  }
  if (gate === 'contract') {
    const file = source.get('breaking-rules')
    return file === undefined ? [] : readPolicyFile(cwd, file, gate, catalog)
  }
  return []
}

/** The gate's policy: the aliases first, then `rules` (which wins where both name a rule). */
export async function readPolicy(
  source: InputSource,
  gate: GateName,
  catalog: RuleCatalog | undefined,
  cwd: string
): Promise<RulePolicy> {
  const aliases = await readAliasInputs(source, gate, catalog, cwd)
  const rules = await readRulesInput(source, gate, catalog, cwd)
  return aliases.length + rules.length === 0 ? EMPTY_POLICY : policyOf([...aliases, ...rules])
}

function applyToFinding(finding: Finding, policy: RulePolicy): Finding | undefined {
  const entry = policy.entryFor(finding.rule)
  if (entry === undefined) return finding
  if (entry.onlyFrom !== undefined && finding.severity !== entry.onlyFrom) return finding
  const action = entry.action
  if (action === 'off') return undefined
  return action === finding.severity ? finding : { ...finding, severity: action }
}

function applyToFindings(findings: readonly Finding[], policy: RulePolicy): Finding[] {
  return findings.flatMap(finding => applyToFinding(finding, policy) ?? [])
}

function applyToCheck(check: GateCheck, policy: RulePolicy): GateCheck {
  const findings = applyToFindings(check.findings, policy)
  if (check.findings.length > 0 && findings.length === 0 && !check.skipped) {
    const rules = [...new Set(check.findings.map(finding => finding.rule))]
    return { ...check, findings, skipped: `turned off by the rules policy (${rules.join(', ')})` }
  }
  return { ...check, findings }
}

/**
 * The result as the policy says: severities changed, findings of rules turned off removed. The summary says
 * so in a section of its own: a gate that passes because a rule was turned off must not look like a clean pass.
 */
export function applyPolicy(result: GateResult, policy: RulePolicy): GateResult {
  if (policy.entries.length === 0) return result
  const affected = new Map<string, number>()
  for (const finding of result.findings)
    if (applyToFinding(finding, policy) !== finding)
      affected.set(finding.rule, (affected.get(finding.rule) ?? 0) + 1)
  // The last entry for a rule is the one that applies.
  const effective = [...new Map(policy.entries.map(entry => [entry.rule, entry])).values()]
  const section: ResultSection = {
    heading: 'Rules changed by the policy',
    blocks: [
      {
        kind: 'table',
        columns: ['Rule', 'Set to', 'Where', 'Findings'],
        rows: effective.map(entry => [
          entry.rule,
          entry.action,
          entry.origin,
          String(affected.get(entry.rule) ?? 0)
        ]),
        align: ['left', 'left', 'left', 'right'],
        code: [0]
      }
    ]
  }
  return {
    ...result,
    findings: applyToFindings(result.findings, policy),
    sections: [...result.sections, section],
    ...(result.checks ? { checks: result.checks.map(check => applyToCheck(check, policy)) } : {})
  }
}
