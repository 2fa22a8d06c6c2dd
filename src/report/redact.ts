/**
 * One redactor per run, built from GateResult.secrets: every text the reporter writes (annotations, summary,
 * comment, outputs, report files, console) goes through it.
 */
import type { GateResult } from '../types.js'
import { knownSecrets } from '../kernel/known-secrets.js'
import { cutText } from '../kernel/quote.js'

export const REDACTED = '***'

/** Shorter values are too common to replace inside words ("on", "dev"): they are replaced only as whole tokens. */
export const MIN_SUBSTRING_SECRET_LENGTH = 4

export interface Redactor {
  (text: string): string
  /** Values to register with the runner's masker (core.setSecret); short ones would mask ordinary words. */
  readonly maskable: readonly string[]
  /** Redacts every string inside a JSON-like value (report objects), keys included. */
  deep<T>(value: T): T
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The forms a secret takes once written somewhere: as is, line by line, JSON-escaped, URL-encoded. */
function variants(secret: string): string[] {
  const forms = new Set<string>([secret])
  for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') forms.add(line)
  forms.add(JSON.stringify(secret).slice(1, -1))
  forms.add(encodeURIComponent(secret))
  return [...forms]
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const long = new Set<string>()
  const short = new Set<string>()
  // Secrets the run learnt before the gate (URL credentials of inputs, the token) are redacted too.
  for (const secret of [...secrets, ...knownSecrets()]) {
    if (typeof secret !== 'string' || secret.trim().length < 2) continue
    for (const form of variants(secret)) {
      if (form.trim().length >= MIN_SUBSTRING_SECRET_LENGTH) long.add(form)
      else if (form.trim().length >= 2) short.add(form)
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [...long].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const parts: string[] = []
  if (alternatives.length) parts.push(alternatives.join('|'))
  if (tokens.length) parts.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join('|')})(?![\\p{L}\\p{N}_])`)
  const pattern = parts.length ? new RegExp(parts.join('|'), 'gu') : undefined

  // A text shorter than every form cannot hold one: most texts in a report (numbers, names, short values)
  // skip the pattern, which is slow to run with hundreds of alternatives.
  const shortest = [...long, ...short].reduce((min, form) => Math.min(min, form.length), Infinity)
  const redact = ((text: string) => {
    const string = String(text)
    return pattern && string.length >= shortest ? string.replace(pattern, REDACTED) : string
  }) as Redactor
  const deep = <T>(value: T): T => {
    if (!pattern) return value
    if (typeof value === 'string') return redact(value) as T
    if (Array.isArray(value)) return value.map(item => deep(item)) as T
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), deep(item)])) as T
    }
    return value
  }
  // The runner masks line by line, so a multi-line secret is registered as its lines.
  Object.defineProperty(redact, 'maskable', { value: [...long].filter(form => !/[\r\n]/.test(form)) })
  Object.defineProperty(redact, 'deep', { value: deep })
  return redact
}

/** The result with secrets removed from every string, so nothing derived from it can carry one. */
export function redactResult(result: GateResult, redact: Redactor): GateResult {
  const safe = redact.deep({ ...result, secrets: [] })
  // A finding that quotes a 100 KB input stays readable in annotations, the summary and the reports.
  const findings = safe.findings.map(finding =>
    finding.message.length > MAX_FINDING_MESSAGE_CHARS
      ? { ...finding, message: cutText(finding.message, MAX_FINDING_MESSAGE_CHARS) }
      : finding
  )
  return { ...safe, findings, secrets: [] }
}

/** Longer finding messages are cut (after redaction, so no secret is ever half-shown). */
export const MAX_FINDING_MESSAGE_CHARS = 2000
