// The action runs on the runner's node24; tests that spawn dist/ run it under Node 24 as well as the
// current Node. This installs Node 24's binary package (from the npm registry, no install scripts)
// into .cache/node24 once, and prints nothing when it is already there.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'

const dir = path.resolve('.cache/node24')
const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`
const bin = path.join(dir, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node')
if (!existsSync(bin)) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n')
  console.error(`Installing Node 24 (${pkg}@24) into ${dir} for the runner-protocol tests…`)
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `${pkg}@24`], {
    cwd: dir,
    stdio: 'inherit'
  })
}
