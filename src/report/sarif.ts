/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). Code scanning rejects a result
 * without a location, so a finding without a file is placed on a fallback file (the workflow) or left out.
 */
import { createHash } from 'node:crypto'
import type { Rule, RuleCatalog } from '../rules/catalog.js'
import type { GateResult, Severity } from '../types.js'
import { compareFindings } from './order.js'
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from './version.js'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

export interface SarifOptions {
  /** Maps a finding's file to a repository-relative path. */
  locate: (file: string) => string
  /** Repository-relative file for findings without one (e.g. the workflow); undefined: leave them out. */
  fallbackFile?: string
  /** The gate's rule catalog: the driver lists every rule in it, not only those that fired. */
  catalog?: RuleCatalog
}

/** `missing-key` → `Missing key`. */
function humanize(rule: string): string {
  const words = rule.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

interface SarifRegion {
  startLine?: number
  startColumn?: number
  endLine?: number
  endColumn?: number
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: 'error' | 'warning' | 'note'
  message: { text: string }
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: SarifRegion }
  }[]
  partialFingerprints: Record<string, string>
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  help: { text: string; markdown?: string }
  helpUri?: string
  defaultConfiguration: { level: 'error' | 'warning' | 'note' }
  properties: { tags: string[] }
}

/** The subset of SARIF 2.1.0 we write. */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }
    automationDetails: { id: string }
    columnKind: 'utf16CodeUnits'
    results: SarifResult[]
  }[]
}

/** `drop-column` → `DropColumn` (SARIF's `name` is an identifier). */
const pascal = (id: string) => humanize(id).replace(/ (\w)/g, (_, c: string) => c.toUpperCase())

function catalogRule(rule: Rule, gate: string): SarifRule {
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help, ...(rule.docs ? { markdown: `${rule.help}\n\n${rule.docs}` } : {}) },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [TOOL_NAME, gate, rule.category] }
  }
}

/** A rule a finding carries that no catalog lists (a gate not converted yet): described from the finding. */
function findingRule(id: string, severity: Severity, text: string, gate: string): SarifRule {
  return {
    id,
    name: pascal(id),
    shortDescription: { text: humanize(id) },
    fullDescription: { text },
    help: { text },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: [TOOL_NAME, gate] }
  }
}

export function buildSarif(result: GateResult, options: SarifOptions): SarifLog {
  const findings = [...result.findings].sort(compareFindings)
  const rules: SarifRule[] = (options.catalog?.rules ?? []).map(rule => catalogRule(rule, result.gate))
  const ruleIndex = new Map<string, number>(rules.map((rule, index) => [rule.id, index]))
  // Rules no catalog lists (a gate not converted yet): described from their findings, the first help wins.
  const described = new Set<string>()
  for (const finding of findings) {
    const known = ruleIndex.get(finding.rule)
    if (known === undefined) {
      ruleIndex.set(finding.rule, rules.length)
      rules.push(findingRule(finding.rule, finding.severity, finding.help ?? finding.message, result.gate))
      if (finding.help) described.add(finding.rule)
    } else if (
      finding.help &&
      !described.has(finding.rule) &&
      known >= (options.catalog?.rules.length ?? 0)
    ) {
      rules[known] = {
        ...rules[known]!,
        fullDescription: { text: finding.help },
        help: { text: finding.help }
      }
      described.add(finding.rule)
    }
  }

  const results = findings.flatMap((finding): SarifResult[] => {
    const file = finding.file !== undefined ? options.locate(finding.file) : options.fallbackFile
    if (file === undefined) return []
    const region: SarifRegion = {}
    if (finding.file !== undefined && finding.line !== undefined) {
      region.startLine = finding.line
      if (finding.column !== undefined) region.startColumn = finding.column
      if (finding.endLine !== undefined) region.endLine = finding.endLine
      if (finding.endColumn !== undefined) region.endColumn = finding.endColumn
    }
    const fingerprint = createHash('sha256')
      .update(`${result.gate}\u0000${finding.rule}\u0000${file}\u0000${finding.message}`)
      .digest('hex')
      .slice(0, 32)
    return [
      {
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule)!,
        level: LEVEL[finding.severity],
        message: { text: finding.help ? `${finding.message}\n${finding.help}` : finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' },
              ...(Object.keys(region).length ? { region } : {})
            }
          }
        ],
        partialFingerprints: { 'deployGatesFinding/v1': fingerprint }
      }
    ]
  })

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            informationUri: TOOL_URL,
            rules
          }
        },
        // Separate categories per gate, so uploading one gate's results does not close another's alerts.
        automationDetails: { id: `${TOOL_NAME}/${result.gate}/` },
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}
