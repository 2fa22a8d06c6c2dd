// ESM + ts-jest: tests run under `node --experimental-vm-modules` (see package.json "test").
// Type checking is `npm run typecheck`'s job, so ts-jest only transpiles (isolatedModules), which keeps the suite fast.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, diagnostics: false }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  reporters: ['default', '<rootDir>/scripts/jest-rule-coverage.js', '<rootDir>/scripts/jest-closing-line.js'],
  testTimeout: 60000,
  maxWorkers: 2
}
