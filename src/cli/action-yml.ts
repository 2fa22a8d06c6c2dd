// The one place that embeds action.yml: the CLI's options and --help come from the action's own declaration.
import actionYml from '../../action.yml'
import { parseActionInputs } from './action-inputs.js'

export const ACTION_INPUTS = parseActionInputs(actionYml)
