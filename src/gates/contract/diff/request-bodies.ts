import { isRecord, type Operation, type Resolved } from '../operations.js'
import { child } from '../spec.js'
import type { DiffContext } from './context.js'
import { emitSchemaChanges, type Direction } from './schemas.js'
import { matchMediaType } from './wire.js'

export function compareRequestBodies(
  ctx: DiffContext,
  base: Operation,
  head: Operation,
  direction: Direction
): void {
  const [baseBody, headBody] = [base.requestBody, head.requestBody]
  if (!headBody) {
    if (baseBody)
      ctx.breaking(
        'request-body-removed',
        head.loc,
        baseBody.loc,
        `${ctx.operation} no longer describes a request body (base ${ctx.base.describe(baseBody.loc)}); clients still send one`
      )
    return
  }
  const required = headBody.value.required === true
  if (!baseBody) {
    if (required)
      ctx.breaking(
        'request-body-added-required',
        child(headBody.loc, 'required'),
        undefined,
        `the request body of ${ctx.operation} is new and required; existing clients send none`
      )
    else ctx.info('request-body-added', headBody.loc, `${ctx.operation} accepts a new optional request body`)
    return
  }
  if (required && baseBody.value.required !== true)
    ctx.breaking(
      'request-body-became-required',
      child(headBody.loc, 'required'),
      baseBody.loc,
      `the request body of ${ctx.operation} is now required (it was optional)`
    )
  else if (!required && baseBody.value.required === true)
    ctx.info(
      'request-body-became-optional',
      headBody.loc,
      `the request body of ${ctx.operation} became optional`
    )
  compareSchemasInto(ctx, baseBody, headBody, direction, 'request body')
}

/** Each base media type against the head's (parameters such as `; charset=utf-8` ignored), schema by schema. */
export function compareSchemasInto(
  ctx: DiffContext,
  baseBody: Resolved,
  headBody: Resolved,
  direction: Direction,
  where: string
): void {
  const baseContent = isRecord(baseBody.value.content) ? baseBody.value.content : {}
  const headContent = isRecord(headBody.value.content) ? headBody.value.content : {}
  const headTypes = Object.keys(headContent)
  for (const mediaType of Object.keys(baseContent)) {
    const baseSchema = child(baseBody.loc, 'content', mediaType, 'schema')
    const match = matchMediaType(mediaType, headTypes)
    if (match === undefined) {
      if (where === 'request body')
        ctx.breaking(
          'request-media-type-removed',
          child(headBody.loc, 'content'),
          baseSchema,
          `${ctx.operation} no longer accepts ${mediaType} request bodies`
        )
      continue
    }
    const label = Object.keys(baseContent).length > 1 ? `${where} (${mediaType})` : where
    emitSchemaChanges(
      ctx,
      ctx.schemas.compare(direction, baseSchema, child(headBody.loc, 'content', match, 'schema')),
      label
    )
  }
  if (where !== 'request body') return
  for (const mediaType of headTypes)
    if (matchMediaType(mediaType, Object.keys(baseContent)) === undefined)
      ctx.info(
        'request-media-type-added',
        child(headBody.loc, 'content', mediaType),
        `${ctx.operation} accepts ${mediaType} request bodies`
      )
}
