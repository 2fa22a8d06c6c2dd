import type { Finding, GateResult } from '../../src/types.js'

export function finding(overrides: Partial<Finding> = {}): Finding {
  return { rule: 'missing-key', severity: 'error', message: 'Key API_URL is missing', ...overrides }
}

export function gateResult(findings: Finding[], overrides: Partial<GateResult> = {}): GateResult {
  return {
    gate: 'env',
    title: 'Environment validation',
    findings,
    outputs: {},
    sections: [],
    scope: '2 env files, 3 keys',
    secrets: [],
    ...overrides
  }
}
