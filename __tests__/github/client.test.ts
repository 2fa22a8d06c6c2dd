// The GitHub client keeps what @actions/github gave: the runner's proxy (HTTP_PROXY unless NO_PROXY matches),
// GITHUB_API_URL as the base, `token` auth and the runner's orchestration id in the user agent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { createGitHubClient, withOrchestrationId } from '../../src/github/client.js'

const listen = async (server: Server) => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

describe('GitHub client transport', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = []
  const proxied: string[] = []
  const api = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"full_name":"octo-org/octo-repo"}')
  })
  let apiPort = 0
  // A forward proxy: records the absolute URL it was asked for, then forwards it to the API stand-in (the
  // host name, like api.github.com here, resolves only through the proxy).
  const proxy = createServer((req, res) => {
    proxied.push(req.url ?? '')
    const target = new URL(req.url ?? '')
    const forward = { host: '127.0.0.1', port: apiPort, path: target.pathname + target.search }
    const upstream = request({ ...forward, method: req.method, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  // undici's ProxyAgent (what @actions/http-client hands fetch) tunnels every request with CONNECT.
  proxy.on('connect', (req, socket) => {
    proxied.push(req.url ?? '')
    const tunnel = connect(apiPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      tunnel.pipe(socket)
      socket.pipe(tunnel)
    })
    tunnel.on('error', () => socket.destroy())
    socket.on('error', () => tunnel.destroy())
  })
  let apiUrl = ''
  let proxyUrl = ''
  const saved = { ...process.env }
  beforeAll(async () => {
    // Not a loopback name (@actions/http-client always bypasses those), so the proxy decision is the
    // environment's, as for api.github.com; the name does not resolve here, so only the proxy reaches it.
    apiPort = await listen(api)
    apiUrl = 'http://api.github.test/api/v3'
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`
  })
  afterEach(() => {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ACTIONS_ORCHESTRATION_ID'])
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    seen.length = 0
    proxied.length = 0
  })
  afterAll(async () => {
    await Promise.all([api, proxy].map(server => new Promise(resolve => server.close(resolve))))
  })

  it('goes through HTTP_PROXY to GITHUB_API_URL with token auth and the orchestration id', async () => {
    process.env.HTTP_PROXY = proxyUrl
    delete process.env.NO_PROXY
    delete process.env.no_proxy
    process.env.ACTIONS_ORCHESTRATION_ID = 'run 42/a'
    const client = createGitHubClient({ token: 'ghs_transport', apiUrl, retries: 0, timeoutMs: 5000 })
    const repo = await client.json<{ full_name: string }>(
      'reading the repository',
      'GET /repos/{owner}/{repo}',
      {
        owner: 'octo-org',
        repo: 'octo-repo'
      }
    )
    expect(repo.full_name).toBe('octo-org/octo-repo')
    expect(proxied).toEqual(['api.github.test:80'])
    expect(seen[0]!.url).toBe('/api/v3/repos/octo-org/octo-repo')
    expect(seen[0]!.headers.authorization).toBe('token ghs_transport')
    // As @actions/github gives it: the tag, then Octokit's own user agent.
    expect(seen[0]!.headers['user-agent']).toMatch(
      /^actions_orchestration_id\/run_42_a octokit-core\.js\/\S+ /
    )
  })

  it('keeps Octokit’s own user agent without an orchestration id', async () => {
    process.env.HTTP_PROXY = proxyUrl
    delete process.env.ACTIONS_ORCHESTRATION_ID
    const client = createGitHubClient({ token: 'ghs_transport', apiUrl, retries: 0, timeoutMs: 5000 })
    await client.json('reading the repository', 'GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
    expect(seen[0]!.headers['user-agent']).toMatch(/^octokit-core\.js\/\S+ /)
    expect(seen[0]!.headers['user-agent']).not.toMatch(/actions_orchestration_id/)
  })

  it('goes direct when NO_PROXY names the host (so the unresolvable name fails, and says so)', async () => {
    process.env.HTTP_PROXY = proxyUrl
    process.env.NO_PROXY = 'example.org,api.github.test'
    const client = createGitHubClient({ token: 'ghs_transport', apiUrl, retries: 0, timeoutMs: 5000 })
    await expect(
      client.json('reading the repository', 'GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
    ).rejects.toThrow(/^GitHub API: reading the repository failed: /)
    expect(proxied).toEqual([])
    expect(seen).toEqual([])
  })

  it('adds the orchestration tag once', () => {
    expect(withOrchestrationId(undefined, '  ')).toBeUndefined()
    expect(withOrchestrationId('me/1', 'x')).toBe('me/1 actions_orchestration_id/x')
    expect(withOrchestrationId('me/1 actions_orchestration_id/x', 'x')).toBe(
      'me/1 actions_orchestration_id/x'
    )
  })
})
