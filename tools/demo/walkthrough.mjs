#!/usr/bin/env node
// Runs src/main.ts from its TypeScript source (no build step).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.SWC_NODE_PROJECT ??= path.join(here, 'tsconfig.json');
const require = createRequire(import.meta.url);
require('@swc-node/register');
require(path.join(here, 'src', 'main.ts'));
