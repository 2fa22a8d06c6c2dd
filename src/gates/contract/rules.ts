import { FileError } from '../../errors.js'
import { readTextFile } from '../../files.js'
import type { Severity } from '../../types.js'
import { BREAKING_RULE_IDS, catalog, type ContractRuleId } from './catalog.js'

/** A breaking-change rule of the catalog (category `breaking`). */
export type BreakingRule = ContractRuleId
export type RuleSeverities = Record<string, Severity | 'off'>

/** Default severities of the breaking-change rules, from the catalog. */
export function defaultSeverities(): RuleSeverities {
  return Object.fromEntries(BREAKING_RULE_IDS.map(id => [id, catalog.get(id as ContractRuleId).severity]))
}

/**
 * Reads a `breaking-rules` file: one `<rule-id> error|warning|off` a line, `#` comments. Former ids
 * (catalog aliases) are accepted. Kept callable on its own: the common `rules` policy aliases this input.
 */
export async function readRuleOverrides(cwd: string, file: string): Promise<RuleSeverities> {
  const { text, display } = await readTextFile(cwd, file)
  return parseRuleOverrides(text, display)
}

export function parseRuleOverrides(text: string, display: string): RuleSeverities {
  const severities = defaultSeverities()
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim()
    if (line === '') return
    const match = line.match(/^([a-z0-9-]+)\s+(\S+)$/)
    if (!match)
      throw new FileError(
        `expected '<rule-id> error|warning|off', got '${line.slice(0, 120)}'`,
        display,
        index + 1
      )
    const [, id, severity] = match as unknown as [string, string, string]
    const rule = catalog.resolve(id)
    if (!rule || rule.category !== 'breaking') {
      throw new FileError(
        `unknown rule '${id}'; known rules: ${BREAKING_RULE_IDS.join(', ')}`,
        display,
        index + 1
      )
    }
    if (severity !== 'error' && severity !== 'warning' && severity !== 'off') {
      throw new FileError(
        `severity of '${id}' must be error, warning or off (got '${severity.slice(0, 40)}')`,
        display,
        index + 1
      )
    }
    severities[rule.id] = severity
  })
  return severities
}
