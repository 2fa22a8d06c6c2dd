/**
 * A cancelled job reaches the action as SIGINT (then SIGTERM) from the runner. While a rollout runs, those
 * signals stop it instead of killing the process, so the abort command still returns traffic to the stable
 * version in the seconds the runner allows before it kills the process.
 */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const

export async function withProcessCancellation<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const handlers = SIGNALS.map(name => {
    const handler = () => controller.abort(`the job was cancelled (${name})`)
    process.on(name, handler)
    return [name, handler] as const
  })
  try {
    return await work(controller.signal)
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler)
  }
}
