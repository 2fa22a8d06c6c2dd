/**
 * JUnit XML. With `GateResult.checks`: one test case per check (passing ones included), failed when one of
 * its findings fails the step under fail-on, plus one case per finding no check claims. Without checks:
 * one test case per finding, or one passing case.
 */
import type { FailOn, Finding, GateCheck, GateResult } from '../types.js'
import { compareFindings, formatPosition } from './order.js'
import { failsStep } from './status.js'

// XML 1.0 cannot carry most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

interface TestCase {
  xml: string
  failed: boolean
  skipped: boolean
}

function location(finding: Finding): string {
  const position = formatPosition(finding)
  if (finding.file === undefined) return position
  return position ? `${finding.file}:${position}` : finding.file
}

function findingText(finding: Finding): string {
  const where = location(finding)
  return `${finding.severity}${where ? ` ${where}` : ''} ${finding.rule}: ${finding.message}${finding.help ? `\n${finding.help}` : ''}`
}

function openCase(classname: string, name: string, at: Finding | undefined, durationMs?: number): string {
  const attributes = [`classname="${escapeXml(classname)}"`, `name="${escapeXml(name)}"`]
  if (at?.file !== undefined) attributes.push(`file="${escapeXml(at.file)}"`)
  if (at?.line !== undefined) attributes.push(`line="${at.line}"`)
  if (durationMs !== undefined) attributes.push(`time="${(durationMs / 1000).toFixed(3)}"`)
  return `    <testcase ${attributes.join(' ')}>`
}

function findingCase(gate: string, finding: Finding, failOn: FailOn): TestCase {
  const where = location(finding)
  const name = `${finding.rule}${where ? ` ${where}` : ''}`
  const failed = failsStep(finding.severity, failOn)
  const body = failed
    ? `<failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.rule)}">${escapeXml(findingText(finding))}</failure>`
    : `<system-out>${escapeXml(findingText(finding))}</system-out>`
  return {
    xml: `${openCase(`deploy-gates.${gate}`, name, finding)}${body}</testcase>\n`,
    failed,
    skipped: false
  }
}

function checkCase(gate: string, check: GateCheck, failOn: FailOn): TestCase {
  const classname = `deploy-gates.${gate}${check.group ? `.${check.group}` : ''}`
  const failing = check.findings.filter(finding => failsStep(finding.severity, failOn)).sort(compareFindings)
  const reported = check.findings
    .filter(finding => !failsStep(finding.severity, failOn))
    .sort(compareFindings)
  let body = ''
  if (check.skipped !== undefined) body += `<skipped message="${escapeXml(check.skipped)}"/>`
  if (failing.length > 0) {
    const [first] = failing as [Finding]
    const message =
      failing.length === 1 ? first.message : `${failing.length} failures; first: ${first.message}`
    body += `<failure message="${escapeXml(message)}" type="${escapeXml(first.rule)}">${escapeXml(failing.map(findingText).join('\n'))}</failure>`
  }
  if (reported.length > 0)
    body += `<system-out>${escapeXml(reported.map(findingText).join('\n'))}</system-out>`
  const at = failing[0] ?? reported[0]
  return {
    xml: `${openCase(classname, check.name, at, check.durationMs)}${body}</testcase>\n`,
    failed: failing.length > 0,
    skipped: check.skipped !== undefined && failing.length === 0
  }
}

/** Findings are matched by value: the reporter redacts a deep copy of the result before writing. */
function findingKey(finding: Finding): string {
  return JSON.stringify([
    finding.rule,
    finding.severity,
    finding.message,
    finding.file,
    finding.line,
    finding.column
  ])
}

function testCases(result: GateResult, failOn: FailOn): TestCase[] {
  const findings = [...result.findings].sort(compareFindings)
  if (result.checks && result.checks.length > 0) {
    const claimed = new Set(result.checks.flatMap(check => check.findings.map(findingKey)))
    return [
      ...result.checks.map(check => checkCase(result.gate, check, failOn)),
      ...findings
        .filter(finding => !claimed.has(findingKey(finding)))
        .map(finding => findingCase(result.gate, finding, failOn))
    ]
  }
  if (findings.length > 0) return findings.map(finding => findingCase(result.gate, finding, failOn))
  return [
    {
      xml: `${openCase(`deploy-gates.${result.gate}`, result.title, undefined)}<system-out>${escapeXml(result.scope)}</system-out></testcase>\n`,
      failed: false,
      skipped: false
    }
  ]
}

export function buildJunit(result: GateResult, failOn: FailOn): string {
  const cases = testCases(result, failOn)
  const tests = cases.length
  const failures = cases.filter(c => c.failed).length
  const skipped = cases.filter(c => c.skipped).length
  const suite = `deploy-gates ${result.gate}: ${result.title}`
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="deploy-gates" tests="${tests}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    `    <properties><property name="scope" value="${escapeXml(result.scope)}"/><property name="fail-on" value="${failOn}"/></properties>\n` +
    cases.map(c => c.xml).join('') +
    '  </testsuite>\n' +
    '</testsuites>\n'
  )
}
