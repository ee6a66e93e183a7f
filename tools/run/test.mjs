#!/usr/bin/env node
// `npm test`: install, generate Prisma clients, check migrations for drift, then typecheck, lint and
// test every project through Nx (unit and integration tests against the real PostgreSQL, NATS and
// Redis). Extra arguments go to Nx, e.g. `npm test -- --projects=registry` or `--skip-nx-cache`.
import { checkInfrastructure, install, loadEnv, log, pnpmCommand, run } from './common.mjs';

const env = { ...loadEnv(), TZ: 'UTC', NX_TUI: 'false', NX_NO_CLOUD: 'true' };
const pnpm = pnpmCommand();
install(pnpm);
await checkInfrastructure(env);

log('checking formatting (prettier)');
run(pnpm, ['exec', 'prettier', '--check', '--log-level=warn', '.'], { env });

log('generating Prisma clients and checking migrations for drift');
run(pnpm, ['db', 'generate'], { env });
run(pnpm, ['db', 'check'], { env });

const extra = process.argv.slice(2);
log('typecheck, lint and test every project');
run(
  pnpm,
  ['exec', 'nx', 'run-many', '-t', 'typecheck', 'lint', 'test', '--outputStyle=stream', ...extra],
  {
    env,
  },
);
log('all checks passed');
