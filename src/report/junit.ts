/** JUnit XML: one test case per finding (failed when it fails the step under fail-on), or one passing case. */
import type { FailOn, Finding, GateResult } from '../types.js'
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

function location(finding: Finding): string {
  const position = formatPosition(finding)
  if (finding.file === undefined) return position
  return position ? `${finding.file}:${position}` : finding.file
}

function testCase(gate: string, finding: Finding, failOn: FailOn): string {
  const where = location(finding)
  const name = `${finding.rule}${where ? ` ${where}` : ''}`
  const attributes = [`classname="deploy-gates.${escapeXml(gate)}"`, `name="${escapeXml(name)}"`]
  if (finding.file !== undefined) attributes.push(`file="${escapeXml(finding.file)}"`)
  if (finding.line !== undefined) attributes.push(`line="${finding.line}"`)
  const text = `${finding.severity}${where ? ` ${where}` : ''} ${finding.rule}: ${finding.message}${finding.help ? `\n${finding.help}` : ''}`
  const body = failsStep(finding.severity, failOn)
    ? `<failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.rule)}">${escapeXml(text)}</failure>`
    : `<system-out>${escapeXml(text)}</system-out>`
  return `    <testcase ${attributes.join(' ')}>${body}</testcase>\n`
}

export function buildJunit(result: GateResult, failOn: FailOn): string {
  const findings = [...result.findings].sort(compareFindings)
  const failures = findings.filter(finding => failsStep(finding.severity, failOn)).length
  const cases = findings.length
    ? findings.map(finding => testCase(result.gate, finding, failOn)).join('')
    : `    <testcase classname="deploy-gates.${escapeXml(result.gate)}" name="${escapeXml(result.title)}"><system-out>${escapeXml(result.scope)}</system-out></testcase>\n`
  const tests = Math.max(findings.length, 1)
  const suite = `deploy-gates ${result.gate}: ${result.title}`
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="deploy-gates" tests="${tests}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n` +
    `    <properties><property name="scope" value="${escapeXml(result.scope)}"/><property name="fail-on" value="${failOn}"/></properties>\n` +
    cases +
    '  </testsuite>\n' +
    '</testsuites>\n'
  )
}
