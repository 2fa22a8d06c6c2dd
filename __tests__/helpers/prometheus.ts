// A real Prometheus (Debian's `prometheus`) for tests: started on a free loopback port with a temporary config
// that scrapes the given loopback targets every second, and ready once a query of the caller's returns data.
import { describe } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

export const PROMETHEUS = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find(existsSync)

/** CI installs prometheus (.ci/run) and must run these tests; elsewhere a machine without it skips, saying so. */
export function describeWithPrometheus(what: string): typeof describe | typeof describe.skip {
  if (PROMETHEUS || process.env.CI) return describe
  console.warn(`prometheus is not installed: ${what} skipped`)
  return describe.skip
}

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

export interface LoopbackPrometheus {
  url: string
  stop(): void
}

/** Starts Prometheus scraping `targets` (host:port) every second; resolves once `readyQuery` has a result. */
export async function startPrometheus(targets: string[], readyQuery: string): Promise<LoopbackPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-prometheus-'))
  mkdirSync(path.join(dir, 'data'))
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: app',
      '    static_configs:',
      `      - targets: [${targets.map(target => `'${target}'`).join(', ')}]`,
      ''
    ].join('\n')
  )
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    PROMETHEUS ?? 'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`
    ],
    { stdio: 'ignore' }
  )
  const stop = () => {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  let spawnError: Error | undefined
  child.on('error', error => (spawnError = error))
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      const answer = (await (
        await fetch(`${url}/api/v1/query?query=${encodeURIComponent(readyQuery)}`)
      ).json()) as { data?: { result?: unknown[] } }
      if ((answer.data?.result ?? []).length > 0) return { url, stop }
    } catch {
      // not listening yet
    }
    if (spawnError || Date.now() > deadline) {
      stop()
      throw new Error(
        spawnError
          ? `could not start prometheus (apt-get install prometheus): ${spawnError.message}`
          : 'Prometheus did not scrape the exporter within 20 s'
      )
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
}

/**
 * Waits until `query`'s first sample equals `value`: a test that changes what the exporter serves must not start
 * before Prometheus has scraped the change (up to one scrape interval later), or it reads the previous test's value.
 */
export async function waitForSample(
  url: string,
  query: string,
  value: number,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = (await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)).json()) as {
      data?: { result?: { value?: [number, string] }[] }
    }
    if (Number(answer.data?.result?.[0]?.value?.[1]) === value) return
    if (Date.now() > deadline)
      throw new Error(`Prometheus did not report ${query} = ${value} within ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}
