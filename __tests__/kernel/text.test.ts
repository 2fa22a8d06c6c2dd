// Small kernel helpers: quoting user text in errors, JSON errors that never echo, URL redaction.
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/errors.js'
import { redactUrl } from '../../src/inputs.js'
import { secretsInUrl } from '../../src/kernel/redact-url.js'
import { parseJsonWithoutEcho } from '../../src/kernel/json.js'
import { quoteForError } from '../../src/kernel/quote.js'

describe('quoteForError', () => {
  it('keeps short text and cuts long text with a count', () => {
    expect(quoteForError('abc')).toBe("'abc'")
    const quoted = quoteForError('x'.repeat(100_000), 20)
    expect(quoted).toBe(`'${'x'.repeat(20)}…' (99980 more characters)`)
  })
  it('stays on one line', () => {
    expect(quoteForError('a\nb\r\tc\u001b')).toBe("'a\\nb\\r\\tc\\u001b'")
  })
})

describe('parseJsonWithoutEcho', () => {
  it.each([
    '{"token": "ghp_SECRET1234567890", oops}',
    '{"token": "ghp_SECRET1234567890"',
    'ghp_SECRET1234567890'
  ])('never quotes the text of %s', text => {
    let message = ''
    try {
      parseJsonWithoutEcho(text, "input 'payload'")
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      message = (error as Error).message
    }
    expect(message).toMatch(
      /^input 'payload' is not valid JSON \((syntax error at line 1, column \d+|the text ends too early)\)$/
    )
    expect(message).not.toMatch(/SECRET|ghp/)
  })
  it('gives the line of a multi-line document', () => {
    expect(() => parseJsonWithoutEcho('{\n"a": 1,\n"b": x\n}', 'payload')).toThrow(/line 3, column 6/)
  })
})

describe('redactUrl', () => {
  it.each([
    ['https://user:hunter2@host/x', 'https://user:***@host/x'],
    ['https://ghp_abcdefghijklmnop1234@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    ['https://x-access-token:ghs_abc@github.com/o/r', 'https://x-access-token:***@github.com/o/r'],
    ['https://0123456789abcdef0123456789abcdef@host/', 'https://***@host/'],
    ['https://api.test/v1?token=abc&page=2', 'https://api.test/v1?token=***&page=2'],
    ['https://api.test/v1?page=2&access_token=abc#x', 'https://api.test/v1?page=2&access_token=***#x'],
    ['https://blob.test/c?sv=2021&sig=Zm9v%2Bbar&se=1', 'https://blob.test/c?sv=2021&sig=***&se=1'],
    [
      'https://h/?api_key=1&apiKey=2&key=3&password=4&client_secret=5',
      'https://h/?api_key=***&apiKey=***&key=***&password=***&client_secret=***'
    ],
    ['https://h/cb#access_token=abc&state=1', 'https://h/cb#access_token=***&state=1'],
    [
      'https://s3.test/o?X-Amz-Signature=abc&X-Amz-Credential=AKIA',
      'https://s3.test/o?X-Amz-Signature=***&X-Amz-Credential=***'
    ],
    ['postgres://postgres@127.0.0.1:5432/db', 'postgres://postgres@127.0.0.1:5432/db'],
    ['https://git@github.com/o/r', 'https://git@github.com/o/r'],
    ['see https://h/?token=abc and https://u:p@h2/', 'see https://h/?token=*** and https://u:***@h2/'],
    ['https://u:pa/ss@host/x', 'https://u:***@host/x'],
    ['https://host/path?page=2&sort=asc', 'https://host/path?page=2&sort=asc']
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })
})

describe('secretsInUrl', () => {
  it('lists what redactUrl hides, decoded', () => {
    expect(secretsInUrl('https://ghp_abcdefghijklmnop1234@github.com/x?token=a%2Bb&page=2')).toEqual([
      'ghp_abcdefghijklmnop1234',
      'a+b'
    ])
    expect(secretsInUrl('postgres://app:p%40ss@db/x')).toEqual(['p@ss'])
    expect(secretsInUrl('https://git@github.com/o/r?page=2')).toEqual([])
  })
})
