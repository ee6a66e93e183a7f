// Shared Jest preset. Our code is CommonJS TypeScript compiled by SWC (with decorator metadata for
// NestJS); ESM-only dependencies (NestJS 12, NATS v3, ...) are turned into CommonJS on the fly,
// because Jest on Node 20 cannot require() an ES module the way Node itself can.
const path = require('node:path');

const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  // '@portico/source' makes workspace libraries resolve to their TypeScript sources (no build needed).
  testEnvironmentOptions: {
    customExportConditions: ['node', 'require', 'default', '@portico/source'],
  },
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcTs],
    '^.+\\.m?js$': path.join(__dirname, 'tools/jest/esm-to-cjs.js'),
  },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.integration-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out-tsc/'],
  setupFiles: [path.join(__dirname, 'tools/jest/setup.js')],
  testTimeout: 30_000,
  // Integration suites share one PostgreSQL/NATS; each uses its own schema and stream names,
  // but two workers per project are plenty on a 2-core machine.
  maxWorkers: 2,
};
