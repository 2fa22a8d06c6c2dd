import { notAvailableGate } from '../not-available.js'

export const metricsGate = notAvailableGate('metrics', 'Delivery metrics')
