// dist/THIRD-PARTY-NOTICES: the licence of every package whose code dist/ ships (bundled into a chunk, or a
// file copied beside the bundle), with its name, version and licence text from node_modules. Written by
// scripts/build.mjs from esbuild's metafile, sorted, so the same lock file gives the same file.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'

const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.(md|txt|markdown))?$|^licen[sc]e[-.]/i

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b` (the innermost package). */
function packageRoot(input) {
  const parts = input.split('/')
  const at = parts.lastIndexOf('node_modules')
  if (at < 0) return undefined
  const scoped = parts[at + 1]?.startsWith('@')
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/')
}

/** Packages with at least one byte in an output, from esbuild's metafile; plus packages given by root. */
export function shippedPackages(metafile, extraRoots = []) {
  const roots = new Set(extraRoots)
  for (const output of Object.values(metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      if (bytesInOutput > 0) {
        const root = packageRoot(input)
        if (root) roots.add(root)
      }
  return [...roots]
}

function describe(root) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  const files = readdirSync(root)
    .filter(name => LICENSE_FILE.test(name))
    .sort()
  const texts = files.map(name => readFileSync(path.join(root, name), 'utf8').trim())
  const license =
    typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'UNKNOWN')
  return { name: manifest.name, version: manifest.version, license, texts, homepage: manifest.homepage }
}

export function noticesText(roots) {
  const packages = roots
    .filter(root => existsSync(path.join(root, 'package.json')))
    .map(describe)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1))
  const seen = new Set()
  const sections = []
  for (const pkg of packages) {
    const key = `${pkg.name}@${pkg.version}`
    if (seen.has(key)) continue
    seen.add(key)
    // Line endings as git stores them (eol=lf), so a fresh build equals the committed copy byte for byte.
    const body = pkg.texts.length
      ? pkg.texts.map(text => text.replace(/\r\n?/g, '\n')).join('\n\n')
      : `(no licence file in the package; package.json says: ${pkg.license})`
    sections.push(
      `${'-'.repeat(78)}\n${key} (${pkg.license})${pkg.homepage ? `\n${pkg.homepage}` : ''}\n\n${body}\n`
    )
  }
  return (
    `deploy-gates bundles the following third-party packages in dist/ (${seen.size} packages).\n` +
    `Their licences follow, as shipped in each package.\n\n${sections.join('\n')}`
  )
}
