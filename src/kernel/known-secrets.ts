/**
 * Secrets known to the process before any gate result exists (the GitHub token, header values), so that an
 * error thrown on the way, which may quote a server's answer echoing one, is redacted like every result text.
 * The runner also masks what core.setSecret registered; this covers the step summary, report files and any
 * host that is not a runner (the CLI).
 */
const known = new Set<string>()

/** Values shorter than this are not secrets worth redacting (and would garble every message). */
const MIN_LENGTH = 6

export function rememberSecret(value: string | undefined): void {
  if (value && value.length >= MIN_LENGTH) known.add(value)
}

/** `text` with every remembered secret (raw or URL-encoded) replaced by `***`. */
export function redactKnownSecrets(text: string): string {
  let result = text
  for (const secret of known) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('***')
  }
  return result
}

/** Every remembered secret (the reporter's redactor adds them to the gate's own). */
export function knownSecrets(): string[] {
  return [...known]
}
