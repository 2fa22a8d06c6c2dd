// The kernel pieces several gates share: each behaviour a gate relies on, once.
import { describe, expect, it } from '@jest/globals'
import { closest, editDistance } from '../../src/kernel/closest.js'
import { valueAtPath } from '../../src/kernel/object-path.js'
import { mapLimit } from '../../src/kernel/pool.js'

describe('valueAtPath', () => {
  const doc = JSON.parse('{"a":{"b":[10,{"c":"deep"}]},"list":["x"],"__proto__":{"polluted":1}}')

  it('follows names and indexes, own properties only', () => {
    expect(valueAtPath(doc, ['a', 'b', 1, 'c'])).toBe('deep')
    expect(valueAtPath(doc, ['a', 'b', 0])).toBe(10)
    expect(valueAtPath(doc, ['a', 'missing'])).toBeUndefined()
    expect(valueAtPath(doc, ['a', 'b', 5])).toBeUndefined()
    expect(valueAtPath({}, ['constructor'])).toBeUndefined()
    expect(valueAtPath({}, ['toString'])).toBeUndefined()
    // JSON.parse makes "__proto__" an own key: reachable as data, never as the prototype.
    expect(valueAtPath(doc, ['__proto__', 'polluted'])).toBe(1)
  })

  it('indexes arrays with strings only for JSON Pointers, and only canonical indexes', () => {
    expect(valueAtPath(doc, ['list', '0'])).toBeUndefined()
    expect(valueAtPath(doc, ['list', '0'], { indexStrings: true })).toBe('x')
    expect(valueAtPath(doc, ['list', '00'], { indexStrings: true })).toBeUndefined()
    expect(valueAtPath(doc, ['a', 0])).toBeUndefined()
    expect(valueAtPath(doc, ['list', -1])).toBeUndefined()
  })
})

describe('mapLimit', () => {
  it('keeps input order and never has more than `limit` calls in flight', async () => {
    let inFlight = 0
    let most = 0
    const results = await mapLimit([30, 5, 20, 1, 10, 2], 2, async (ms, index) => {
      most = Math.max(most, ++inFlight)
      await new Promise(resolve => setTimeout(resolve, ms))
      inFlight--
      return `${index}:${ms}`
    })
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2'])
    expect(most).toBe(2)
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
  })

  it('rejects with the first failure', async () => {
    await expect(
      mapLimit([1, 2, 3], 3, async n => {
        if (n === 2) throw new Error('two failed')
        return n
      })
    ).rejects.toThrow('two failed')
  })
})

describe('closest', () => {
  it('measures edits and suggests only near misses', () => {
    expect(editDistance('drop-colum', 'drop-column')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(closest('drop-colum', ['drop-column', 'drop-table'])).toBe('drop-column')
    expect(closest('zzz-unknown', ['drop-column'])).toBeUndefined()
  })
})
