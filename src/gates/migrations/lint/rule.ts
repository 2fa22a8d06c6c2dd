import type { MigrationRuleId } from '../catalog.js'
import type { SqlStatement } from '../sql/parse.js'
import type { LintContext } from './context.js'

/** What a rule reports about one statement: a message, or several (one per column, constraint…). */
export type RuleResult = string | string[] | undefined

/**
 * One lint rule (a file in `rules/`): a visitor over the statements of a migration. `kinds` names the
 * libpg_query statement kinds it looks at (all when omitted), so the linter only calls it for those.
 */
export interface StatementRule {
  id: MigrationRuleId
  kinds?: readonly string[]
  check(statement: SqlStatement, context: LintContext): RuleResult
  /** After the last statement: a finding about the file as a whole, placed at a statement. */
  finish?(context: LintContext): { message: string; statement: SqlStatement } | undefined
}
