import { notAvailableGate } from '../not-available.js'

export const migrationsGate = notAvailableGate('migrations', 'Migration check')
