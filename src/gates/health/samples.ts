/**
 * Prometheus sample values exactly as Prometheus writes them in its HTTP API: a JSON string holding a decimal
 * number (Go's strconv formatting: `0.5`, `12`, `1e-05`), `NaN`, `+Inf` or `-Inf`. Anything else (`null`, `""`,
 * `" "`, `[]`, `false`, `"0x0"`, a number instead of a string) is not a sample: reading it through `Number()`
 * would turn `null` and `""` into 0 and pass `result < 0.01`.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export function parseSampleValue(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  if (value === 'NaN') return NaN
  if (value === '+Inf') return Infinity
  if (value === '-Inf') return -Infinity
  return DECIMAL.test(value) ? Number(value) : undefined
}

/** A `[<unix time>, "<value>"]` pair; undefined when it is not one. */
export function parseSample(sample: unknown): number | undefined {
  if (!Array.isArray(sample) || sample.length !== 2 || typeof sample[0] !== 'number') return undefined
  return parseSampleValue(sample[1])
}
