/**
 * libpg_query reports byte offsets into the UTF-8 encoding of the query; editors and GitHub annotations
 * want 1-based lines and columns in characters. This maps one to the other for a single source text.
 */
export interface Position {
  line: number
  column: number
}

export class SourceMap {
  private readonly lineStarts: number[] = [0]
  /** char index of each UTF-8 byte offset; absent when the text is pure ASCII (then bytes = chars). */
  private readonly charAtByte: Uint32Array | undefined

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = Buffer.byteLength(text, 'utf8')
      const map = new Uint32Array(bytes + 1)
      let byte = 0
      for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i)!
        const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
        for (let k = 0; k < width; k++) map[byte + k] = i
        byte += width
        if (code >= 0x10000) i++ // a surrogate pair is one code point
      }
      map[bytes] = text.length
      this.charAtByte = map
    }
  }

  charOffset(byteOffset: number): number {
    if (!this.charAtByte) return byteOffset
    return this.charAtByte[Math.min(byteOffset, this.charAtByte.length - 1)]!
  }

  /** 1-based line and column of a character offset. */
  position(charOffset: number): Position {
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lineStarts[mid]! <= charOffset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: charOffset - this.lineStarts[lo]! + 1 }
  }
}
