import { notAvailableGate } from '../not-available.js'

export const healthGate = notAvailableGate('health', 'Post-deploy health')
