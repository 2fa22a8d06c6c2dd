/**
 * Variable expansion with dotenv-expand's semantics (`${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:+alt}`, `${VAR+alt}`, `\$` for a literal dollar), plus the positions of the references so a
 * reference that expands to nothing can be reported where it is written.
 */

/** dotenv-expand's reference grammar: `${expression}` or `$NAME`, not after a backslash. */
const REFERENCE = /(?<!\\)\$\{([^{}]+)\}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g
const OPERATOR = /(:\+|\+|:-|-)/

export type Operator = '' | ':-' | '-' | ':+' | '+'

export interface Reference {
  /** The variable referred to (for `${A:-x}`, `A`). */
  name: string
  operator: Operator
  /** Offset of the `$` in the scanned text. */
  index: number
  length: number
  /** The text after the operator (`x` in `${A:-x}`), '' without one. */
  fallback: string
}

/**
 * Bounds of an expansion. References that repeat references (`B=${A}${A}`, `C=${B}${B}`…) double at each
 * step: three 8-byte lines once took 4 GB. A value may grow to max(64 KB, 4 × its written length), after at
 * most 2,000 replacements; all values of one environment together to 16 MB.
 */
export const EXPANSION_LIMITS = { valueBytes: 64 * 1024, replacements: 2000, totalBytes: 16 * 1024 * 1024 }

function splitExpression(expression: string): { name: string; operator: Operator; rest: string } {
  const operator = (OPERATOR.exec(expression)?.[0] ?? '') as Operator
  if (!operator) return { name: expression, operator, rest: '' }
  const [name, ...rest] = expression.split(operator)
  return { name: name!, operator, rest: rest.join(operator) }
}

/** The references written in a value, in order. */
export function findReferences(text: string): Reference[] {
  const references: Reference[] = []
  for (const match of text.matchAll(REFERENCE)) {
    const { name, operator, rest } =
      match[1] !== undefined
        ? splitExpression(match[1])
        : { name: match[2]!, operator: '' as const, rest: '' }
    references.push({ name, operator, index: match.index, length: match[0].length, fallback: rest })
  }
  return references
}

/** A reference that dotenv-expand would replace with an empty string: no fallback and nothing to expand to. */
export function expandsToNothing(
  reference: Reference,
  lookup: (name: string) => string | undefined
): boolean {
  if (reference.operator !== '') return false
  return !lookup(reference.name)
}

/** Offsets of `${` that start no reference: unclosed (`${QUX`) or empty (`${}`); dotenv-expand keeps them as written. */
export function unclosedReferences(text: string): number[] {
  const references = findReferences(text)
  const unclosed: number[] = []
  for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 2)) {
    if (at > 0 && text[at - 1] === '\\') continue
    if (!references.some(reference => at >= reference.index && at < reference.index + reference.length))
      unclosed.push(at)
  }
  return unclosed
}

class ExpansionTooLarge extends Error {}

function expandValue(
  value: string,
  env: Record<string, string>,
  runningParsed: Record<string, string>
): string {
  const pattern = new RegExp(REFERENCE.source, 'g')
  let result = value
  const seen = new Set<string>()
  const maxLength = Math.max(EXPANSION_LIMITS.valueBytes, value.length * 4)
  let replacements = 0
  for (let match = pattern.exec(result); match !== null; match = pattern.exec(result)) {
    if (++replacements > EXPANSION_LIMITS.replacements) throw new ExpansionTooLarge()
    seen.add(result)
    const [template, braced, unbraced] = match
    const { name, operator, rest } = splitExpression(braced ?? unbraced!)
    let replacement: string
    if (operator === ':+' || operator === '+') replacement = env[name] ? rest : ''
    else {
      const found = env[name]
      replacement = found ? (seen.has(found) ? rest : found) : rest
    }
    // A string replacement, as dotenv-expand does (so `$&`-style patterns in values behave identically).
    if (result.length - template.length + replacement.length > maxLength) throw new ExpansionTooLarge()
    result = result.replace(template, replacement)
    if (result === runningParsed[name]) break
    pattern.lastIndex = 0
  }
  return result
}

const unescapeDollars = (value: string) => value.replace(/\\\$/g, '$')

/**
 * dotenv-expand's `expand({ parsed, processEnv })`, without mutating either: the values an application
 * sees after `dotenv.config()` and `dotenvExpand.expand()`.
 */
export function expandAll(
  parsed: ReadonlyMap<string, string>,
  processEnv: Readonly<Record<string, string>>,
  /** Receives the keys whose expansion passed EXPANSION_LIMITS (their value is then the written one). */
  tooLarge?: Set<string>
): Map<string, string> {
  const runningParsed: Record<string, string> = Object.create(null) as Record<string, string>
  const expanded = new Map<string, string>()
  const budget = { bytes: EXPANSION_LIMITS.totalBytes }
  for (const [key, raw] of parsed) {
    const fromProcess = Object.hasOwn(processEnv, key) ? processEnv[key] : undefined
    let value: string
    if (fromProcess && fromProcess !== raw) value = fromProcess
    // Nothing to expand: skip building the lookup table, which would make a file quadratic in its keys.
    else if (!raw.includes('$')) value = raw
    else {
      const env = Object.assign(Object.create(null), runningParsed, processEnv) as Record<string, string>
      try {
        value = budget.bytes > 0 ? expandValue(raw, env, runningParsed) : raw
        if (budget.bytes <= 0) tooLarge?.add(key)
      } catch (error) {
        if (!(error instanceof ExpansionTooLarge)) throw error
        tooLarge?.add(key)
        value = raw
      }
      budget.bytes -= value.length
    }
    const final = unescapeDollars(value)
    expanded.set(key, final)
    runningParsed[key] = final
  }
  return expanded
}
