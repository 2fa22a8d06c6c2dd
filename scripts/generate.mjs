// Writes (or, with --check, verifies) every file generated from code: action.yml, actions/<gate>/action.yml,
// docs/reference/, docs/rules/ and the README's inputs block. The generators are TypeScript that imports src/,
// so they are bundled with esbuild first (in memory, then imported from a temporary file).
//   npm run generate            write the files
//   npm run generate:check      exit 1 when a generated file is stale (CI)
import { build } from 'esbuild'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import * as prettier from 'prettier'

const check = process.argv.includes('--check')

const bundle = await build({
  entryPoints: ['scripts/generate/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  write: false,
  logLevel: 'warning'
})
// Inside node_modules: the bundle imports packages (js-yaml) by name, resolved from this repository.
const temporary = path.resolve('node_modules/.cache/deploy-gates', `generate-${process.pid}.mjs`)
await mkdir(path.dirname(temporary), { recursive: true })
await writeFile(temporary, bundle.outputFiles[0].contents)
const { generatedFiles } = await import(pathToFileURL(temporary).href).finally(() => rm(temporary))

async function format(file, text) {
  const options = await prettier.resolveConfig(file)
  return prettier.format(text, { ...options, filepath: file })
}

async function readOrEmpty(file) {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

let stale = 0
for (const file of await generatedFiles()) {
  const current = await readOrEmpty(file.path)
  let wanted
  if (file.between) {
    const [start, end] = file.between
    const from = current?.indexOf(start) ?? -1
    const to = current?.indexOf(end) ?? -1
    if (from < 0 || to < from) {
      console.error(`${file.path}: markers ${start} … ${end} not found`)
      process.exit(1)
    }
    wanted = await format(
      file.path,
      `${current.slice(0, from + start.length)}\n\n${file.content}\n\n${current.slice(to)}`
    )
  } else wanted = await format(file.path, file.content)
  if (current === wanted) continue
  stale++
  if (check) {
    const have = (current ?? '').split('\n')
    const want = wanted.split('\n')
    const line = want.findIndex((text, i) => text !== have[i])
    console.error(`${file.path} is stale (first difference at line ${line + 1}):`)
    console.error(`  file:      ${have[line] ?? '(missing)'}`)
    console.error(`  generated: ${want[line] ?? '(nothing)'}`)
  } else {
    await mkdir(path.dirname(file.path), { recursive: true })
    await writeFile(file.path, wanted)
    console.log(`${file.path}: written`)
  }
}
if (check && stale) {
  console.error(`${stale} generated file(s) are stale: run 'npm run generate' and commit them.`)
  process.exit(1)
}
if (check) console.log('generated files are up to date')
