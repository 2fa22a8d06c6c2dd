import { notAvailableGate } from '../not-available.js'

export const contractGate = notAvailableGate('contract', 'API contract')
