/** The contract gate's checks for reports (one JUnit test case each): the spec's validity and each breaking-change rule. */
import type { Finding, GateCheck } from '../../types.js'
import { BREAKING_RULE_IDS } from './catalog.js'
import type { RuleSeverities } from './rules.js'

const REF_RULES = new Set(['dangling-ref', 'unsupported-ref'])

/** `parses`, `$refs resolve`, `is a valid OpenAPI document`; only the first when the spec does not parse. */
export function specChecks(display: string, findings: readonly Finding[], parsed: boolean): GateCheck[] {
  const parse = findings.filter(f => f.rule === 'spec-parse-error')
  const checks: GateCheck[] = [{ name: `${display} parses`, group: 'spec', findings: parse }]
  if (!parsed) return checks
  checks.push(
    {
      name: `${display}: every $ref resolves`,
      group: 'spec',
      findings: findings.filter(f => REF_RULES.has(f.rule))
    },
    {
      name: `${display} is a valid OpenAPI document`,
      group: 'spec',
      findings: findings.filter(f => f.rule !== 'spec-parse-error' && !REF_RULES.has(f.rule))
    }
  )
  return checks
}

/** One check per breaking-change rule, so a report lists what was proven not to break, too. */
export function breakingChecks(severities: RuleSeverities, findings: readonly Finding[]): GateCheck[] {
  return BREAKING_RULE_IDS.map(rule => ({
    name: rule,
    group: 'breaking-changes',
    findings: findings.filter(f => f.rule === rule),
    ...(severities[rule] === 'off' ? { skipped: 'turned off by breaking-rules' } : {})
  }))
}
