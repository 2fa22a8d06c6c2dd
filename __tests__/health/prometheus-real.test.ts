// The health gate's analysis through dist/index.js against a real Prometheus (Debian's `prometheus`), started
// on a loopback port with a temporary config that scrapes a loopback exporter every second, plus a web metric.
// An analysis file of three Prometheus metrics (a gauge, a rate and `up`) and one web metric (JSONPath).
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import { type AddressInfo } from 'node:net'
import * as path from 'node:path'
import { createServer, type Server } from 'node:http'
import {
  describeWithPrometheus,
  startPrometheus,
  waitForSample,
  type LoopbackPrometheus
} from '../helpers/prometheus.js'
import { ensureBuilt, runAction } from '../helpers/runner.js'

describeWithPrometheus('the real-Prometheus analysis tests')(
  'analysis file against a real Prometheus',
  () => {
    const state = { errorRatio: 0.001, requests: 0, apdex: 0.97 }
    let exporter: Server
    let exporterUrl = ''
    let prometheus: LoopbackPrometheus | undefined
    let prometheusUrl = ''
    // The workspaces of the runs.
    let dir = ''

    beforeAll(async () => {
      ensureBuilt()
      exporter = createServer((request, response) => {
        if (request.url === '/metrics') {
          state.requests += 17
          response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
          response.end(
            [
              '# TYPE app_error_ratio gauge',
              `app_error_ratio ${state.errorRatio}`,
              '# TYPE http_requests_total counter',
              `http_requests_total{code="200"} ${state.requests}`,
              ''
            ].join('\n')
          )
          return
        }
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ data: { apdex: state.apdex } }))
      })
      await new Promise<void>(resolve => exporter.listen(0, '127.0.0.1', resolve))
      exporterUrl = `127.0.0.1:${(exporter.address() as AddressInfo).port}`

      // Ready once the rate over the scrapes has data (two scrapes at least).
      dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-prometheus-runs-'))
      prometheus = await startPrometheus([exporterUrl], 'sum(rate(http_requests_total[5s]))')
      prometheusUrl = prometheus.url
    }, 30_000)

    afterAll(async () => {
      prometheus?.stop()
      await new Promise(resolve => exporter?.close(resolve))
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    const writeAnalysis = (workspace: string) => {
      mkdirSync(workspace, { recursive: true })
      writeFileSync(
        path.join(workspace, 'analysis.yml'),
        [
          'metrics:',
          '  - name: error-ratio',
          '    successCondition: result < 0.05',
          '    failureCondition: result >= 0.2',
          '    provider:',
          '      prometheus:',
          `        address: ${prometheusUrl}`,
          '        query: app_error_ratio',
          '  - name: throughput',
          '    interval: 1s',
          '    successCondition: result > 0',
          '    provider:',
          '      prometheus:',
          `        address: ${prometheusUrl}`,
          '        query: sum(rate(http_requests_total[5s]))',
          '        headers:',
          '          - key: Authorization',
          '            value: Bearer ${PROM_TOKEN}',
          '  - name: up',
          '    successCondition: result == 1',
          '    provider:',
          '      prometheus:',
          `        address: ${prometheusUrl}`,
          '        query: up{job="app"}',
          '  - name: apdex',
          '    successCondition: 0.9 <= result <= 1',
          '    provider:',
          '      web:',
          `        url: http://${exporterUrl}/status`,
          '        jsonPath: $.data.apdex',
          ''
        ].join('\n')
      )
    }
    const inputs = {
      gate: 'health',
      'analysis-file': 'analysis.yml',
      interval: '500ms',
      window: '3s',
      comment: 'false'
    }

    it('passes a healthy release, showing each metric over time, and masks the header token', async () => {
      const workspace = path.join(dir, 'ok')
      writeAnalysis(workspace)
      state.errorRatio = 0.001
      const run = await runAction({ inputs, cwd: workspace, env: { PROM_TOKEN: 'prom-token-abc123' } })
      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({ healthy: 'true', verdict: 'healthy' })
      for (const name of ['error-ratio', 'throughput', 'up', 'apdex'])
        expect(run.summary).toContain(`Metric: ${name}`)
      expect(run.summary.match(/```mermaid\nxychart-beta/g)?.length).toBeGreaterThanOrEqual(4)
      expect(run.summary).toContain('0.001')
      // Masked with ::add-mask:: (the runner then hides it) and never written anywhere else.
      const shown = `${run.stdout}${run.stderr}${run.summary}${JSON.stringify(run.outputs)}`
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
      expect(run.stdout).toContain('::add-mask::prom-token-abc123')
      expect(shown).not.toContain('prom-token-abc123')
    }, 20_000)

    it('fails within a scrape or two once a metric meets its failure condition, naming it', async () => {
      const workspace = path.join(dir, 'bad')
      writeAnalysis(workspace)
      state.errorRatio = 0.001
      await waitForSample(prometheusUrl, 'app_error_ratio', 0.001)
      setTimeout(() => (state.errorRatio = 0.5), 800)
      const started = Date.now()
      const run = await runAction({
        inputs: { ...inputs, window: '6s' },
        cwd: workspace,
        env: { PROM_TOKEN: 't' }
      })
      expect(run.code).not.toBe(0)
      expect(run.outputs.healthy).toBe('false')
      expect(run.stdout).toMatch(
        /error-ratio failed 1 measurement\(s\) in the verification window, more than failure-limit 0; last: meets failure-condition result >= 0\.2/
      )
      // Stopped at the breach, well before the 6 s window ends.
      expect(Date.now() - started).toBeLessThan(5500)
      state.errorRatio = 0.001
    }, 20_000)

    it('is inconclusive, and fails, when a metric meets neither condition; dry-run reports it and passes', async () => {
      const workspace = path.join(dir, 'grey')
      writeAnalysis(workspace)
      state.errorRatio = 0.1
      // The previous test left 0.5 scraped: start only once Prometheus serves the grey value.
      await waitForSample(prometheusUrl, 'app_error_ratio', 0.1)
      const run = await runAction({ inputs, cwd: workspace, env: { PROM_TOKEN: 't' } })
      expect(run.code).not.toBe(0)
      expect(run.outputs).toMatchObject({ healthy: 'inconclusive', verdict: 'inconclusive' })
      const dry = await runAction({
        inputs: { ...inputs, 'dry-run': 'true' },
        cwd: workspace,
        env: { PROM_TOKEN: 't' }
      })
      expect(dry.code).toBe(0)
      expect(dry.outputs).toMatchObject({ healthy: 'inconclusive', 'dry-run': 'true' })
      expect(dry.stdout).toContain('dry-run: error-ratio was inconclusive')
      state.errorRatio = 0.001
    }, 20_000)
  }
)
