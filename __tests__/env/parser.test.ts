import { describe, expect, it } from '@jest/globals'
import dotenv from 'dotenv'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseEnvText } from '../../src/gates/env/dotenv-parser.js'
import { FIXTURES } from './gate-run.js'

const values = (text: string) =>
  Object.fromEntries([...parseEnvText(text).byKey].map(([key, entry]) => [key, entry.value]))
const issues = (text: string) =>
  parseEnvText(text).issues.map(i => `${i.rule} ${i.severity} ${i.line}:${i.column}`)

describe('parseEnvText: positions', () => {
  it('records the line and column of every key and value', () => {
    const parsed = parseEnvText(
      '# header\nexport HOST=db.internal\n  PORT = 5432 # db\nNAME="orders app"\nCERT="a\nb"\nEMPTY=\n'
    )
    const at = (key: string) => {
      const entry = parsed.byKey.get(key)!
      return [entry.keyStart, entry.valueStart, entry.valueEnd].map(p => `${p.line}:${p.column}`).join(' ')
    }
    expect(at('HOST')).toBe('2:8 2:13 2:24')
    expect(at('PORT')).toBe('3:3 3:10 3:14')
    expect(at('NAME')).toBe('4:1 4:6 4:18')
    expect(at('CERT')).toBe('5:1 5:6 6:3')
    expect(at('EMPTY')).toBe('7:1 7:7 7:7')
    expect(parsed.byKey.get('HOST')!.exported).toBe(true)
    expect(parsed.byKey.get('NAME')!.quote).toBe('"')
    expect(parsed.byKey.get('NAME')!.content).toBe('orders app')
    expect(parsed.issues).toEqual([])
  })

  it('counts lines the way dotenv does for CRLF and lone CR line breaks', () => {
    const parsed = parseEnvText('A=1\r\nB=2\rC="x\r\ny"\r\nD=4')
    expect(values('A=1\r\nB=2\rC="x\r\ny"\r\nD=4')).toEqual({ A: '1', B: '2', C: 'x\ny', D: '4' })
    expect(parsed.byKey.get('D')!.keyStart).toEqual({ line: 5, column: 1 })
  })
})

describe('parseEnvText: the values dotenv.parse returns', () => {
  it('agrees with dotenv on a file covering quotes, escapes, comments, export and multi-line values', () => {
    const text = [
      'export A=plain',
      'B = spaced value  ',
      'C="double \\n newline \\r cr \\" kept"',
      "D='single \\n stays'",
      'E=`backtick "and" \'quotes\'`',
      'F=value # comment',
      'G="quoted # not a comment" # comment',
      'H=',
      'I="multi',
      'line"',
      'J: colon form',
      'K="unterminated',
      "L='a' b",
      'M=#cut',
      'N=abc#cut'
    ].join('\n')
    expect(values(text)).toEqual(dotenv.parse(text))
  })

  it('agrees with dotenv on every file of the syntax fixture', () => {
    const text = readFileSync(path.join(FIXTURES, 'syntax', '.env.broken'), 'utf8')
    expect(values(text)).toEqual(dotenv.parse(text))
  })

  it('agrees with dotenv on 20,000 generated inputs built from the grammar’s tricky pieces', () => {
    const pieces = [
      'A',
      'B_2',
      'export ',
      ' ',
      '\t',
      '=',
      ': ',
      ':',
      '"',
      "'",
      '`',
      '\\',
      '\\n',
      '#',
      ' # c',
      '\n',
      '\r\n',
      '\r',
      'x',
      '$',
      '.',
      '-',
      'ü'
    ]
    let seed = 20240611
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const mismatches: string[] = []
    for (let i = 0; i < 20_000; i++) {
      let text = ''
      for (let j = next(24); j > 0; j--) text += pieces[next(pieces.length)]
      if (JSON.stringify(values(text)) !== JSON.stringify(dotenv.parse(text)))
        mismatches.push(JSON.stringify(text))
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})

describe('parseEnvText: syntax problems, with line and column', () => {
  it('reports every problem in the syntax fixture exactly once, in order', () => {
    const text = readFileSync(path.join(FIXTURES, 'syntax', '.env.broken'), 'utf8')
    expect(issues(text)).toEqual([
      'malformed-line error 3:1',
      'malformed-line error 4:1',
      'invalid-key-name error 5:3',
      'non-portable-key-name warning 6:1',
      'non-portable-key-name warning 7:1',
      'unterminated-quote error 8:8',
      'text-after-quote error 9:16',
      'unquoted-hash warning 10:13',
      'unquoted-hash warning 11:7',
      'duplicate-key error 13:1',
      'duplicate-key warning 15:1',
      'swallowed-assignment warning 18:1',
      'value-on-next-line warning 21:1'
    ])
  })

  it('explains each problem in terms of what dotenv does with the line', () => {
    const byRule = (text: string) =>
      Object.fromEntries(parseEnvText(text).issues.map(i => [i.rule, i.message]))
    expect(byRule('just words')).toEqual({
      'malformed-line': 'this line is not a KEY=value assignment or a comment, so dotenv ignores it'
    })
    expect(byRule('MY-APP NAME=x')['invalid-key-name']).toBe(
      'the variable name contains " ", which dotenv does not accept, so it ignores this line'
    )
    expect(byRule('TOKEN="abc')['unterminated-quote']).toBe(
      'the double quote opening the value of TOKEN is never closed, so dotenv keeps it as part of the value'
    )
    expect(byRule('PASSWORD=abc#123')['unquoted-hash']).toBe(
      "the value of PASSWORD is cut at '#': dotenv reads the rest of the line as a comment"
    )
    expect(byRule('A=1\nA=2')['duplicate-key']).toBe(
      'A is set again (first on line 1) to a different value; dotenv uses this later one'
    )
  })

  it('accepts what dotenv accepts without complaint', () => {
    const text =
      'export A=1\nB="x" # note\nC=\'y\'\nD=`z`\nE=a b c   \nF=" spaced "\nG="l1\nl2"\nH=val # comment\nI: colon\n# comment\n\n   \n'
    expect(issues(text)).toEqual([])
  })

  it('points at the first invalid character of a key and at a quote that closes too early', () => {
    expect(issues('  APP$NAME=x')).toEqual(['invalid-key-name error 1:6'])
    expect(issues('A="one" two')).toEqual(['text-after-quote error 1:9'])
    expect(issues("B='it's'")).toEqual(['text-after-quote error 1:7'])
  })
})
