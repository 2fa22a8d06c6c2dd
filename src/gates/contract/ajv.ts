/**
 * The ajv classes the contract gate validates with (draft-07 and 2020-12) and ajv-formats. They are CommonJS; under
 * ESM the class can sit on `.default` or be the module itself, so the interop is resolved here, once.
 */
import AjvDraft7Module from 'ajv'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

export type AjvClass = typeof AjvDraft7Module.default
export const AjvDraft7 = ((AjvDraft7Module as unknown as { default?: AjvClass }).default ??
  AjvDraft7Module) as AjvClass
export const Ajv2020 = ((Ajv2020Module as unknown as { default?: AjvClass }).default ??
  Ajv2020Module) as AjvClass
export const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default
