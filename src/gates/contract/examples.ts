/**
 * Examples against their schemas (warning `example-invalid`): clients copy documented examples, and live
 * verification sends them as requests, so an example the schema rejects misleads both. Parameters and
 * request bodies are checked as requests (readOnly properties may be absent), responses as responses.
 */
import { errorMessage } from '../../errors.js'
import type { Finding } from '../../types.js'
import { isRecord, listOperations } from './operations.js'
import { isJsonMediaType } from './requests.js'
import { SchemaValidators, type Direction } from './schema-validator.js'
import { child, type Loc, type Spec } from './spec.js'

/** Beyond this many examples the rest are not checked (a 13 MB spec has a few thousand; each costs a compile). */
export const MAX_EXAMPLES_CHECKED = 5000
/**
 * Response examples are checked within this much time (each new schema costs an ajv compile: GitHub's 1,200
 * operations take 8 s). Parameter and request-body examples, which live verification sends, always are.
 */
export const RESPONSE_EXAMPLES_BUDGET_MS = 1000

export interface ExampleCheck {
  findings: Finding[]
  checked: number
  /** Response examples left unchecked when the time budget ran out. */
  skipped: number
}

export function validateExamples(spec: Spec, budgetMs = RESPONSE_EXAMPLES_BUDGET_MS): ExampleCheck {
  const findings: Finding[] = []
  let skipped = 0
  const started = performance.now()
  const validators: Record<Direction, SchemaValidators> = {
    request: new SchemaValidators(spec, 'request'),
    response: new SchemaValidators(spec, 'response')
  }
  let checked = 0
  const seen = new Set<string>()
  const check = (direction: Direction, holder: Loc, schema: Loc, what: string) => {
    const target = spec.deref(holder)
    if (!target || !isRecord(target.value) || spec.valueAt(schema) === undefined) return
    const examples: [Loc, unknown][] = []
    if (target.value.example !== undefined)
      examples.push([child(target.loc, 'example'), target.value.example])
    if (isRecord(target.value.examples))
      for (const name of Object.keys(target.value.examples)) {
        const example = spec.deref(child(target.loc, 'examples', name))
        if (example && isRecord(example.value) && example.value.value !== undefined)
          examples.push([child(example.loc, 'value'), example.value.value])
      }
    for (const [at, value] of examples) {
      const key = `${at.file.id}#${at.pointer.join('/')}`
      if (seen.has(key)) continue
      if (
        checked >= MAX_EXAMPLES_CHECKED ||
        (direction === 'response' && performance.now() - started > budgetMs)
      ) {
        skipped++
        continue
      }
      checked++
      seen.add(key)
      let problems
      try {
        problems = validators[direction].validate(schema, value)
      } catch (error) {
        // A schema that cannot compile is reported by live verification; an example proves nothing against it.
        void errorMessage(error)
        continue
      }
      if (problems.length === 0) continue
      const first = problems[0]!
      findings.push(
        spec.finding(
          at,
          'example-invalid',
          undefined,
          `the example of ${what} does not match its schema: ${first.pointer ? `${first.pointer} ` : ''}${first.message} (schema ${spec.describe(first.schemaLoc)})`
        )
      )
    }
  }
  const operations = listOperations(spec)
  // Requests first: they are what live verification sends.
  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.path}`
    for (const param of op.parameters)
      check(
        'request',
        param.loc,
        child(param.loc, 'schema'),
        `${param.in} parameter '${param.name}' of ${name}`
      )
    if (op.requestBody && isRecord(op.requestBody.value.content))
      for (const mediaType of Object.keys(op.requestBody.value.content))
        if (isJsonMediaType(mediaType)) {
          const media = child(op.requestBody.loc, 'content', mediaType)
          check('request', media, child(media, 'schema'), `the request body of ${name}`)
        }
  }
  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.path}`
    for (const [code, response] of op.responses)
      if (isRecord(response.value.content))
        for (const mediaType of Object.keys(response.value.content))
          if (isJsonMediaType(mediaType)) {
            const media = child(response.loc, 'content', mediaType)
            check('response', media, child(media, 'schema'), `the ${code} response of ${name}`)
          }
  }
  return { findings, checked, skipped }
}
