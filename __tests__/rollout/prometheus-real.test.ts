// gate: rollout through dist/index.js with each step's analysis on a real Prometheus (Debian's `prometheus`),
// scraping a loopback exporter every second whose canary error ratio depends on the weight the traffic command set:
// fine at 10%, broken from 50% on. The rollout's Prometheus query catches it at 50% and traffic goes back to 0.
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { type AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import { describeWithPrometheus, startPrometheus, type LoopbackPrometheus } from '../helpers/prometheus.js'
import { ensureBuilt, runAction } from '../helpers/runner.js'

describeWithPrometheus('the rollout-on-Prometheus test')(
  'gate: rollout analysed by a real Prometheus',
  () => {
    let workspace = ''
    let exporter: Server
    let prometheus: LoopbackPrometheus | undefined
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
      prometheus = await startPrometheus([target], 'canary_error_ratio')
      prometheusUrl = prometheus.url
    }, 30_000)

    afterAll(async () => {
      prometheus?.stop()
      await new Promise(resolve => exporter?.close(resolve))
      if (workspace) rmSync(workspace, { recursive: true, force: true })
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
  }
)
