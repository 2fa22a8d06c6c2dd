/**
 * The inputs that make up a gate's rules policy: `rules`, and the older spellings kept as aliases (the
 * migrations gate's `allow`, the contract gate's `breaking-rules`). The pipeline loads src/rules/policy.ts
 * only when one of them is given.
 */
export const POLICY_INPUTS = ['rules', 'allow', 'breaking-rules'] as const
