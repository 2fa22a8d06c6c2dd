// tls-min-days against a real https server on loopback, with a self-signed certificate made by openssl
// at test time (valid for 5 days), so expiry is real and not a stubbed date.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { healthGate, runHealth } from '../../src/gates/health/index.js'
import { createHttpClient } from '../../src/http.js'
import { mapInputSource, parseCommonInputs } from '../../src/inputs.js'
import { realIO } from './loopback.js'

const hasOpenssl = spawnSync('openssl', ['version']).status === 0
// Without openssl there is no way to mint a certificate here (node:crypto cannot sign X.509).
const describeTls = hasOpenssl ? describe : describe.skip

describeTls('tls-min-days on a real https server', () => {
  let dir: string
  let server: Server
  let url: string
  let ca: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-gates-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '5',
        '-subj',
        '/CN=health.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem')
      ],
      { stdio: 'ignore' }
    )
    ca = readFileSync(path.join(dir, 'cert.pem'), 'utf8')
    server = createServer(
      { key: readFileSync(path.join(dir, 'key.pem')), cert: ca },
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{"version":"abc123"}')
      }
    )
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  // The probe itself must trust the self-signed certificate, as NODE_EXTRA_CA_CERTS would make it on a runner.
  const trustingIO = () => realIO({ http: createHttpClient({ ca }) })
  const parse = (inputs: Record<string, string>) => {
    const source = mapInputSource({
      gate: 'health',
      interval: '100ms',
      window: '200ms',
      'readiness-timeout': '1s',
      ...inputs
    })
    return healthGate.parseInputs(source, parseCommonInputs(source, process.cwd()), realIO()) as Parameters<
      typeof runHealth
    >[0]
  }

  it('fails when the certificate expires sooner than tls-min-days, naming the date', async () => {
    const result = await runHealth(parse({ url, 'tls-min-days': '30' }), trustingIO())
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ rule: 'tls-expiry', severity: 'error' })
    expect(result.findings[0]!.message).toMatch(
      new RegExp(
        `^${url.replace(/[.]/g, '\\.')}: the certificate for health\\.test expires in 4 day\\(s\\), on \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, sooner than tls-min-days 30$`
      )
    )
  })

  it('passes when the certificate outlives tls-min-days', async () => {
    const result = await runHealth(parse({ url, 'tls-min-days': '3' }), trustingIO())
    expect(result.findings).toEqual([])
    expect(result.outputs.healthy).toBe('true')
  })

  it('does not trust a certificate the runner does not trust: the probe names the TLS failure', async () => {
    const result = await runHealth(parse({ url, 'readiness-timeout': '200ms' }), realIO())
    expect(result.findings.map(f => f.rule)).toEqual(['not-ready'])
    expect(result.findings[0]!.message).toMatch(/; last: connection failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/)
  })

  it('fails closed when no TLS handshake is possible', async () => {
    const plain = url.replace(/:\d+\//, ':9/')
    const result = await runHealth(
      parse({ url: plain, 'tls-min-days': '3', 'readiness-timeout': '200ms' }),
      trustingIO()
    )
    expect(result.findings.map(f => f.rule).sort()).toEqual(['not-ready', 'tls-check'])
    expect(result.findings.find(f => f.rule === 'tls-check')!.message).toBe(
      'https://127.0.0.1:9/healthz: could not read the certificate: TLS connection failed (ECONNREFUSED)'
    )
  })
})
