import * as path from 'node:path'
import { parseDuration } from './duration.js'
import { InputError } from './errors.js'
import { rememberSecret } from './kernel/known-secrets.js'
import { redactUrl, secretsInUrl } from './kernel/redact-url.js'
import { GATE_NAMES, type CommonInputs, type FailOn, type GateName, type InputSource } from './types.js'

/** The action's inputs, read the way @actions/core does (INPUT_<NAME>, spaces to underscores, upper case). */
export function actionInputSource(env: Record<string, string | undefined> = process.env): InputSource {
  return {
    get(name) {
      const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
      return value === undefined || value.trim() === '' ? undefined : value.trim()
    },
    describe: name => `input '${name}'`
  }
}

/** CLI flags already split into a map (`--env-files a,b` → `env-files: 'a,b'`). */
export function mapInputSource(values: Record<string, string | undefined>): InputSource {
  return {
    get(name) {
      const value = values[name]
      return value === undefined || value.trim() === '' ? undefined : value.trim()
    },
    describe: name => `--${name}`
  }
}

export function getString(source: InputSource, name: string, fallback = ''): string {
  return source.get(name) ?? fallback
}

export function getBoolean(source: InputSource, name: string, fallback: boolean): boolean {
  const value = source.get(name)
  if (value === undefined) return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new InputError(`${source.describe(name)} must be true or false (got '${value}')`)
}

export function getChoice<T extends string>(
  source: InputSource,
  name: string,
  choices: readonly T[],
  fallback: T
): T {
  const value = source.get(name)
  if (value === undefined) return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new InputError(`${source.describe(name)} must be one of ${choices.join(', ')} (got '${value}')`)
}

export function getInteger(
  source: InputSource,
  name: string,
  fallback: number,
  { min = -Infinity, max = Infinity } = {}
): number {
  const value = source.get(name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    const range = max === Infinity ? `at least ${min}` : `from ${min} to ${max}`
    throw new InputError(`${source.describe(name)} must be a whole number ${range} (got '${value}')`)
  }
  return n
}

export function getNumber(
  source: InputSource,
  name: string,
  fallback: number,
  { min = -Infinity, max = Infinity } = {}
): number {
  const value = source.get(name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(`${source.describe(name)} must be a number from ${min} to ${max} (got '${value}')`)
  }
  return n
}

/** Milliseconds from a duration with units (`500ms`, `30s`, `2m`). */
export function getDuration(source: InputSource, name: string, fallback: string): number {
  return parseDuration(source.get(name) ?? fallback, source.describe(name))
}

/** A newline- (or comma-) separated list; blank lines and `#` comments dropped. */
export function getList(source: InputSource, name: string, { commas = true } = {}): string[] {
  const value = source.get(name)
  if (value === undefined) return []
  return value
    .split(commas ? /[\n,]/ : /\n/)
    .map(item => item.trim())
    .filter(item => item !== '' && !item.startsWith('#'))
}

/** An absolute http(s) URL. */
export function getUrl(source: InputSource, name: string): URL | undefined {
  const value = source.get(name)
  if (value === undefined) return undefined
  return parseHttpUrl(value, source.describe(name))
}

export function parseHttpUrl(value: string, what: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(`${what} is not a valid URL (got '${redactUrl(value)}')`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${what} must be an http or https URL (got '${url.protocol}')`)
  }
  // A token in the user-info or a query parameter is a secret wherever the URL ends up (reports, summaries).
  for (const secret of secretsInUrl(url.href)) rememberSecret(secret)
  return url
}

/** A URL with its credentials (password, token user name, secret query parameters) replaced, safe to print. */
export { redactUrl } from './kernel/redact-url.js'

export function parseGateName(source: InputSource): GateName {
  const value = source.get('gate')
  if (value === undefined)
    throw new InputError(`${source.describe('gate')} is required: one of ${GATE_NAMES.join(', ')}`)
  if (!(GATE_NAMES as readonly string[]).includes(value)) {
    throw new InputError(
      `${source.describe('gate')} must be one of ${GATE_NAMES.join(', ')} (got '${value}')`
    )
  }
  return value as GateName
}

/**
 * The source with the gate's declared defaults filled in (src/gates/<gate>/inputs.ts), for inputs the user
 * left empty: the root action.yml cannot hold a default two gates disagree on (`window`), and the CLI has no
 * runner to pass defaults at all. `${{ … }}` defaults mean nothing outside a workflow and are skipped.
 */
export function withDeclaredDefaults(
  source: InputSource,
  declarations: readonly { name: string; default?: string }[]
): InputSource {
  const defaults = new Map(
    declarations
      .filter(input => input.default && !input.default.includes('${{'))
      .map(input => [input.name, input.default!])
  )
  return { get: name => source.get(name) ?? defaults.get(name), describe: name => source.describe(name) }
}

/** `comment-key`: goes into an HTML comment, so only characters that cannot end or break one. */
function parseCommentKey(source: InputSource): string {
  const key = (source.get('comment-key') ?? '').trim()
  if (key && !/^[\w./-]{1,64}$/.test(key))
    throw new InputError(
      `${source.describe('comment-key')} must be letters, digits, '.', '_', '-' or '/', up to 64 (got '${key.slice(0, 80)}')`
    )
  return key
}

/** The common inputs. `gate` comes from the source, unless the entry point presets it (actions/<gate>). */
export function parseCommonInputs(source: InputSource, cwd: string, presetGate?: GateName): CommonInputs {
  const workingDirectory = path.resolve(cwd, source.get('working-directory') ?? '.')
  return {
    gate: presetGate ?? parseGateName(source),
    failOn: getChoice<FailOn>(source, 'fail-on', ['error', 'warning', 'never'], 'error'),
    githubToken: source.get('github-token') ?? '',
    comment: getBoolean(source, 'comment', true),
    commentKey: parseCommentKey(source),
    workingDirectory,
    reportPath: source.get('report') ?? '',
    sarifPath: source.get('sarif') ?? '',
    junitPath: source.get('junit') ?? '',
    rules: source.get('rules') ?? ''
  }
}
