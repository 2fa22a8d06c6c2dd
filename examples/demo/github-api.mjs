/**
 * A loopback stand-in for the part of GitHub's REST API the deployment, rollback and metrics gates use: the
 * Deployments API (deployments per environment, newest first, with statuses) and commit times. It answers the
 * same paths and shapes as api.github.com, so the demo runs the gates exactly as a workflow does.
 */
import { createServer } from 'node:http'

export async function startGitHubApi() {
  const deployments = []
  let nextDeploymentId = 1000
  let nextStatusId = 1
  const commitTimes = new Map()

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1')
    const body = await readJson(request)
    const send = (status, data) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(data))
    }
    const path = url.pathname
    let match
    if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
      const deployment = {
        id: nextDeploymentId++,
        sha: body.ref,
        ref: body.ref,
        environment: body.environment,
        payload: body.payload ?? {},
        description: body.description ?? null,
        production_environment: Boolean(body.production_environment),
        created_at: new Date().toISOString(),
        statuses: []
      }
      deployments.push(deployment)
      return send(201, publicDeployment(deployment))
    }
    if (request.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
      const environment = url.searchParams.get('environment')
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const matching = deployments.filter(d => !environment || d.environment === environment).reverse()
      return send(200, matching.slice((page - 1) * perPage, page * perPage).map(publicDeployment))
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)(\/statuses)?$/.exec(path))) {
      const deployment = deployments.find(d => d.id === Number(match[1]))
      if (!deployment) return send(404, { message: 'Not Found' })
      if (!match[2] && request.method === 'GET') return send(200, publicDeployment(deployment))
      if (match[2] && request.method === 'POST') {
        const status = {
          id: nextStatusId++,
          state: body.state,
          created_at: new Date().toISOString(),
          environment_url: body.environment_url ?? '',
          log_url: body.log_url ?? '',
          description: body.description ?? null
        }
        deployment.statuses.unshift(status)
        return send(201, status)
      }
      if (match[2] && request.method === 'GET') return send(200, deployment.statuses.slice(0, 100))
    }
    if (request.method === 'GET' && (match = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)$/.exec(path))) {
      const date = commitTimes.get(match[1]) ?? new Date().toISOString()
      return send(200, { sha: match[1], commit: { committer: { date }, author: { date } } })
    }
    send(404, { message: `Not Found: ${request.method} ${path}` })
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    deployments,
    setCommitTime: (sha, iso) => commitTimes.set(sha, iso),
    close: () => new Promise(resolve => server.close(resolve))
  }
}

function publicDeployment({ statuses: _statuses, ...deployment }) {
  return deployment
}

async function readJson(request) {
  let text = ''
  for await (const chunk of request) text += chunk
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    return {}
  }
}
