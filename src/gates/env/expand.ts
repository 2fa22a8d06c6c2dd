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
 * most 2,000 replacements; one environment's values together to 16 MB, after at most 100,000 replacements
 * and 16 M characters of work (each replacement rewrites the value).
 */
export const EXPANSION_LIMITS = {
  valueBytes: 64 * 1024,
  replacements: 2000,
  totalBytes: 16 * 1024 * 1024,
  totalReplacements: 100_000,
  totalWork: 16 * 1024 * 1024
}

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
  let next = 0
  for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 2)) {
    if (at > 0 && text[at - 1] === '\\') continue
    // References are in order: skip those that end before `at`, then see whether the next one covers it.
    while (next < references.length && references[next]!.index + references[next]!.length <= at) next++
    const covering = references[next]
    if (!covering || at < covering.index) unclosed.push(at)
  }
  return unclosed
}

class ExpansionTooLarge extends Error {}

interface Budget {
  bytes: number
  replacements: number
  work: number
}

function expandValue(
  value: string,
  lookup: (name: string) => string | undefined,
  runningParsed: Record<string, string>,
  budget: Budget
): string {
  const pattern = new RegExp(REFERENCE.source, 'g')
  let result = value
  const seen = new Set<string>()
  const maxLength = Math.max(EXPANSION_LIMITS.valueBytes, value.length * 4)
  let replacements = 0
  for (let match = pattern.exec(result); match !== null; match = pattern.exec(result)) {
    // Each replacement rewrites the value: its length is the work, and every step counts against the budget.
    budget.work -= result.length
    if (++replacements > EXPANSION_LIMITS.replacements || --budget.replacements < 0 || budget.work < 0) {
      throw new ExpansionTooLarge()
    }
    seen.add(result)
    const [template, braced, unbraced] = match
    const { name, operator, rest } = splitExpression(braced ?? unbraced!)
    let replacement: string
    if (operator === ':+' || operator === '+') replacement = lookup(name) ? rest : ''
    else {
      const found = lookup(name)
      replacement = found ? (seen.has(found) ? rest : found) : rest
    }
    if (result.length - template.length + replacement.length > maxLength) throw new ExpansionTooLarge()
    // A string replacement, as dotenv-expand does (so `$&`-style patterns in values behave identically).
    result = result.replace(template, replacement)
    if (result === runningParsed[name]) break
    pattern.lastIndex = 0
  }
  return result
}

const unescapeDollars = (value: string) => value.replace(/\\\$/g, '$')

/**
 * dotenv-expand's `expand({ parsed, processEnv })`, without mutating either: the values an application
 * sees after `dotenv.config()` and `dotenvExpand.expand()`. Bounded by EXPANSION_LIMITS: a key whose
 * expansion passes them keeps its written value and is added to `tooLarge`.
 */
export interface ExpansionReport {
  /** Keys whose own expansion passed the per-value limits. */
  tooLarge: Set<string>
  /** The key at which the environment's budget ran out, and how many keys with references were left unexpanded. */
  stoppedAt?: string
  unexpanded: number
}

export function expandAll(
  parsed: ReadonlyMap<string, string>,
  processEnv: Readonly<Record<string, string>>,
  report: ExpansionReport = { tooLarge: new Set(), unexpanded: 0 }
): Map<string, string> {
  const runningParsed: Record<string, string> = Object.create(null) as Record<string, string>
  const expanded = new Map<string, string>()
  const budget: Budget = {
    bytes: EXPANSION_LIMITS.totalBytes,
    replacements: EXPANSION_LIMITS.totalReplacements,
    work: EXPANSION_LIMITS.totalWork
  }
  // dotenv-expand looks names up in `{ ...runningParsed, ...processEnv }`; a lookup avoids building that copy
  // for every key (which made a file of many references quadratic in its keys).
  const lookup = (name: string) => (Object.hasOwn(processEnv, name) ? processEnv[name] : runningParsed[name])
  for (const [key, raw] of parsed) {
    const fromProcess = Object.hasOwn(processEnv, key) ? processEnv[key] : undefined
    let value: string
    if (fromProcess && fromProcess !== raw) value = fromProcess
    else if (!raw.includes('$')) value = raw
    else if (budget.bytes <= 0 || budget.replacements <= 0 || budget.work <= 0) {
      report.stoppedAt ??= key
      report.unexpanded++
      value = raw
    } else {
      try {
        value = expandValue(raw, lookup, runningParsed, budget)
      } catch (error) {
        if (!(error instanceof ExpansionTooLarge)) throw error
        report.tooLarge.add(key)
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
