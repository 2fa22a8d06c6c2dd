/**
 * The limits of one target or metric over the verification window, in Argo Rollouts' terms, with no I/O: each
 * measurement is observed in turn, and the tally says when a limit breaks (failure-limit, consecutive-error-limit,
 * inconclusive-limit), when the stream has proved itself (consecutive-success-limit), and, at the end of the
 * window, whether it verified anything at all.
 */
import type { Finding } from '../../types.js'
import { catalog } from './catalog.js'
import type { Check } from './probe.js'

export interface Limits {
  failureLimit: number
  inconclusiveLimit: number
  consecutiveErrorLimit: number
  /** 0: off. */
  consecutiveSuccessLimit: number
}

export type Observation = { kind: 'continue' } | { kind: 'proved' } | { kind: 'breach'; finding: Finding }

export class StreamTally {
  private failures = 0
  private consecutiveErrors = 0
  private inconclusive = 0
  private passesInRow = 0
  private bestRow = 0
  private readonly kinds: Check['kind'][] = []
  private last: Check | undefined

  constructor(
    private readonly target: string,
    private readonly limits: Limits,
    /** `measurement` for metrics, `probe` for targets (messages). */
    private readonly noun: 'measurement' | 'probe',
    /** An inconclusive analysis is a warning instead of an error. */
    private readonly allowInconclusive: boolean
  ) {}

  observe(check: Check): Observation {
    const { target, limits } = this
    this.kinds.push(check.kind)
    this.last = check
    this.consecutiveErrors = check.kind === 'error' ? this.consecutiveErrors + 1 : 0
    this.passesInRow = check.kind === 'pass' ? this.passesInRow + 1 : 0
    this.bestRow = Math.max(this.bestRow, this.passesInRow)
    if (check.kind === 'fail' && ++this.failures > limits.failureLimit) {
      return this.breach(
        catalog.finding('failure-limit', {
          message: `${target} failed ${this.failures} ${this.noun}(s) in the verification window, more than failure-limit ${limits.failureLimit}; last: ${check.reason}`
        })
      )
    }
    if (check.kind === 'error' && this.consecutiveErrors > limits.consecutiveErrorLimit) {
      return this.breach(
        catalog.finding('consecutive-errors', {
          message: `${target} gave no answer ${this.consecutiveErrors} times in a row, more than consecutive-error-limit ${limits.consecutiveErrorLimit}; last: ${check.reason}`
        })
      )
    }
    if (check.kind === 'inconclusive' && ++this.inconclusive > limits.inconclusiveLimit) {
      return this.breach(
        catalog.finding('inconclusive', {
          message: `${target} was inconclusive in ${this.inconclusive} measurement(s), more than inconclusive-limit ${limits.inconclusiveLimit}; last: ${check.reason}`,
          severity: this.allowInconclusive ? 'warning' : 'error'
        })
      )
    }
    if (limits.consecutiveSuccessLimit > 0 && this.passesInRow >= limits.consecutiveSuccessLimit)
      return { kind: 'proved' }
    return { kind: 'continue' }
  }

  /**
   * At the end of a window that broke no limit: a stream that never answered, or never decided, verified
   * nothing, and one that never reached its consecutive-success-limit did not prove itself.
   */
  close(): Finding | undefined {
    const { target, kinds, limits } = this
    if (kinds.length === 0) return undefined
    const last = this.last?.reason
    if (kinds.every(k => k === 'error')) {
      return catalog.finding('consecutive-errors', {
        message: `${target} gave no answer in any of the ${kinds.length} probe(s) of the verification window; last: ${last}`
      })
    }
    if (!kinds.includes('pass') && !kinds.includes('fail')) {
      const count = (kind: Check['kind']) => kinds.filter(k => k === kind).length
      return catalog.finding('inconclusive', {
        message: `${target} decided nothing in the verification window (${count('inconclusive')} inconclusive, ${count('error')} without an answer); last: ${last}`,
        severity: this.allowInconclusive ? 'warning' : 'error'
      })
    }
    if (limits.consecutiveSuccessLimit > 0) {
      return catalog.finding('consecutive-success-limit', {
        message: `${target} passed at most ${this.bestRow} time(s) in a row in the window, fewer than consecutive-success-limit ${limits.consecutiveSuccessLimit}`
      })
    }
    return undefined
  }

  private breach(finding: Finding): Observation {
    return { kind: 'breach', finding }
  }
}
