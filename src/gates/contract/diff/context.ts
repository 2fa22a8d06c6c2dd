import type { Severity } from '../../../types.js'
import type { ChangelogKind } from './kinds.js'
import type { BreakingRule, RuleSeverities } from '../rules.js'
import type { Loc, Spec } from '../spec.js'
import { SchemaComparer } from './schemas.js'

/** One difference between base and head. Breaking ones carry a rule id; the rest feed the changelog. */
export interface ApiChange {
  rule: BreakingRule | ChangelogKind
  /** `info` for changes that break no client. */
  severity: Severity | 'off' | 'info'
  /** The operation, e.g. `GET /users/{id} (getUser)`; a webhook is `webhook NAME POST`. */
  operation: string
  /** Upper-case method and path template of the operation (for ignore files), when the change has one. */
  method?: string
  path?: string
  message: string
  /** Where the change is in the head spec (for a removal: the nearest place that still exists). */
  head: Loc
  /** Where the removed or changed thing was in the base spec. */
  base: Loc | undefined
  /** Why a breaking change is not reported (`err-ignore` line…). */
  ignoredBy?: string
}

export interface DiffPolicy {
  /** Epoch milliseconds of "today" (sunset dates are compared with it). */
  now: number
  /** Minimum days between deprecation and sunset; 0 = no deprecation policy. */
  deprecationDays: number
}

/** What every area of the diff shares: both specs, the severities, the operation being compared. */
export class DiffContext {
  readonly changes: ApiChange[] = []
  /** The operation the next changes belong to. */
  operation = ''
  method: string | undefined
  path: string | undefined
  readonly schemas: SchemaComparer

  constructor(
    readonly base: Spec,
    readonly head: Spec,
    readonly severities: RuleSeverities,
    readonly policy: DiffPolicy
  ) {
    this.schemas = new SchemaComparer(base, head)
  }

  at(operation: string, method?: string, path?: string): void {
    this.operation = operation
    this.method = method
    this.path = path
  }

  breaking(rule: BreakingRule, head: Loc, base: Loc | undefined, message: string, severity?: Severity): void {
    const configured = this.severities[rule] ?? 'error'
    this.changes.push({
      rule,
      // A per-change severity (an anyOf variant is softer than a oneOf one) applies unless the rule is off.
      severity: configured === 'off' ? 'off' : (severity ?? configured),
      operation: this.operation,
      ...(this.method ? { method: this.method, path: this.path } : {}),
      message,
      head,
      base
    })
  }

  info(kind: ChangelogKind, head: Loc, message: string): void {
    this.changes.push({
      rule: kind,
      severity: 'info',
      operation: this.operation,
      ...(this.method ? { method: this.method, path: this.path } : {}),
      message,
      head,
      base: undefined
    })
  }
}
