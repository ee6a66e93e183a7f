module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'consumer-management',
  rootDir: __dirname,
};
