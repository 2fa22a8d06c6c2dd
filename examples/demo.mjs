#!/usr/bin/env node
// `npm run demo`: the pipeline of .github/workflows/pipeline.yml, run locally stage by stage with the same gates
// (`node dist/cli.js <gate>`) on the example service: a good change, three breakages, a bad deploy rolled back.
// Exit code 0 when every scenario did what it must. `--json` also prints the outcome as one JSON line.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const json = process.argv.includes('--json')
const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
const green = text => paint(32, text)
const red = text => paint(31, text)
const dim = text => paint(2, text)
const bold = text => paint(1, text)

if (!existsSync(`${root}dist/cli.js`)) {
  console.log(dim('dist/ is missing: building it first (npm run build)'))
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' })
}
const { runDemo } = await import('./demo/run.mjs')
const { STAGES } = await import('./demo/pipeline.mjs')
const width = Math.max(...STAGES.map(stage => stage.length)) + 2

const SYMBOL = { passed: green('✓'), failed: red('✗'), skipped: dim('–'), 'not run': dim('·') }
const print = {
  setup(lines) {
    console.log(
      bold('deploy-gates demo') +
        ' — the pipeline of .github/workflows/pipeline.yml, locally, with the same gates'
    )
    for (const line of lines) console.log(dim(`  ${line}`))
  },
  scenario(number, title) {
    console.log(`\n${bold(`${number}. ${title}`)}`)
  },
  stage(stage, outcome) {
    const text =
      outcome.status === 'failed'
        ? red(outcome.detail)
        : outcome.status === 'skipped'
          ? dim(outcome.detail)
          : outcome.detail
    console.log(`   ${SYMBOL[outcome.status]} ${stage.padEnd(width)}${text ?? ''}`)
  },
  record(line) {
    console.log(`   ${dim('↳')} ${line}`)
  },
  verdict(result, problems) {
    const notRun = result.outcomes.filter(o => o.status === 'not run').map(o => o.stage)
    if (notRun.length) console.log(`   ${SYMBOL['not run']} ${dim(`not run: ${notRun.join(', ')}`)}`)
    const what = result.stoppedAt
      ? `stopped at ${result.stoppedAt}${result.rollback ? (result.rollback.ok ? `; rolled back to ${result.rollback.version}` : '; rollback FAILED') : ''}`
      : 'every stage green, production healthy'
    console.log(
      `   → ${what} ${problems.length ? red(`✘ NOT AS EXPECTED: ${problems.join('; ')}`) : green('(as expected)')}`
    )
  }
}

try {
  const outcome = await runDemo(print)
  const expected = outcome.outcomes.filter(o => o.problems.length === 0).length
  const line = `${expected}/${outcome.outcomes.length} scenarios behaved as expected in ${outcome.seconds.toFixed(1)} s`
  console.log(`\n${outcome.ok ? green(line) : red(line)}`)
  if (json)
    console.log(JSON.stringify(outcome, (key, value) => (value instanceof RegExp ? value.source : value)))
  process.exitCode = outcome.ok ? 0 : 1
} catch (error) {
  console.error(red(`demo failed: ${error?.stack ?? error}`))
  process.exitCode = 1
}
