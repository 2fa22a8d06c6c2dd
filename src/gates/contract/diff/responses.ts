import { isRecord, resolve, type Operation, type Resolved } from '../operations.js'
import { child } from '../spec.js'
import type { DiffContext } from './context.js'
import { emitSchemaChanges, type Direction } from './schemas.js'
import { isSuccessStatus, matchMediaType, matchStatus } from './wire.js'

export function compareResponses(
  ctx: DiffContext,
  base: Operation,
  head: Operation,
  direction: Direction
): void {
  const headCodes = [...head.responses.keys()]
  const matched = new Set<string>()
  for (const [code, baseResponse] of base.responses) {
    const headCode = matchStatus(code, headCodes)
    if (headCode === undefined) {
      if (isSuccessStatus(code))
        ctx.breaking(
          'response-success-status-removed',
          child(head.loc, 'responses'),
          baseResponse.loc,
          `${ctx.operation} no longer returns ${code} (base ${ctx.base.describe(baseResponse.loc)})`
        )
      else
        ctx.info(
          'response-status-removed',
          child(head.loc, 'responses'),
          `${ctx.operation} no longer documents ${code}`
        )
      continue
    }
    matched.add(headCode)
    const headResponse = head.responses.get(headCode)!
    compareContent(ctx, code, baseResponse, headResponse, direction)
    compareHeaders(ctx, code, baseResponse, headResponse)
  }
  for (const code of headCodes)
    if (!matched.has(code) && !base.responses.has(code))
      ctx.info(
        'response-status-added',
        child(head.loc, 'responses', code),
        `${ctx.operation} documents a new ${code} response`
      )
}

function compareContent(
  ctx: DiffContext,
  code: string,
  base: Resolved,
  head: Resolved,
  direction: Direction
): void {
  const baseContent = isRecord(base.value.content) ? base.value.content : {}
  const headContent = isRecord(head.value.content) ? head.value.content : {}
  const headTypes = Object.keys(headContent)
  for (const mediaType of Object.keys(baseContent)) {
    const baseSchema = child(base.loc, 'content', mediaType, 'schema')
    const match = matchMediaType(mediaType, headTypes)
    if (match === undefined) {
      if (isSuccessStatus(code))
        ctx.breaking(
          'response-media-type-removed',
          child(head.loc, 'content'),
          baseSchema,
          `the ${code} response of ${ctx.operation} no longer returns ${mediaType}`
        )
      continue
    }
    emitSchemaChanges(
      ctx,
      ctx.schemas.compare(direction, baseSchema, child(head.loc, 'content', match, 'schema')),
      `${code} response`
    )
  }
  for (const mediaType of headTypes)
    if (
      matchMediaType(mediaType, Object.keys(baseContent)) === undefined &&
      Object.keys(baseContent).length > 0
    )
      ctx.info(
        'response-media-type-added',
        child(head.loc, 'content', mediaType),
        `the ${code} response of ${ctx.operation} can also be ${mediaType}`
      )
}

function compareHeaders(ctx: DiffContext, code: string, base: Resolved, head: Resolved): void {
  const baseHeaders = isRecord(base.value.headers) ? base.value.headers : {}
  const headHeaders = isRecord(head.value.headers) ? head.value.headers : {}
  const headNames = new Map(Object.keys(headHeaders).map(name => [name.toLowerCase(), name]))
  const baseNames = new Set(Object.keys(baseHeaders).map(name => name.toLowerCase()))
  for (const name of Object.keys(baseHeaders)) {
    const old = resolve(ctx.base, child(base.loc, 'headers', name))
    if (!old) continue
    const headName = headNames.get(name.toLowerCase())
    const now = headName === undefined ? undefined : resolve(ctx.head, child(head.loc, 'headers', headName))
    const label = `header ${name} of the ${code} response of ${ctx.operation}`
    if (!now) {
      if (old.value.required === true)
        ctx.breaking(
          'required-response-header-removed',
          child(head.loc, 'headers'),
          old.loc,
          `required ${label} was removed`
        )
      else
        ctx.breaking(
          'optional-response-header-removed',
          child(head.loc, 'headers'),
          old.loc,
          `optional ${label} was removed`
        )
      continue
    }
    if (old.value.required === true && now.value.required !== true)
      ctx.breaking(
        'response-header-became-optional',
        now.loc,
        old.loc,
        `required ${label} is no longer required`
      )
    emitSchemaChanges(
      ctx,
      ctx.schemas.compare('response', child(old.loc, 'schema'), child(now.loc, 'schema')),
      `${code} response header ${name}`
    )
  }
  for (const [lower, name] of headNames)
    if (!baseNames.has(lower))
      ctx.info(
        'response-header-added',
        child(head.loc, 'headers', name),
        `the ${code} response of ${ctx.operation} has a new header ${name}`
      )
}
