/** One jest run for every workspace: TypeScript through ts-jest, a real PostgreSQL from global setup. */
// ts-jest transpiles each file on its own (type checking is `npm run typecheck`'s job).
// Not swc: its native builds for other platforms are missing from the registry here,
// which leaves a lockfile `npm ci` refuses.
const { registeredSubgraphs } = require('./scripts/registry');

const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', isolatedModules: true, diagnostics: false }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@rehab/(server-kit|shared-schema)$': '<rootDir>/$1/src',
    // Every subgraph registered in subgraphs/registry.json.
    [`^@rehab/(${registeredSubgraphs().join('|')})$`]: '<rootDir>/subgraphs/$1/src/server',
    '^@rehab/gateway$': '<rootDir>/gateway/src/exports',
    '^@rehab/hive-gateway$': '<rootDir>/hive-gateway/src/exports',
    '^@rehab/ops$': '<rootDir>/ops/src/exports',
  },
  testMatch: ['<rootDir>/**/src/**/__tests__/**/*.test.ts', '<rootDir>/test/src/**/*.test.ts'],
  // Folders under subgraphs/ starting with a dot are scratch space (a test's throwaway subgraph), not subgraphs.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/subgraphs/\\.'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
