import type { MigrationRuleId } from '../catalog.js'
import type { SqlStatement } from '../sql/parse.js'
import { LintContext, type CheckOptions } from './context.js'
import type { RuleResult, StatementRule } from './rule.js'
import { STATEMENT_RULES } from './rules/index.js'

export type { CheckOptions, FileTransaction, TransactionMode } from './context.js'

export interface StatementViolation {
  rule: MigrationRuleId
  message: string
  statement: SqlStatement
}

/** The rules that look at each statement kind, and those that look at every statement. */
const BY_KIND = new Map<string, StatementRule[]>()
const EVERY_KIND: StatementRule[] = []
for (const rule of STATEMENT_RULES) {
  if (!rule.kinds) EVERY_KIND.push(rule)
  else for (const kind of rule.kinds) BY_KIND.set(kind, [...(BY_KIND.get(kind) ?? []), rule])
}
const RULE_ORDER = new Map(STATEMENT_RULES.map((rule, index) => [rule, index]))

function rulesFor(kind: string): StatementRule[] {
  const specific = BY_KIND.get(kind) ?? []
  if (!EVERY_KIND.length) return specific
  return [...EVERY_KIND, ...specific].sort((a, b) => RULE_ORDER.get(a)! - RULE_ORDER.get(b)!)
}
const RULES_BY_KIND = new Map<string, StatementRule[]>()

function messages(result: RuleResult): string[] {
  return result === undefined ? [] : typeof result === 'string' ? [result] : result
}

/**
 * Applies every statement rule to one migration's statements, in order, in one pass: each rule sees the
 * state the statements before it left (see LintContext), and rules that only matter for objects that
 * already exist (locks, running readers) skip tables created earlier in the same migration.
 */
export function checkStatements(statements: SqlStatement[], options: CheckOptions): StatementViolation[] {
  return checkFile(statements, options).violations
}

/** checkStatements, with what the file tells about column types (see lint-all's resolvePriorTypes). */
export function checkFile(
  statements: SqlStatement[],
  options: CheckOptions
): { violations: StatementViolation[]; context: LintContext } {
  const violations: StatementViolation[] = []
  const context = new LintContext(statements, options)
  for (let index = 0; index < statements.length; index++) {
    context.index = index
    const statement = statements[index]!
    let rules = RULES_BY_KIND.get(statement.kind)
    if (!rules) RULES_BY_KIND.set(statement.kind, (rules = rulesFor(statement.kind)))
    for (const rule of rules)
      for (const message of messages(rule.check(statement, context)))
        violations.push({ rule: rule.id, message, statement })
    context.advance()
  }
  for (const rule of STATEMENT_RULES) {
    const found = rule.finish?.(context)
    if (found) violations.push({ rule: rule.id, ...found })
  }
  return { violations, context }
}
