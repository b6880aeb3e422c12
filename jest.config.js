/** One jest run for every workspace: TypeScript through swc, a real PostgreSQL from global setup. */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs', ignoreDynamic: true },
}];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@rehab/(server-kit|shared-schema)$': '<rootDir>/$1/src',
    '^@rehab/(police|labor-welfare|health|volunteers)$': '<rootDir>/subgraphs/$1/src/server',
    '^@rehab/gateway$': '<rootDir>/gateway/src/exports',
    '^@rehab/ops$': '<rootDir>/ops/src/exports',
  },
  testMatch: ['<rootDir>/**/src/**/__tests__/**/*.test.ts', '<rootDir>/test/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
