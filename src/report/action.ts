/**
 * Publishes a gate result to the runner: outputs, report files, annotations, job summary, sticky PR comment.
 * Every text passes one redactor built from result.secrets, which are also registered with the runner's masker.
 */
import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import type { GateRun } from '../pipeline.js'
import type { GateIO, GateResult } from '../types.js'
import { annotationProperties, omittedTotal, planAnnotations } from './annotations.js'
import {
  commentMarker,
  describeCommentError,
  pullRequestTarget,
  upsertStickyComment,
  type CommentsClient
} from './comment.js'
import { formatFindingLine } from './console.js'
import { failureStack } from './failure.js'
import { commentBudget, countsLine, renderMarkdown, SUMMARY_BUDGET, type MarkdownView } from './markdown.js'
import { compareFindings } from './order.js'
import { appendJobSummary } from './job-summary.js'
import { setOutputs } from './outputs.js'
import type { Redactor } from './redact.js'

/** How long the PR comment may take (listing, then create or update) before it is given up with a warning. */
export const COMMENT_TIMEOUT_MS = 30_000

/**
 * For a run that could not finish: `status=failed` and the stack in the debug log. Never throws, so the
 * one-line failure that follows is always written (even without a usable GITHUB_OUTPUT).
 */
export function markActionFailed(error: unknown): void {
  try {
    setOutputs({ status: 'failed' }, process.env)
  } catch (outputError) {
    core.debug(`status output not written: ${errorMessage(outputError)}`)
  }
  const stack = failureStack(error)
  if (stack) core.debug(stack)
}

/** Shows a finished run on the runner: outputs, annotations, job summary, PR comment, and the step's verdict. */
export async function reportToAction(run: GateRun): Promise<void> {
  const { result: safe, redact, common, counts, status, files, io, locate } = run
  const outputs = Object.fromEntries(
    Object.entries(safe.outputs).map(([name, value]) => [name, redact(value)])
  )
  setOutputs(
    {
      ...outputs,
      status,
      errors: String(counts.errors),
      warnings: String(counts.warnings),
      report: files.report ?? ''
    },
    io.env
  )

  writeAnnotations(safe, redact, locate)

  const view: MarkdownView = {
    result: safe,
    status,
    counts,
    failOn: common.failOn,
    reportPath: files.report,
    runUrl: runUrl(io)
  }
  try {
    appendJobSummary(redact(renderMarkdown(view, SUMMARY_BUDGET)), process.env)
  } catch (error) {
    // Outside a runner (no GITHUB_STEP_SUMMARY) there is no summary to write; the verdict does not depend on it.
    core.debug(`job summary not written: ${errorMessage(error)}`)
  }

  if (common.comment) await postComment(view, io, redact, common.commentKey ?? '')

  if (status === 'failed') {
    core.setFailed(`${safe.title} failed: ${countsLine(counts)} (fail-on: ${common.failOn})`)
  } else {
    core.info(`${safe.title} passed: ${countsLine(counts)} (fail-on: ${common.failOn})`)
  }
}

function writeAnnotations(result: GateResult, redact: Redactor, locate: (file: string) => string): void {
  const plan = planAnnotations(result.findings)
  for (const finding of plan.shown) {
    const text = redact(finding.help ? `${finding.message}\n${finding.help}` : finding.message)
    const properties = annotationProperties(
      finding,
      finding.file === undefined ? undefined : locate(finding.file)
    )
    if (finding.severity === 'error') core.error(text, properties)
    else if (finding.severity === 'warning') core.warning(text, properties)
    else core.notice(text, properties)
  }
  const omitted = omittedTotal(plan.omitted)
  if (omitted === 0) return
  core.notice(
    `${omitted} more findings (${countsLine(plan.omitted)}) are not annotated: GitHub shows at most 10 errors and ` +
      '10 warnings per step. The job summary and the JSON report list every finding.',
    { title: `deploy-gates ${result.gate}: ${omitted} more findings` }
  )
  // The log keeps the complete list, in the same order.
  core.startGroup(`All ${result.findings.length} findings`)
  for (const finding of [...result.findings].sort(compareFindings))
    core.info(redact(formatFindingLine(finding)))
  core.endGroup()
}

function runUrl(io: GateIO): string | undefined {
  const { serverUrl, repository, runId } = io.github
  return repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined
}

async function postComment(view: MarkdownView, io: GateIO, redact: Redactor, key: string): Promise<void> {
  const target = pullRequestTarget(io.github)
  if (typeof target === 'string') {
    core.debug(`no PR comment: ${target}`)
    return
  }
  if (!io.github.token) {
    core.info('no PR comment: the github-token input is empty')
    return
  }
  const marker = commentMarker(view.result.gate, key)
  const body = redact(renderMarkdown(view, commentBudget(marker)))
  try {
    const client = await createClient(io.github.token)
    const outcome = await upsertStickyComment(client, target, marker, body)
    core.info(`PR comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`)
  } catch (error) {
    // The gate's verdict stands; a missing comment must not turn a pass into a failure or hide a failure.
    core.warning(
      `could not update the PR comment: ${redact(describeCommentError(error, COMMENT_TIMEOUT_MS))}`
    )
  }
}

/**
 * The one GitHub client (src/github/client.ts: GITHUB_API_URL, the runner's proxy, retries, rate limits, bounded
 * bodies). Loaded only when a comment is posted, so runs without one do not pay for it. The whole exchange
 * shares one timeout.
 */
async function createClient(token: string): Promise<CommentsClient> {
  const { createGitHubClient } = await import('../github/client.js')
  const client = createGitHubClient({
    token,
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    timeoutMs: COMMENT_TIMEOUT_MS,
    signal: AbortSignal.timeout(COMMENT_TIMEOUT_MS)
  })
  return client.octokit as unknown as CommentsClient
}
