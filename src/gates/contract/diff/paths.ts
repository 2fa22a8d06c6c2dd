import { HTTP_METHODS } from '../structure.js'
import {
  isRecord,
  operationAt,
  operationRefs,
  resolve,
  type Operation,
  type OperationRef
} from '../operations.js'
import { child, type Loc } from '../spec.js'
import type { DiffContext } from './context.js'
import { compareLifecycle, compareRemoval } from './deprecation.js'
import { compareParameters } from './parameters.js'
import { compareRequestBodies } from './request-bodies.js'
import { compareResponses } from './responses.js'
import { compareSecurity } from './security.js'
import { compareSchemasInto } from './request-bodies.js'

export function describeOperation(op: Operation): string {
  const name = `${op.method.toUpperCase()} ${op.path}`
  return op.operationId ? `${name} (${op.operationId})` : name
}

/**
 * Paths and operations: removed (with the deprecation policy), added, and each pair compared area by area.
 * Operations are built one pair at a time from a cheap index, so memory does not grow with the spec's size.
 */
export function comparePaths(ctx: DiffContext): void {
  const baseRefs = operationRefs(ctx.base)
  const headRefs = operationRefs(ctx.head)
  const headByKey = new Map(headRefs.map(ref => [ref.key, ref]))
  // `/users/{id}` and `/users/{userId}` are the same path on the wire: keys erase parameter names.
  const templateOf = (ref: OperationRef) => ref.key.slice(ref.key.indexOf(' ') + 1)
  const headTemplates = new Map<string, OperationRef>()
  for (const ref of headRefs) if (!headTemplates.has(templateOf(ref))) headTemplates.set(templateOf(ref), ref)
  const pathsLoc: Loc = { file: ctx.head.entry, pointer: ['paths'] }
  const removedPaths = new Map<string, Operation[]>()
  for (const baseRef of baseRefs) {
    const baseOp = operationAt(ctx.base, baseRef.path, baseRef.method)
    if (!baseOp) continue
    ctx.at(describeOperation(baseOp), baseOp.method.toUpperCase(), baseOp.path)
    const headRef = headByKey.get(baseRef.key)
    const headOp = headRef && operationAt(ctx.head, headRef.path, headRef.method)
    if (headOp) {
      compareOperations(ctx, baseOp, headOp)
      continue
    }
    const sibling = headTemplates.get(templateOf(baseRef))
    if (!sibling) {
      removedPaths.set(baseOp.path, [...(removedPaths.get(baseOp.path) ?? []), baseOp])
      continue
    }
    const siblingLoc: Loc = { file: ctx.head.entry, pointer: ['paths', sibling.path] }
    compareRemoval(ctx, baseOp.value, baseOp.loc, siblingLoc, `${describeOperation(baseOp)} was removed`)
  }
  for (const [path, ops] of removedPaths) {
    // A path whose operations were all deprecated is judged operation by operation (their sunset dates).
    if (ops.every(op => op.deprecated)) {
      for (const op of ops) {
        ctx.at(describeOperation(op), op.method.toUpperCase(), op.path)
        compareRemoval(ctx, op.value, op.loc, pathsLoc, `${describeOperation(op)} was removed`)
      }
      continue
    }
    ctx.at(path, ops[0]!.method.toUpperCase(), path)
    const methods = ops.map(op => op.method.toUpperCase()).join(', ')
    ctx.breaking(
      'path-removed',
      pathsLoc,
      ops[0]!.pathLoc,
      `path ${path} was removed (${methods}; base ${ctx.base.describe(ops[0]!.pathLoc)})`
    )
  }
  const baseKeys = new Set(baseRefs.map(ref => ref.key))
  for (const ref of headRefs) {
    if (baseKeys.has(ref.key)) continue
    const op = operationAt(ctx.head, ref.path, ref.method)
    if (!op) continue
    ctx.at(describeOperation(op), op.method.toUpperCase(), op.path)
    ctx.info('operation-added', op.loc, `${describeOperation(op)} was added`)
    compareLifecycle(ctx, undefined, op.value, op.loc, describeOperation(op))
  }
}

function compareOperations(ctx: DiffContext, base: Operation, head: Operation): void {
  if (base.operationId !== undefined && head.operationId !== base.operationId) {
    const now = head.operationId === undefined ? 'removed' : `changed to '${head.operationId}'`
    ctx.breaking(
      'operation-id-changed',
      head.operationId === undefined ? head.loc : child(head.loc, 'operationId'),
      child(base.loc, 'operationId'),
      `operationId '${base.operationId}' of ${head.method.toUpperCase()} ${head.path} was ${now}; generated clients call it by name`
    )
  } else if (base.operationId === undefined && head.operationId !== undefined)
    ctx.info(
      'operation-id-added',
      child(head.loc, 'operationId'),
      `${ctx.operation} now has operationId '${head.operationId}'`
    )
  compareLifecycle(ctx, base.value, head.value, head.loc, ctx.operation)
  compareParameters(ctx, base, head)
  compareRequestBodies(ctx, base, head, 'request')
  compareResponses(ctx, base, head, 'response')
  compareSecurity(ctx, base, head)
}

/**
 * Webhooks (3.1): the API is the client here. It sends the request, so its body is compared as a response
 * (a receiver breaks when the payload carries more than before), and the receiver's answer as a request.
 */
export function compareWebhooks(ctx: DiffContext): void {
  const base = isRecord(ctx.base.root.webhooks) ? ctx.base.root.webhooks : {}
  const head = isRecord(ctx.head.root.webhooks) ? ctx.head.root.webhooks : {}
  const webhooksLoc: Loc = { file: ctx.head.entry, pointer: ['webhooks'] }
  for (const name of Object.keys(base)) {
    const baseItem = resolve(ctx.base, { file: ctx.base.entry, pointer: ['webhooks', name] })
    if (!baseItem) continue
    const headItem =
      name in head ? resolve(ctx.head, { file: ctx.head.entry, pointer: ['webhooks', name] }) : undefined
    for (const method of HTTP_METHODS) {
      const baseOp = resolve(ctx.base, child(baseItem.loc, method))
      if (!baseOp) continue
      ctx.at(`webhook ${name} (${method.toUpperCase()})`)
      const headOp = headItem ? resolve(ctx.head, child(headItem.loc, method)) : undefined
      if (!headOp) {
        ctx.breaking(
          'webhook-removed',
          headItem?.loc ??
            (isRecord(ctx.head.root.webhooks) ? webhooksLoc : { file: ctx.head.entry, pointer: [] }),
          baseOp.loc,
          `webhook ${name} (${method.toUpperCase()}) was removed (base ${ctx.base.describe(baseOp.loc)}); subscribers stop receiving it`
        )
        continue
      }
      const baseBody = resolve(ctx.base, child(baseOp.loc, 'requestBody'))
      const headBody = resolve(ctx.head, child(headOp.loc, 'requestBody'))
      if (baseBody && headBody) compareSchemasInto(ctx, baseBody, headBody, 'response', 'payload')
    }
  }
  for (const name of Object.keys(head)) {
    if (name in base) continue
    ctx.at(`webhook ${name}`)
    ctx.info(
      'webhook-added',
      { file: ctx.head.entry, pointer: ['webhooks', name] },
      `webhook ${name} was added`
    )
  }
}
