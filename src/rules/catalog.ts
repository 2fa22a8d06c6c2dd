/**
 * Rules as units. Every gate declares its rules once, in `src/gates/<gate>/catalog.ts`, with
 * `defineCatalog`; findings are built from the catalog, so a finding cannot carry an id the catalog
 * lacks, and the SARIF driver, the generated rule docs and the `rules` policy all read the same list.
 */
import type { Finding, GateName, Severity } from '../types.js'
import { appendFileSync } from 'node:fs'

export interface RuleDefinition {
  /** Default severity; a user's `rules` policy may change it or turn the rule off. */
  severity: Severity
  /** A family of rules, e.g. `destructive`, `locking`, `drift` (grouping in docs and summaries). */
  category: string
  /** What the rule detects, as a short noun phrase: "Column dropped". */
  title: string
  /** How to fix it: the safe alternative, one or two sentences of plain text. */
  help: string
  /** Longer explanation for the generated reference (Markdown: docs only, never a summary). */
  docs?: string
  /** Former ids, still accepted in policies and allow comments (documented as aliases). */
  aliases?: readonly string[]
}

export interface Rule extends RuleDefinition {
  id: string
  gate: GateName
  /** Where the rule's generated documentation lives (SARIF `helpUri`). */
  helpUri: string
}

/** What a gate supplies for one finding; severity and help default to the rule's. */
export type FindingFields = Omit<Finding, 'rule' | 'severity' | 'help'> & {
  severity?: Severity
  help?: string
}

export interface RuleCatalog<Id extends string = string> {
  gate: GateName
  /** Every rule, in declaration order. */
  rules: readonly Rule[]
  get(id: Id): Rule
  has(id: string): id is Id
  /** The rule an id or alias names, if any (policies and allow comments). */
  resolve(idOrAlias: string): Rule | undefined
  /** A finding of rule `id`. */
  finding(id: Id, fields: FindingFields): Finding
}

export const RULE_DOCS_BASE = 'https://github.com/deploy-gates/deploy-gates/blob/main/docs/rules'

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

export function defineCatalog<const T extends Record<string, RuleDefinition>>(
  gate: GateName,
  definitions: T
): RuleCatalog<Extract<keyof T, string>> {
  type Id = Extract<keyof T, string>
  const byId = new Map<string, Rule>()
  const byAlias = new Map<string, Rule>()
  for (const [id, definition] of Object.entries(definitions)) {
    if (!RULE_ID.test(id)) throw new Error(`rule id '${id}' of gate ${gate} is not kebab-case`)
    const rule: Rule = { ...definition, id, gate, helpUri: `${RULE_DOCS_BASE}/${gate}.md#${id}` }
    byId.set(id, rule)
  }
  for (const rule of byId.values()) {
    for (const alias of rule.aliases ?? []) {
      if (byId.has(alias) || byAlias.has(alias))
        throw new Error(`alias '${alias}' of rule ${gate}/${rule.id} is already taken`)
      byAlias.set(alias, rule)
    }
  }
  const get = (id: Id): Rule => {
    const rule = byId.get(id)
    // Only reachable from untyped callers: a typo in a rule id is a bug, not a user error.
    if (!rule) throw new Error(`gate ${gate} has no rule '${id}'`)
    return rule
  }
  return {
    gate,
    rules: [...byId.values()],
    get,
    has: (id: string): id is Id => byId.has(id),
    resolve: idOrAlias => byId.get(idOrAlias) ?? byAlias.get(idOrAlias),
    finding(id, fields) {
      const rule = get(id)
      logRule(gate, rule.id, 'catalog')
      const { severity, help, ...rest } = fields
      return { rule: rule.id, severity: severity ?? rule.severity, help: help ?? rule.help, ...rest }
    }
  }
}

/**
 * Test instrumentation, off unless DEPLOY_GATES_RULE_LOG names a file: each finding's gate and rule id is
 * appended there, so the suite can prove every id a test saw is in a catalog and every catalog id was
 * produced by some fixture (scripts/jest-rule-coverage.js). One env lookup at load; nothing else in production.
 */
const RULE_LOG = process.env.DEPLOY_GATES_RULE_LOG

export function logRule(gate: string, rule: string, via: 'catalog' | 'result'): void {
  if (RULE_LOG) appendFileSync(RULE_LOG, `${gate}\t${rule}\t${via}\n`)
}
