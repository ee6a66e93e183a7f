#!/usr/bin/env node
// `npm start`: install, generate, migrate, build, start all six apps, wait until each reports
// ready and print where everything lives. Ctrl-C stops them all gracefully.
// Logs of each app go to .portico/logs/<app>.log (`npm start -- --logs` streams them instead).
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkInfrastructure,
  fail,
  install,
  loadEnv,
  log,
  pnpmCommand,
  root,
  run,
  spawn,
} from './common.mjs';

const APPS = [
  { name: 'registry', port: 3001 },
  { name: 'consumer-management', port: 3002 },
  { name: 'analytics', port: 3003 },
  { name: 'webhook-dispatcher', port: 3004 },
  { name: 'integration-connectors', port: 3005 },
  { name: 'gateway', port: 8080 },
];
const streamLogs = process.argv.includes('--logs');

const env = { ...loadEnv(), NX_TUI: 'false', NX_NO_CLOUD: 'true' };
const pnpm = pnpmCommand();
install(pnpm);
await checkInfrastructure(env);

const stateDir = path.join(root, '.portico');
mkdirSync(path.join(stateDir, 'logs'), { recursive: true });

/** A secret made once and kept in .portico/<file> (mode 600; .portico/ is gitignored). */
function keptSecret(file, make) {
  const p = path.join(stateDir, file);
  if (!existsSync(p)) writeFileSync(p, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(p, 'utf8').trim();
}
// The apps refuse to run in production without PORTICO_SECRET_KEY; `npm start` never runs keyless.
if (!env.PORTICO_SECRET_KEY) {
  env.PORTICO_SECRET_KEY = keptSecret('secret-key', () => randomBytes(32).toString('base64'));
}
const adminKeyFromFile = !env.PORTICO_BOOTSTRAP_ADMIN_KEY;
if (adminKeyFromFile) {
  env.PORTICO_BOOTSTRAP_ADMIN_KEY = keptSecret(
    'admin-key',
    () => `pk_admin_${randomBytes(24).toString('base64url')}`,
  );
}

log('generating Prisma clients and applying migrations');
run(pnpm, ['db', 'generate'], { env });
run(pnpm, ['db', 'migrate'], { env });
log('building');
run(pnpm, ['exec', 'nx', 'run-many', '-t', 'build', '--outputStyle=static'], { env });

const children = [];
let stopping = false;
for (const app of APPS) {
  const port = Number(env[`${app.name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? app.port);
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(root, 'apps', app.name, 'dist', 'main.js')],
    {
      cwd: root,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const file = createWriteStream(path.join(stateDir, 'logs', `${app.name}.log`), { flags: 'a' });
  for (const s of [child.stdout, child.stderr]) {
    s.pipe(file, { end: false });
    if (streamLogs) s.on('data', (d) => process.stdout.write(`${app.name.padEnd(23)}| ${d}`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(
        `${app.name} exited (${signal ?? code}); see .portico/logs/${app.name}.log. Stopping the suite.`,
      );
      stopAll(1);
    }
  });
  children.push({ ...app, port, child });
}

function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping all apps');
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
  const waitAll = Promise.all(
    children.map((c) =>
      c.child.exitCode !== null ? null : new Promise((r) => c.child.once('exit', r)),
    ),
  );
  const timer = setTimeout(() => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  }, 15_000);
  void waitAll.then(() => {
    clearTimeout(timer);
    log('stopped');
    process.exit(code);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function ready(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return res.status === 200;
  } catch {
    return false;
  }
}

const deadline = Date.now() + 90_000;
for (const c of children) {
  while (!(await ready(c.port))) {
    if (stopping) process.exit(1);
    if (Date.now() > deadline) {
      fail(`${c.name} did not report ready within 90 s; see .portico/logs/${c.name}.log`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

log('Portico is running:');
for (const c of children) {
  const base = `http://127.0.0.1:${c.port}`;
  process.stdout.write(
    `  ${c.name.padEnd(23)} ${base.padEnd(24)} docs ${base}/docs   health ${base}/health/ready\n`,
  );
}
process.stdout.write(
  adminKeyFromFile
    ? `  admin API key (tenant ten_default, send as X-API-Key): ${env.PORTICO_BOOTSTRAP_ADMIN_KEY}\n    kept in .portico/admin-key\n`
    : `  admin API key: the value of PORTICO_BOOTSTRAP_ADMIN_KEY\n`,
);
process.stdout.write(`  logs: .portico/logs/<app>.log — press Ctrl-C to stop\n`);
