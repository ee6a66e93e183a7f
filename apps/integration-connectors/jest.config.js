module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'integration-connectors',
  rootDir: __dirname,
};
