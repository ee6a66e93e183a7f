// Jest transformer for JavaScript files: ES modules (by extension or by their package's "type")
// are compiled to CommonJS with SWC; CommonJS files pass through untouched.
const fs = require('node:fs');
const path = require('node:path');
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023', keepClassNames: true },
  module: { type: 'commonjs' },
});

const typeCache = new Map();
function packageType(dir) {
  if (typeCache.has(dir)) return typeCache.get(dir);
  let type = 'commonjs';
  const pkg = path.join(dir, 'package.json');
  if (fs.existsSync(pkg)) {
    try {
      type = JSON.parse(fs.readFileSync(pkg, 'utf8')).type || 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    const parent = path.dirname(dir);
    type = parent === dir ? 'commonjs' : packageType(parent);
  }
  typeCache.set(dir, type);
  return type;
}

function isEsm(filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs')) return false;
  return packageType(path.dirname(filename)) === 'module';
}

module.exports = {
  canInstrument: false,
  process(src, filename, options) {
    if (!isEsm(filename)) return { code: src };
    return swc.process(src, filename, options);
  },
  getCacheKey(src, filename, options) {
    return `${isEsm(filename) ? 'esm' : 'cjs'}:${swc.getCacheKey(src, filename, options)}`;
  },
};
