/** Recognizing secrets: by variable name, by the shape of well-known live credentials, and by randomness. */

const SECRET_NAME =
  /(SECRET|TOKEN|PASSW(OR)?D|(^|_)PWD($|_)|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CREDENTIAL|(^|_)SALT($|_)|(^|_)DSN($|_)|(^|_)AUTH_?KEY|WEBHOOK_?KEY|(^|_)PASS($|_))/i

/** Whether a variable's name says it holds a secret (`*_SECRET`, `*_TOKEN`, `*_PASSWORD`, `*_API_KEY`…). */
export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key)
}

/** Token shapes issued by well-known providers; a match is a live credential, not a test key or a placeholder. */
const LIVE_TOKENS: { what: string; pattern: RegExp }[] = [
  { what: 'an AWS access key ID', pattern: /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { what: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}/ },
  { what: 'a GitHub fine-grained token', pattern: /github_pat_[A-Za-z0-9_]{60,}/ },
  { what: 'a Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  {
    what: 'a Slack webhook URL',
    pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/
  },
  { what: 'a live Stripe secret key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{20,}/ },
  { what: 'a private key', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { what: 'a Google API key', pattern: /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{35}/ },
  {
    what: 'an OpenAI API key',
    pattern: /(?<![A-Za-z0-9])sk-(proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/
  },
  { what: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9])sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{40,}/ },
  { what: 'a SendGrid API key', pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
  { what: 'an npm token', pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}/ },
  { what: 'a Twilio API key', pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![0-9a-f])/ }
]

/**
 * A literal every pattern above contains (and the shortest match, a Slack token, is 15 characters): one
 * search rules out almost every value, instead of 13 (the gate asks about each value several times).
 */
const LIVE_TOKEN_LITERAL =
  /AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|[sr]k_live_|-----BEGIN |AIza|sk-|SG\.|npm_|SK[0-9a-f]/
const LIVE_TOKEN_MIN_LENGTH = 15

/** What kind of live credential a value contains, or undefined. */
export function liveTokenKind(value: string): string | undefined {
  if (value.length < LIVE_TOKEN_MIN_LENGTH || !LIVE_TOKEN_LITERAL.test(value)) return undefined
  return LIVE_TOKENS.find(token => token.pattern.test(value))?.what
}

/** Bits of entropy per character, from the value's own character frequencies. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>()
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1)
  let bits = 0
  for (const count of counts.values()) {
    const p = count / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

/**
 * A value that looks machine-generated: long, mixing letters and digits, and random enough that a person
 * did not type it (a hex digest reaches ~3.7 bits a character, base64 ~5; words and sentences stay lower).
 * For a URL only its credentials count: host names and paths are not secret, however random they look.
 */
export function looksRandom(value: string): boolean {
  const userInfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/@\s]*)@/.exec(value)
  if (userInfo) return userInfo[1]!.split(':').some(part => looksRandomToken(decodeURIComponentSafe(part)))
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false
  return looksRandomToken(value)
}

function looksRandomToken(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || value.includes('${')) return false
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false
  return shannonEntropy(value) >= 3.5
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
