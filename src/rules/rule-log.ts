/**
 * Test instrumentation, off unless DEPLOY_GATES_RULE_LOG names a file: each finding's gate and rule id is
 * appended there, so the suite can prove every id a test saw is in a catalog and every catalog id was
 * produced by some fixture (scripts/jest-rule-coverage.js). One env lookup at load; nothing else in production.
 */
import { appendFileSync } from 'node:fs'

const file = process.env.DEPLOY_GATES_RULE_LOG

export function logRule(gate: string, rule: string, via: 'catalog' | 'result'): void {
  if (file) appendFileSync(file, `${gate}\t${rule}\t${via}\n`)
}
