import { FileError } from '../../errors.js'
import { readTextFile } from '../../files.js'
import type { Severity } from '../../types.js'

/** Breaking-change rules (stable ids) and their default severities. `breaking-rules` can override each. */
export const BREAKING_RULES = {
  'path-removed': 'error',
  'operation-removed': 'error',
  'deprecated-operation-removed': 'warning',
  'operation-id-changed': 'error',
  'required-parameter-added': 'error',
  'parameter-became-required': 'error',
  'parameter-removed': 'warning',
  'request-body-became-required': 'error',
  'request-media-type-removed': 'error',
  'required-request-property-added': 'error',
  'request-type-narrowed': 'error',
  'request-enum-value-removed': 'error',
  'response-success-status-removed': 'error',
  'response-media-type-removed': 'error',
  'response-property-removed': 'error',
  'response-property-became-optional': 'warning',
  'response-type-changed': 'error',
  'response-enum-value-added': 'warning',
  'required-response-header-removed': 'error',
  'security-requirement-added': 'error'
} as const satisfies Record<string, Severity>

export type BreakingRule = keyof typeof BREAKING_RULES
export type RuleSeverities = Record<BreakingRule, Severity | 'off'>

export function defaultSeverities(): RuleSeverities {
  return { ...BREAKING_RULES }
}

/** Reads a `breaking-rules` file: one `<rule-id> error|warning|off` a line, `#` comments. */
export async function readRuleOverrides(cwd: string, file: string): Promise<RuleSeverities> {
  const { text, display } = await readTextFile(cwd, file)
  const severities = defaultSeverities()
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim()
    if (line === '') return
    const match = line.match(/^([a-z0-9-]+)\s+(\S+)$/)
    if (!match)
      throw new FileError(`expected '<rule-id> error|warning|off', got '${line}'`, display, index + 1)
    const [, rule, severity] = match as unknown as [string, string, string]
    if (!(rule in BREAKING_RULES)) {
      throw new FileError(
        `unknown rule '${rule}'; known rules: ${Object.keys(BREAKING_RULES).join(', ')}`,
        display,
        index + 1
      )
    }
    if (severity !== 'error' && severity !== 'warning' && severity !== 'off') {
      throw new FileError(
        `severity of '${rule}' must be error, warning or off (got '${severity}')`,
        display,
        index + 1
      )
    }
    severities[rule as BreakingRule] = severity
  })
  return severities
}
