#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (no build step), resolving workspace libraries to their
// sources too, the way the apps run in development.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const res = spawnSync(
  process.execPath,
  [
    '--conditions=@portico/source',
    '-r',
    require.resolve('@swc-node/register', { paths: [__dirname] }),
    path.join(__dirname, '..', 'src', 'main.ts'),
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: {
      SWC_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json'),
      ...process.env,
    },
  },
);
if (res.error) {
  console.error(`portico: ${res.error.message}`);
  process.exit(1);
}
process.exit(res.status ?? 1);
