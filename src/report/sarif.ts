/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). Code scanning rejects a result
 * without a location, so a finding without a file is placed on a fallback file (the workflow) or left out.
 */
import { createHash } from 'node:crypto'
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
  help: { text: string }
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

export function buildSarif(result: GateResult, options: SarifOptions): SarifLog {
  const findings = [...result.findings].sort(compareFindings)
  const rules: { id: string; severity: Severity; help?: string; example: string }[] = []
  const ruleIndex = new Map<string, number>()
  for (const finding of findings) {
    const known = ruleIndex.get(finding.rule)
    if (known === undefined) {
      ruleIndex.set(finding.rule, rules.length)
      rules.push({
        id: finding.rule,
        severity: finding.severity,
        help: finding.help,
        example: finding.message
      })
    } else if (!rules[known]!.help && finding.help) rules[known]!.help = finding.help
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
            rules: rules.map(rule => ({
              id: rule.id,
              name: humanize(rule.id).replace(/ /g, ''),
              shortDescription: { text: humanize(rule.id) },
              fullDescription: { text: rule.help ?? rule.example },
              help: { text: rule.help ?? rule.example },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { tags: [TOOL_NAME, result.gate] }
            }))
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
