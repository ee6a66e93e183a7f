// The end-to-end test starts all six apps as processes: it runs alone, with a long timeout.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'demo',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/**/*.spec.ts',
    '<rootDir>/**/*.integration-spec.ts',
    '<rootDir>/**/*.e2e-spec.ts',
  ],
  maxWorkers: 1,
};
