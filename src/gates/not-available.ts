import { InputError } from '../errors.js'
import type { Gate, GateName } from '../types.js'

/** A gate named in the interface whose implementation has not shipped yet: a clear error, never a pass. */
export function notAvailableGate(name: GateName, title: string): Gate<never> {
  const fail = (): never => {
    throw new InputError(`gate '${name}' (${title}) is not available in this version of deploy-gates yet`)
  }
  return { name, title, parseInputs: fail, run: async () => fail() }
}
