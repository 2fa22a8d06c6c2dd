/**
 * The contract between gates and the reporter. A gate is pure: typed config and injected I/O in,
 * a GateResult out. Everything a user sees (annotations, summary, PR comment, outputs, report files)
 * is derived from a GateResult by src/report, the same way for the action and the CLI.
 */
import type { HttpClient } from './http.js'
import type { CommandRequest, CommandRun } from './kernel/commands.js'

export const GATE_NAMES = [
  'env',
  'migrations',
  'contract',
  'health',
  'deployment',
  'rollback',
  'metrics',
  'rollout',
  'freeze'
] as const
export type GateName = (typeof GATE_NAMES)[number]

export type Severity = 'error' | 'warning' | 'notice'

export interface Finding {
  /** Stable kebab-case rule id from the gate's catalog (src/rules/catalog.ts), e.g. `missing-key`, `drop-column`. */
  rule: string
  severity: Severity
  /** One sentence. Names variables, files and operations; never a secret value. */
  message: string
  /** Path relative to the working directory (what GitHub needs to place an annotation). */
  file?: string
  /** 1-based. */
  line?: number
  /** 1-based. */
  column?: number
  endLine?: number
  endColumn?: number
  /** The safe alternative or how to fix it. */
  help?: string
}

/**
 * A typed piece of a gate's report. Gates say *what* to show; src/report renders it (Markdown for the job
 * summary and PR comment, plain text for the terminal), escaping every string once, in one place.
 * All strings are plain text: a gate never writes Markdown or HTML.
 */
export type ResultBlock =
  | { kind: 'text'; text: string; tone?: 'plain' | 'note' | 'warning' }
  | {
      kind: 'table'
      columns: string[]
      rows: string[][]
      /** Per column; default left. */
      align?: ('left' | 'right' | 'center')[]
      /** Cells of these column indexes are shown as inline code (names, values, ids). */
      code?: number[]
    }
  | { kind: 'list'; items: string[]; ordered?: boolean; code?: boolean }
  | { kind: 'key-value'; pairs: [string, string][] }
  | { kind: 'code'; text: string; language?: string }
  | {
      /** A series over time (latency per probe, deployments per week): Mermaid in Markdown, sparkline in text. */
      kind: 'chart'
      title: string
      xLabel: string
      yLabel: string
      /** x labels, in order. */
      x: string[]
      /** Each series drawn as a line (default) or bars; null is a gap. */
      series: { name: string; values: (number | null)[]; style?: 'line' | 'bar' }[]
    }
  | { kind: 'details'; summary: string; blocks: ResultBlock[] }

/** A gate-specific part of the summary and PR comment (parity table, probe chart…), after the findings. */
export interface ResultSection {
  heading: string
  blocks: ResultBlock[]
}

export interface GateResult {
  gate: GateName
  /** Human title, e.g. "Environment validation". */
  title: string
  findings: Finding[]
  /** Gate-specific outputs (`pending`, `healthy`…). Values are strings, as GitHub outputs are. */
  outputs: Record<string, string>
  /** Extra summary blocks, after the findings table. */
  sections: ResultSection[]
  /** One line saying what was checked, e.g. "3 env files, 42 keys". */
  scope: string
  /**
   * Values that must never be shown (secret env values, passwords, header values). The reporter
   * masks them with core.setSecret and redacts them from every text it writes.
   */
  secrets: string[]
  /** Machine-readable extras for the JSON report (never secrets). */
  data?: Record<string, unknown>
  /**
   * What the gate checked, one entry per check (an operation verified, a breaking-change rule, a probe
   * target), passing ones included: the JUnit report writes one test case each. Optional: without it,
   * reports fall back to one test case per finding.
   */
  checks?: GateCheck[]
}

/** One check a gate ran. Its findings are also in `GateResult.findings` (the step's status comes from there). */
export interface GateCheck {
  /** What was checked, e.g. `GET /users/{id} (getUser)`. */
  name: string
  /** A family of checks, e.g. `live` or `breaking-changes` (the JUnit classname suffix). */
  group?: string
  durationMs?: number
  /** The findings this check produced; none when it passed. */
  findings: Finding[]
  /** Why the check did not run (a skipped check has no findings). */
  skipped?: string
}

export type FailOn = 'error' | 'warning' | 'never'

/** Inputs every gate shares. */
export interface CommonInputs {
  gate: GateName
  failOn: FailOn
  githubToken: string
  comment: boolean
  /** Appended to the sticky comment's marker ('' or absent = one comment per gate). */
  commentKey?: string
  workingDirectory: string
  /** Where the JSON report goes ('' = default location). */
  reportPath: string
  /** SARIF output path ('' = none). */
  sarifPath: string
  /** JUnit XML output path ('' = none). */
  junitPath: string
  /** The `rules` input as given: policy lines or a file path ('' = every rule at its default). */
  rules: string
}

/** Reads a named input: from INPUT_* in the action, from --flags in the CLI. */
export interface InputSource {
  /** The raw value, or undefined when the input was not given. */
  get(name: string): string | undefined
  /** How the user wrote the name, for error messages: `input 'fail-on'` or `--fail-on`. */
  describe(name: string): string
}

export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

/**
 * Injected I/O: the clock, sleeping, the environment, git, HTTP probes, logging and the GitHub context come
 * only through this, so tests can hand gates anything. Not covered: gates read the user's files with node:fs
 * directly (confined to the working directory by src/files.ts), the migrations gate opens its own `pg`
 * connections from the URL in its config, and the GitHub API gates build their client from `github.token`.
 */
export interface GateIO {
  /** Absolute working directory; gate file paths are resolved against it. */
  cwd: string
  /** The environment the gate may read (process.env in production). */
  env: Record<string, string | undefined>
  /**
   * Sends the HTTP requests of the gates that probe services (contract, health, rollback). Optional:
   * by default a process-wide node:http(s) client with keep-alive agents (src/http.ts); tests inject one
   * that trusts their own certificate authority.
   */
  http?: HttpClient
  now: () => number
  sleep: (ms: number) => Promise<void>
  log: Logger
  /** Runs git in cwd and returns stdout; rejects with stderr on failure. */
  git: (args: string[]) => Promise<string>
  /**
   * Runs a user's bash command in its own process group, stoppable with everything it started (the rollout
   * gate's traffic and abort commands; src/kernel/commands.ts). Optional: only gates that run commands need it.
   */
  runCommand?: (request: CommandRequest) => Promise<CommandRun>
  /** While `work` runs, the runner's cancellation (SIGINT, SIGTERM) aborts its signal instead of ending the process. */
  cancellable?: <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>
  /** The GitHub context when running in a workflow (or from GITHUB_* variables in the CLI). */
  github: GitHubContext
}

export interface GitHubContext {
  token: string
  apiUrl: string
  serverUrl: string
  /** owner/name, '' when unknown. */
  repository: string
  eventName: string
  /** The parsed event payload ({} when none). */
  event: Record<string, unknown>
  sha: string
  ref: string
  runId: string
}

export interface Gate<Config> {
  name: GateName
  title: string
  /** Parse and validate this gate's inputs. Throws InputError naming the input on bad values. */
  parseInputs(source: InputSource, common: CommonInputs, io: GateIO): Config | Promise<Config>
  run(config: Config, io: GateIO): Promise<GateResult>
}
