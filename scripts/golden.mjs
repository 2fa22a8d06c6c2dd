// `npm run golden`: runs the golden-file tests (__tests__/golden); `npm run golden -- --update` rewrites the
// files from the current rendering first, so the change is reviewed as a git diff.
import { spawnSync } from 'node:child_process'

const update = process.argv.includes('--update')
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '__tests__/golden'],
  { stdio: 'inherit', env: { ...process.env, ...(update ? { GOLDEN_UPDATE: '1' } : {}) } }
)
process.exit(result.status ?? 1)
