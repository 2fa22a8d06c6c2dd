import { isRecord, parameterStyle, type Operation, type Parameter } from '../operations.js'
import { child, type Loc } from '../spec.js'
import type { DiffContext } from './context.js'
import { compareLifecycle, compareRemoval } from './deprecation.js'
import { emitSchemaChanges } from './schemas.js'

/**
 * A parameter's identity on the wire. Path parameters are positional (`/users/{id}` → `/users/{userId}`
 * renames nothing a client sends); header names are case-insensitive.
 */
function wireKey(op: Operation, param: Parameter): string {
  if (param.in === 'path') {
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map(match => match[1])
    const position = names.indexOf(param.name)
    return position === -1 ? `path:${param.name}` : `path:#${position}`
  }
  return `${param.in}:${param.in === 'header' ? param.name.toLowerCase() : param.name}`
}

/** The schema of a parameter: `schema`, or the schema of its single `content` entry. */
function schemaLoc(param: Parameter): Loc {
  if (param.value.schema !== undefined || !isRecord(param.value.content)) return child(param.loc, 'schema')
  const mediaType = Object.keys(param.value.content)[0]
  return mediaType === undefined
    ? child(param.loc, 'schema')
    : child(param.loc, 'content', mediaType, 'schema')
}

/** style/explode as a client writes them, defaults filled in (OpenAPI 3: form+explode for query/cookie, simple otherwise). */
function serialization(param: Parameter): string {
  const { style, explode } = parameterStyle(param)
  return `style ${style}, explode ${explode}`
}

export function compareParameters(ctx: DiffContext, base: Operation, head: Operation): void {
  const baseParams = new Map(base.parameters.map(p => [wireKey(base, p), p]))
  for (const param of head.parameters) {
    const old = baseParams.get(wireKey(head, param))
    const label = `${param.in} parameter '${param.name}'`
    if (!old) {
      if (param.required)
        ctx.breaking(
          'required-parameter-added',
          param.loc,
          undefined,
          `${ctx.operation} now requires ${label}; existing clients do not send it`
        )
      else
        ctx.info('optional-parameter-added', param.loc, `${ctx.operation} accepts the new optional ${label}`)
      continue
    }
    if (param.required && !old.required)
      ctx.breaking(
        'parameter-became-required',
        child(param.loc, 'required'),
        old.loc,
        `${label} of ${ctx.operation} became required`
      )
    else if (!param.required && old.required)
      ctx.info('parameter-became-optional', param.loc, `${label} of ${ctx.operation} became optional`)
    compareDefault(ctx, old, param, label)
    const [was, now] = [serialization(old), serialization(param)]
    // Only meaningful for values that serialize differently: arrays and objects (and path styles).
    if (was !== now && (param.in === 'path' || hasStructuredSchema(ctx, param)))
      ctx.breaking(
        'parameter-serialization-changed',
        param.value.style !== undefined
          ? child(param.loc, 'style')
          : param.value.explode !== undefined
            ? child(param.loc, 'explode')
            : param.loc,
        old.loc,
        `${label} of ${ctx.operation} changed serialization from ${was} to ${now}; clients write the value differently`
      )
    compareLifecycle(ctx, old.value, param.value, param.loc, `${label} of ${ctx.operation}`, 'parameter')
    emitSchemaChanges(ctx, ctx.schemas.compare('request', schemaLoc(old), schemaLoc(param)), label)
  }
  const headKeys = new Set(head.parameters.map(p => wireKey(head, p)))
  for (const old of base.parameters) {
    if (headKeys.has(wireKey(base, old))) continue
    compareRemoval(
      ctx,
      old.value,
      old.loc,
      head.loc,
      `${old.in} parameter '${old.name}' of ${ctx.operation} was removed; clients still send it`,
      'parameter'
    )
  }
}

/** An optional parameter's default is what clients that omit it get: changing it changes their behaviour. */
function compareDefault(ctx: DiffContext, base: Parameter, head: Parameter, label: string): void {
  if (head.required) return
  const baseSchema = ctx.base.deref(child(base.loc, 'schema'))?.value
  const headSchema = ctx.head.deref(child(head.loc, 'schema'))
  const was = isRecord(baseSchema) ? baseSchema.default : undefined
  const now = isRecord(headSchema?.value) ? headSchema.value.default : undefined
  if (JSON.stringify(was) === JSON.stringify(now)) return
  const detail =
    was === undefined
      ? `now defaults to ${JSON.stringify(now)}`
      : now === undefined
        ? `no longer defaults to ${JSON.stringify(was)}`
        : `changed its default from ${JSON.stringify(was)} to ${JSON.stringify(now)}`
  const at = headSchema && now !== undefined ? child(headSchema.loc, 'default') : head.loc
  ctx.breaking(
    'parameter-default-changed',
    at,
    base.loc,
    `${label} of ${ctx.operation} ${detail}; clients that omit it get different behaviour`
  )
}

function hasStructuredSchema(ctx: DiffContext, param: Parameter): boolean {
  const schema = ctx.head.deref(child(param.loc, 'schema'))?.value
  if (!isRecord(schema)) return false
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  return types.includes('array') || types.includes('object') || isRecord(schema.properties)
}
