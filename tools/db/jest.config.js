module.exports = { ...require('../../jest.preset.js'), displayName: 'db-tool', rootDir: __dirname };
