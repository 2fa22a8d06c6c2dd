/**
 * The demo's environments: staging and production are each one port on loopback, and deploying an artifact
 * means stopping the process that serves the port and starting the artifact's server.mjs on it, with the
 * runtime settings the artifact was built with.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'

const START_TIMEOUT_MS = 10_000

/** A free loopback port, reserved by listening on port 0 and released for the environment to use. */
async function freePort() {
  const server = createServer()
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return port
}

export async function createEnvironment(name) {
  const port = await freePort()
  let child
  const stop = async () => {
    if (!child || child.exitCode !== null) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    /** Replaces whatever runs on the port with the artifact in `dir`; resolves once it accepts connections. */
    async deploy(dir) {
      await stop()
      const release = JSON.parse(await readFile(join(dir, 'release.json'), 'utf8'))
      child = spawn(process.execPath, [join(dir, 'server.mjs')], {
        env: {
          ...process.env,
          ...release.runtime,
          PORT: String(port),
          HOST: '127.0.0.1',
          APP_VERSION: release.version
        },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      await new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name}: server did not start in ${START_TIMEOUT_MS} ms`)),
          START_TIMEOUT_MS
        )
        child.stdout.on('data', chunk => {
          output += chunk
          if (output.includes('listening on')) {
            clearTimeout(timer)
            resolve()
          }
        })
        child.stderr.on('data', chunk => (output += chunk))
        child.once('exit', code => {
          clearTimeout(timer)
          reject(new Error(`${name}: server exited with code ${code}: ${output.trim().split('\n').pop()}`))
        })
      })
      return release
    },
    stop
  }
}
