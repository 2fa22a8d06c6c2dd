import { catalog, type MigrationRuleId } from '../catalog.js'

/**
 * The gate's rules as the rest of the gate reads them (ids, categories, severities). The rules themselves
 * are declared once, in ../catalog.ts; this keeps the names the gate's other modules import.
 */
export type RuleId = MigrationRuleId
export type RuleCategory = 'destructive' | 'incompatible' | 'locking' | 'history' | 'database' | 'usage'

export const RULES = Object.fromEntries(catalog.rules.map(rule => [rule.id, rule])) as Record<
  RuleId,
  (typeof catalog.rules)[number] & { category: RuleCategory }
>

export function isRuleId(id: string): id is RuleId {
  return catalog.has(id)
}

/** Rules whose statements the previous application version cannot run against. */
export function breaksPreviousVersion(rule: RuleId): boolean {
  const { category } = RULES[rule]
  // Drops take away what the running version uses; deleting or rewriting rows loses data but breaks no code.
  return category === 'incompatible' || (category === 'destructive' && rule.startsWith('drop-'))
}
