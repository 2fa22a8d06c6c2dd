// The iterative line scanner (src/gates/env/line-scanner.ts) reads every file exactly as dotenv's regex does:
// generated files built from the pieces that decide the grammar (quotes, escapes, `#`, separators, line breaks
// including U+2028) are parsed by both and must give the same keys and values.
import { describe, expect, it } from '@jest/globals'
import dotenv from 'dotenv'
import { parseEnvText } from '../../src/gates/env/dotenv-parser.js'

const PIECES = [
  'A',
  'KEY',
  'B_2',
  'export ',
  'export',
  '=',
  ' = ',
  ': ',
  ':',
  '"',
  "'",
  '`',
  '\\',
  '\\"',
  "\\'",
  '#',
  ' #c',
  '\n',
  '\n\n',
  ' ',
  '\t',
  'x',
  'val',
  '$',
  '${A}',
  '\u2028',
  '.',
  '-',
  '\r\n',
  '\r',
  '\u00a0'
]

function generator(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
}

describe('line scanner and dotenv.parse agree', () => {
  it('on 40,000 generated files', () => {
    const random = generator(20261201)
    let compared = 0
    for (let n = 0; n < 40_000; n++) {
      let text = ''
      const pieces = 1 + Math.floor(random() * 40)
      for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(random() * PIECES.length)]
      const ours = Object.fromEntries([...parseEnvText(text).byKey].map(([key, entry]) => [key, entry.value]))
      const theirs = dotenv.parse(text)
      // Only a failing case is compared with toEqual, so the message shows the file.
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        expect({ text, ours }).toEqual({ text, ours: theirs })
      compared++
    }
    expect(compared).toBe(40_000)
  })
})
