import { notAvailableGate } from '../not-available.js'

export const rollbackGate = notAvailableGate('rollback', 'Rollback target')
