/**
 * A cancelled job reaches the action as SIGINT (then SIGTERM) from the runner. While `work` runs (a rollout),
 * those signals abort its signal instead of ending the process, so it can still clean up (return traffic to the
 * stable version) in the seconds the runner allows before it kills the process. Outside `work`, Node's default
 * handling is untouched. Gates reach it through `GateIO.cancellable` (wired in src/runtime.ts).
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
