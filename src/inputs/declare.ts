/**
 * How an input or output is declared: once, in code. `action.yml`, `actions/<gate>/action.yml`, the CLI's
 * options and --help, and docs/reference/inputs.md are all generated from these declarations
 * (`npm run generate`), so the interface cannot drift between them.
 */

/** What an input holds: decides how the CLI takes it (a bare `--flag` for booleans) and how docs show it. */
export type InputKind =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  /** With units: `500ms`, `30s`, `2m`, `90d`. */
  | 'duration'
  /** Newline- or comma-separated values. */
  | 'list'
  /** Newline-separated lines (each line may hold commas). */
  | 'lines'
  | 'path'
  | 'url'
  | 'choice'
  | 'json'

export interface InputSpec {
  kind: InputKind
  /** Markdown (backticks for names and values), one or two sentences; says what an empty value means. */
  description: string
  /** As the runner passes it when the input is omitted. Omitted: no default (the input is empty). */
  default?: string
  /** For `choice`: the accepted values. */
  choices?: readonly string[]
  required?: boolean
  /** An input that means nothing outside a workflow run (the CLI accepts it and ignores it). */
  actionOnly?: boolean
  /** Other names that still work, documented as such (e.g. an input renamed). */
  aliases?: readonly string[]
}

export interface InputDeclaration extends InputSpec {
  /** kebab-case: `with: { env-files: … }` in a workflow, `--env-files` on the command line. */
  name: string
}

export interface OutputDeclaration {
  name: string
  description: string
}

/** A gate's (or the common) inputs, in the order the docs and help list them. */
export function defineInputs(specs: Record<string, InputSpec>): readonly InputDeclaration[] {
  return Object.entries(specs).map(([name, spec]) => {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`input '${name}' must be kebab-case`)
    if (spec.kind === 'choice' && !spec.choices?.length)
      throw new Error(`input '${name}': a choice needs choices`)
    return { name, ...spec }
  })
}

export function defineOutputs(specs: Record<string, string>): readonly OutputDeclaration[] {
  return Object.entries(specs).map(([name, description]) => ({ name, description }))
}
