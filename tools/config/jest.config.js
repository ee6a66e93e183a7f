module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'config-cli',
  rootDir: __dirname,
};
