import { editDistance } from '../../kernel/closest.js'

/** "Did you mean …?": the candidate within two edits of `name` (case-insensitive), if there is one. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: { candidate: string; distance: number } | undefined
  if (name.length < 4) return undefined
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > 2) continue
    const distance = editDistance(name.toUpperCase(), candidate.toUpperCase())
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}
