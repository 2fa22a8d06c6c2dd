/** What stays the same on the wire across spellings: media type parameters, status ranges. */

/** `Application/JSON; charset=utf-8` → `application/json`: parameters do not make a different media type. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase()
}

/** The key of `content` in `candidates` that serves the same media type as `mediaType`, if any. */
export function matchMediaType(mediaType: string, candidates: string[]): string | undefined {
  if (candidates.includes(mediaType)) return mediaType
  const essence = mediaTypeEssence(mediaType)
  return candidates.find(candidate => mediaTypeEssence(candidate) === essence)
}

/**
 * The head response that answers what a base status promised: the same code, else a range covering it
 * (`200` → `2XX`), else, for a base range, a head code inside it (`2XX` → `200`).
 */
export function matchStatus(code: string, headCodes: string[]): string | undefined {
  if (headCodes.includes(code)) return code
  const upper = code.toUpperCase()
  if (/^[1-5]\d\d$/.test(code)) return headCodes.find(head => head.toUpperCase() === `${code[0]}XX`)
  if (/^[1-5]XX$/.test(upper))
    return headCodes.find(head => head.toUpperCase() === upper || head.startsWith(code[0]!))
  return undefined
}

export function isSuccessStatus(code: string): boolean {
  return /^2/.test(code)
}
