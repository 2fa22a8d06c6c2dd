// gate: rollout through dist/index.js with each step's analysis on a real Prometheus (Debian's `prometheus`),
// scraping a loopback exporter every second whose canary error ratio depends on the weight the traffic command set:
// fine at 10%, broken from 50% on. The rollout's Prometheus query catches it at 50% and traffic goes back to 0.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import { ensureBuilt, runAction } from '../helpers/runner.js'

const PROMETHEUS = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find(existsSync)
// CI installs it (.ci/run) and must run this; elsewhere a machine without it skips, saying so.
const describeWithPrometheus = PROMETHEUS || process.env.CI ? describe : describe.skip
if (!PROMETHEUS) console.warn('prometheus is not installed: the rollout-on-Prometheus test is skipped')

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

describeWithPrometheus('gate: rollout analysed by a real Prometheus', () => {
  let workspace = ''
  let dir = ''
  let exporter: Server
  let prometheus: ChildProcess
  let prometheusUrl = ''
  const weight = () => {
    try {
      return Number(readFileSync(path.join(workspace, 'weight'), 'utf8').trim()) || 0
    } catch {
      return 0
    }
  }

  beforeAll(async () => {
    ensureBuilt()
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rollout-prom-ws-'))
    exporter = createServer((_request, response) => {
      // The canary's connection pool holds for a tenth of the traffic, not for half.
      const ratio = weight() >= 50 ? 0.25 : 0.001
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      response.end(`# TYPE canary_error_ratio gauge\ncanary_error_ratio ${ratio}\n`)
    })
    await new Promise<void>(resolve => exporter.listen(0, '127.0.0.1', resolve))
    const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`
    dir = mkdtempSync(path.join(os.tmpdir(), 'rollout-prometheus-'))
    mkdirSync(path.join(dir, 'data'))
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: canary\n    static_configs:\n      - targets: ['${target}']\n`
    )
    const port = await freePort()
    prometheusUrl = `http://127.0.0.1:${port}`
    prometheus = spawn(
      PROMETHEUS ?? 'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`
      ],
      { stdio: 'ignore' }
    )
    const deadline = Date.now() + 20_000
    for (;;) {
      try {
        const answer = (await (
          await fetch(`${prometheusUrl}/api/v1/query?query=canary_error_ratio`)
        ).json()) as { data?: { result?: unknown[] } }
        if ((answer.data?.result ?? []).length > 0) break
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('Prometheus did not scrape the exporter within 20 s')
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  }, 30_000)

  afterAll(async () => {
    prometheus?.kill('SIGTERM')
    await new Promise(resolve => exporter?.close(resolve))
    for (const scratch of [dir, workspace]) if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  it('catches the release at 50% on the query, and returns traffic to 0', async () => {
    const run = await runAction({
      cwd: workspace,
      inputs: {
        gate: 'rollout',
        comment: 'false',
        'traffic-command':
          'printf "%s\\n" "$ROLLOUT_WEIGHT" > weight && printf "%s\\n" "$ROLLOUT_WEIGHT" >> traffic.log',
        'prometheus-url': prometheusUrl,
        'prometheus-query': 'canary_error_ratio',
        'success-condition': 'result < 0.01',
        // Two scrapes per step at least: the one after the weight changed is always inside the window.
        'step-pause': '4s',
        interval: '1s',
        'request-timeout': '2s'
      },
      timeoutMs: 60_000
    })
    expect(readFileSync(path.join(workspace, 'traffic.log'), 'utf8').trim().split('\n')).toEqual([
      '10',
      '50',
      '0'
    ])
    expect(run.outputs).toMatchObject({
      weight: '10',
      aborted: 'true',
      'failed-step': '50',
      status: 'failed'
    })
    const errors = run.annotations
      .filter(a => a.level === 'error' && !a.message.startsWith('Progressive rollout failed:'))
      .map(a => a.message.split('\n')[0])
    expect(errors).toEqual([expect.stringMatching(/^at 50% \(step 2 of 3\): .*0\.25/)])
  }, 60_000)
})
