import { notAvailableGate } from '../not-available.js'

export const envGate = notAvailableGate('env', 'Environment validation')
