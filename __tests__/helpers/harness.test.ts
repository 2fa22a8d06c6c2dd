// The test harness itself: if these parsers or the API stand-in were wrong, every runner-protocol test would be too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { startGitHubApi, type GitHubApi } from './github-api.js'
import {
  ensureBuilt,
  inputVariable,
  NODE_BINARIES,
  parseAnnotations,
  parseOutputsFile,
  runAction
} from './runner.js'

describe('runner protocol parsing', () => {
  it('names inputs the way @actions/core reads them', () => {
    expect(inputVariable('env-files')).toBe('INPUT_ENV-FILES')
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT')
  })

  it('reads heredoc and plain output lines', () => {
    const text = 'status<<ghadelimiter_1\nfailed\nghadelimiter_1\nlist<<EOF\na\nb\nEOF\nplain=x=y\n'
    expect(parseOutputsFile(text)).toEqual({ status: 'failed', list: 'a\nb', plain: 'x=y' })
    expect(() => parseOutputsFile('x<<EOF\nvalue\n')).toThrow('missing closing delimiter')
  })

  it('undoes the runner escaping of properties and messages', () => {
    const stdout = [
      'plain log line',
      '::error file=a%2Cb.env,line=3,col=7,endLine=3,endColumn=9,title=missing-key::Key A: %25 missing%0Asecond line',
      '::warning::no properties',
      '::debug::not an annotation'
    ].join('\n')
    expect(parseAnnotations(stdout)).toEqual([
      {
        level: 'error',
        file: 'a,b.env',
        line: 3,
        col: 7,
        endLine: 3,
        endColumn: 9,
        title: 'missing-key',
        message: 'Key A: % missing\nsecond line'
      },
      { level: 'warning', message: 'no properties' }
    ])
  })

  it('offers two Node binaries, Node 24 among them', () => {
    expect(NODE_BINARIES.length).toBeGreaterThanOrEqual(1)
    for (const node of NODE_BINARIES) expect(existsSync(node.path)).toBe(true)
  })
})

describe('GitHub API stand-in', () => {
  let api: GitHubApi
  beforeAll(async () => {
    api = await startGitHubApi({ token: 't0ken' })
  })
  afterAll(() => api.close())

  it('paginates issue comments with Link headers and records requests', async () => {
    for (let i = 0; i < 5; i++) api.addComment('o/r', 7, `comment ${i}`)
    const headers = { authorization: 'token t0ken' }
    const first = await fetch(`${api.url}/repos/o/r/issues/7/comments?per_page=2`, { headers })
    expect(first.status).toBe(200)
    expect(((await first.json()) as { body: string }[]).map(c => c.body)).toEqual(['comment 0', 'comment 1'])
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1]
    expect(next).toBe(`${api.url}/repos/o/r/issues/7/comments?per_page=2&page=2`)
    const last = await fetch(`${api.url}/repos/o/r/issues/7/comments?per_page=2&page=3`, { headers })
    expect(((await last.json()) as { body: string }[]).map(c => c.body)).toEqual(['comment 4'])
    expect(last.headers.get('link')).not.toContain('rel="next"')

    const created = await fetch(`${api.url}/repos/o/r/issues/7/comments`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello' })
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const updated = await fetch(`${api.url}/repos/o/r/issues/comments/${id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello again' })
    })
    expect(updated.status).toBe(200)
    expect(api.issueComments('o/r', 7).at(-1)?.body).toBe('hello again')
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { body: 'hello again' } })

    expect((await fetch(`${api.url}/repos/o/r/issues/7/comments`)).status).toBe(401)
  })
})

describe('runAction', () => {
  beforeAll(() => ensureBuilt())

  it('spawns dist/index.js with runner files and reads back outputs', async () => {
    const run = await runAction({ inputs: { gate: 'no-such-gate' } })
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.annotations[0]).toMatchObject({ level: 'error' })
  })
})
