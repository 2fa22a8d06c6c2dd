import { describe, expect, it } from '@jest/globals'
import { expand } from 'dotenv-expand'
import { expandAll, findReferences } from '../../src/gates/env/expand.js'

const ours = (parsed: Record<string, string>, processEnv: Record<string, string> = {}) =>
  Object.fromEntries(expandAll(new Map(Object.entries(parsed)), processEnv))
const theirs = (parsed: Record<string, string>, processEnv: Record<string, string> = {}) =>
  expand({ parsed: { ...parsed }, processEnv: { ...processEnv } }).parsed

describe('expandAll: dotenv-expand semantics', () => {
  it('expands braced, unbraced, default and alternate references like dotenv-expand', () => {
    const parsed = {
      HOST: 'db.internal',
      URL: 'postgres://${HOST}:$PORT/app',
      PORT: '5432',
      WITH_DEFAULT: '${MISSING:-fallback}',
      DASH_DEFAULT: '${MISSING-fallback}',
      EMPTY_DEFAULT: '${EMPTY:-was empty}',
      EMPTY: '',
      ALT: '${HOST:+set}',
      ALT_MISSING: '${NOPE:+set}',
      ESCAPED: 'costs \\$5 and \\${HOST}',
      SELF: '${SELF}',
      FROM_PROCESS: '${CI_VALUE}'
    }
    const processEnv = { CI_VALUE: 'from-ci' }
    expect(ours(parsed, processEnv)).toEqual(theirs(parsed, processEnv))
    expect(ours(parsed, processEnv)).toMatchObject({
      URL: 'postgres://db.internal:/app', // PORT comes later and is not in processEnv: progressive, as in dotenv-expand
      WITH_DEFAULT: 'fallback',
      ESCAPED: 'costs $5 and ${HOST}',
      SELF: '',
      FROM_PROCESS: 'from-ci'
    })
  })

  it('agrees with dotenv-expand on 20,000 generated inputs', () => {
    const pieces = [
      '$',
      '${',
      '}',
      'A',
      'B',
      'C',
      ':-',
      '-',
      ':+',
      '+',
      '\\',
      'x',
      '$A',
      '${B}',
      '{',
      '$$',
      '$&'
    ]
    let seed = 99
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const mismatches: string[] = []
    for (let i = 0; i < 20_000; i++) {
      const parsed: Record<string, string> = {}
      for (const key of ['A', 'B', 'C'].slice(0, 1 + next(3))) {
        let value = ''
        for (let j = next(8); j > 0; j--) value += pieces[next(pieces.length)]
        parsed[key] = value
      }
      const processEnv: Record<string, string> = next(2) ? {} : { C: 'from-process', Z: 'z' }
      if (JSON.stringify(ours(parsed, processEnv)) !== JSON.stringify(theirs(parsed, processEnv))) {
        mismatches.push(JSON.stringify({ parsed, processEnv }))
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})

describe('findReferences', () => {
  it('finds each reference with its operator and offset, skipping escaped dollars', () => {
    expect(findReferences('a ${B} $C \\$D ${E:-x} ${F-y} ${G:+z} ${H:?err}')).toEqual([
      { name: 'B', operator: '', index: 2, length: 4, fallback: '' },
      { name: 'C', operator: '', index: 7, length: 2, fallback: '' },
      { name: 'E', operator: ':-', index: 14, length: 7, fallback: 'x' },
      { name: 'F', operator: '-', index: 22, length: 6, fallback: 'y' },
      { name: 'G', operator: ':+', index: 29, length: 7, fallback: 'z' },
      { name: 'H:?err', operator: '', index: 37, length: 9, fallback: '' }
    ])
  })
})
