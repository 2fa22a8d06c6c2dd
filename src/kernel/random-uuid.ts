/**
 * A version-4 UUID (RFC 9562) from the operating system's CSPRNG, read from /dev/urandom: the same source
 * node:crypto seeds from, without loading node:crypto, which costs ~3–5 ms of CPU on every run (its module
 * pulls in ciphers, keys, X.509 and the Web Crypto API). `core.setOutput` needs one UUID per output for its
 * heredoc delimiter, so every gate would pay that at start-up; scripts/build.mjs gives @actions/core this
 * function as its `crypto.randomUUID` (bench/env.mjs measures the start-up). Where there is no /dev/urandom
 * (Windows), node:crypto's own randomUUID.
 */
import fs from 'node:fs'

export function randomUUID(): string {
  const bytes = Buffer.alloc(16)
  let descriptor: number | undefined
  try {
    descriptor = fs.openSync('/dev/urandom', 'r')
    if (fs.readSync(descriptor, bytes, 0, 16, null) !== 16) throw new Error('short read from /dev/urandom')
  } catch {
    // Loaded here, not imported: importing it would cost every run what this function saves.
    return process.getBuiltinModule('node:crypto').randomUUID()
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor)
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40 // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // variant 10xx
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
