import { notAvailableGate } from '../not-available.js'

export const deploymentGate = notAvailableGate('deployment', 'Deployment record')
