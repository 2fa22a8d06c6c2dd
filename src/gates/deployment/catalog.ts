/**
 * The deployment gate's rules. It records deployments rather than judging them, so it has no finding of its
 * own today: API failures are errors of the run (one line, non-zero exit), not findings.
 */
import { defineCatalog } from '../../rules/catalog.js'

export const catalog = defineCatalog('deployment', {})
