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

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length]!
}
