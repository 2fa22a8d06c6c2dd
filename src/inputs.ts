import * as path from 'node:path'
import { parseDuration } from './duration.js'
import { InputError } from './errors.js'
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

export function getRequired(source: InputSource, name: string, why = ''): string {
  const value = source.get(name)
  if (value === undefined) throw new InputError(`${source.describe(name)} is required${why ? ` ${why}` : ''}`)
  return value
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
  return url
}

/**
 * A URL with any password replaced, safe to print. In a URL that parses, the password cannot hold a `/`, so it
 * ends at the first `@` before the path (and an `@` later in the path, as in an image digest, is kept). A URL
 * that does not parse is exactly the one echoed in an error, and an unencoded `/` or `:` in its password may be
 * why: there the password runs to the next `@`.
 */
export function redactUrl(value: string): string {
  if (URL.canParse(value)) return value.replace(/(\/\/[^/:@\s]*:)[^@/\s]*@/, '$1***@')
  return value.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, '$1***@')
}

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

export function parseCommonInputs(source: InputSource, cwd: string): CommonInputs {
  const workingDirectory = path.resolve(cwd, source.get('working-directory') ?? '.')
  return {
    gate: parseGateName(source),
    failOn: getChoice<FailOn>(source, 'fail-on', ['error', 'warning', 'never'], 'error'),
    githubToken: source.get('github-token') ?? '',
    comment: getBoolean(source, 'comment', true),
    workingDirectory,
    reportPath: source.get('report') ?? '',
    sarifPath: source.get('sarif') ?? '',
    junitPath: source.get('junit') ?? ''
  }
}
