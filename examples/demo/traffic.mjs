#!/usr/bin/env node
// The demo's traffic command, as a load balancer's CLI: `node traffic.mjs` gives the canary $ROLLOUT_WEIGHT
// percent of production traffic through the weighted proxy's admin endpoint ($DEMO_PROXY_ADMIN).
const weight = process.env.ROLLOUT_WEIGHT
const admin = process.env.DEMO_PROXY_ADMIN
if (!admin || !/^\d{1,3}$/.test(weight ?? '')) {
  console.error('usage: DEMO_PROXY_ADMIN=http://127.0.0.1:<port> ROLLOUT_WEIGHT=<0-100> node traffic.mjs')
  process.exit(2)
}
const response = await fetch(`${admin}/weight/${weight}`, {
  method: 'PUT',
  signal: AbortSignal.timeout(5000)
})
if (!response.ok) {
  console.error(`load balancer refused weight ${weight}: ${response.status} ${await response.text()}`)
  process.exit(1)
}
console.log(`canary weight set to ${weight}%`)
