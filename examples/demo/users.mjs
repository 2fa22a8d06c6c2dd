/**
 * The demo's users: steady traffic on production (through the load balancer) while a rollout runs, so the canary
 * carries its share of real load, and a record of what each user got: which version served them, and whether it
 * failed, with the canary weight in force at the time.
 */
const PATHS = ['/users', '/users/1', '/orders', '/orders/101']

export function startUsers(url, { perSecond = 40, weight = () => 0 } = {}) {
  const answers = []
  let n = 0
  const timer = setInterval(() => {
    const path = PATHS[n++ % PATHS.length]
    const at = weight()
    fetch(`${url}${path}`, { signal: AbortSignal.timeout(2000) })
      .then(async response => {
        await response.arrayBuffer()
        answers.push({ weight: at, servedBy: response.headers.get('x-served-by'), ok: response.ok })
      })
      .catch(() => answers.push({ weight: at, servedBy: null, ok: false }))
  }, 1000 / perSecond)
  return {
    answers,
    async stop() {
      clearInterval(timer)
      // Let the requests in flight finish, so every one sent is counted.
      await new Promise(resolve => setTimeout(resolve, 300))
      return summarise(answers)
    }
  }
}

/** Requests and failures by the canary weight in force when they were sent. */
export function summarise(answers) {
  const byWeight = new Map()
  for (const answer of answers) {
    const entry = byWeight.get(answer.weight) ?? { weight: answer.weight, requests: 0, failed: 0, canary: 0 }
    entry.requests++
    if (!answer.ok) entry.failed++
    if (answer.servedBy === 'canary') entry.canary++
    byWeight.set(answer.weight, entry)
  }
  return {
    requests: answers.length,
    failed: answers.filter(a => !a.ok).length,
    byWeight: [...byWeight.values()].sort((a, b) => a.weight - b.weight)
  }
}
